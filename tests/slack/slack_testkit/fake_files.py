"""The fake Slack's files and views: what slack_sdk's files_upload_v2 (an upload URL, the
bytes posted to it, then files.completeUploadExternal), conversations.open and views_publish
ask of Slack."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any


@dataclass(frozen=True)
class SharedFile:
    """A file files.completeUploadExternal put in a channel, with what was uploaded."""

    file_id: str
    channel: str
    title: str
    initial_comment: str
    content: bytes
    thread_ts: str = ""


FILE_AND_VIEW_METHODS = frozenset(
    {
        "conversations.open",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
        "views.publish",
        "files.info",
        # /entity-watch import: the channel's newest files.
        "files.list",
    }
)


class FilesAndViews:
    """What slack_sdk's files_upload_v2 and views_publish ask of Slack (mixed into FakeSlack)."""

    uploads: dict[str, bytes]
    # An error a test makes one of these methods answer with ("not_allowed", say).
    file_errors: dict[str, str]
    shared_files: list[SharedFile]
    _file_ids: itertools.count[int]
    _changed: threading.Condition
    url: str
    bot_token: str
    # Files people shared, by id: (name, bytes), served at private_url() to the bot token.
    private_files: dict[str, tuple[str, bytes]]
    downloads: list[str]

    def share_private(self, file_id: str, name: str, content: bytes) -> dict[str, Any]:
        """A file as a message event carries it, its bytes served only with the token."""
        self.private_files[file_id] = (name, content)
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": suffix,
            "pretty_type": suffix.upper(),
            "size": len(content),
            "url_private": f"{self.url}/files-pri/{file_id}/{name}",
            "url_private_download": f"{self.url}/files-pri/{file_id}/download/{name}",
        }

    def _download(self, request: BaseHTTPRequestHandler) -> None:
        """url_private_download: the file's bytes, only to the bot token, as in Slack."""
        file_id = request.path.removeprefix("/files-pri/").split("/", 1)[0]
        with self._changed:
            self.downloads.append(file_id)
            self._changed.notify_all()
        if request.headers.get("Authorization") != f"Bearer {self.bot_token}":
            # Slack answers a request without the token with its sign-in page, not the file.
            _reply(request, 302, b"")
        elif file_id not in self.private_files:
            _reply(request, 404, b"file_not_found")
        else:
            _reply(request, 200, self.private_files[file_id][1])

    def _upload(self, request: BaseHTTPRequestHandler) -> None:
        """The upload URL: the file's bytes, posted raw, as slack_sdk does."""
        data = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        file_id = request.path.removeprefix("/upload/")
        with self._changed:
            known = file_id in self.uploads
            if known:
                self.uploads[file_id] = data
            self._changed.notify_all()
        if known:
            _reply(request, 200, f"OK - {len(data)}".encode())
        else:
            _reply(request, 404, b"unknown upload")

    def _answer_file_or_view(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if error := self.file_errors.get(method):
            return {"ok": False, "error": error}
        if method == "conversations.open":
            users = str(body.get("users", ""))
            if not users.startswith(("U", "W")) or "," in users:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "channel": {"id": "D" + users[1:]}}
        if method == "files.getUploadURLExternal":
            if not body.get("filename") or not str(body.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{next(self._file_ids):08d}"
            with self._changed:
                self.uploads[file_id] = b""
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            return self._complete_upload(body)
        if method == "files.list":
            # Newest first, as Slack lists them; every private file counts as in the channel.
            shared = [self.share_private(i, *found) for i, found in self.private_files.items()]
            return {"ok": True, "files": shared[::-1]}
        if method == "files.info":
            found = self.private_files.get(str(body.get("file") or ""))
            if found is None:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": self.share_private(str(body["file"]), *found)}
        view = body.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        if not body.get("user_id") or not isinstance(view, dict) or view.get("type") != "home":
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {"id": "V0HOME", **view}}

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        files = json.loads(body.get("files") or "[]")
        channel = str(body.get("channel_id") or "")
        with self._changed:
            if not files or any(not self.uploads.get(f.get("id", "")) for f in files):
                return {"ok": False, "error": "file_not_found"}
            for f in files:
                self.shared_files.append(
                    SharedFile(
                        f["id"],
                        channel,
                        f.get("title", ""),
                        str(body.get("initial_comment") or ""),
                        self.uploads[f["id"]],
                        str(body.get("thread_ts") or ""),
                    )
                )
            self._changed.notify_all()
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}


def view_blocks(body: dict[str, Any]) -> list[Any]:
    view = body.get("view") or {}
    view = json.loads(view) if isinstance(view, str) else view
    blocks = view.get("blocks", []) if isinstance(view, dict) else []
    return blocks if isinstance(blocks, list) else []


def _reply(request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    request.send_response(status)
    request.send_header("Content-Type", "text/plain")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)
