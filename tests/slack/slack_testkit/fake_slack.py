"""A local stand-in for Slack: the Web API's JSON, response_url posts, and a Socket Mode
WebSocket, all on a real socket, every request recorded."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from slack_testkit.fake_files import FILE_AND_VIEW_METHODS, FilesAndViews, SharedFile, view_blocks
from slack_testkit.messages import block_problems
from slack_testkit.workflow_steps import STEP_METHODS, STEP_TOKEN, answer_step

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
TEAM_ID = "T0TEST"
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class BusyServer(ThreadingHTTPServer):
    """socketserver listens with a backlog of 5: a burst of posts past that has its
    connections dropped and retried a second later, which would time the fake, not the app."""

    request_queue_size = 256
    daemon_threads = True


@dataclass
class Call:
    """One request the app made to Slack."""

    kind: str  # "api" or "response_url"
    name: str  # the API method, or the response_url's id
    body: dict[str, Any]
    raw: str
    headers: dict[str, str]
    at: float = field(default_factory=time.perf_counter)


class FakeSlack(FilesAndViews):
    def __init__(self, bot_token: str = BOT_TOKEN) -> None:
        self.bot_token = bot_token
        self.calls: list[Call] = []
        # Payloads real Slack would refuse (too many blocks, a section too long, ...).
        self.refused: list[tuple[Call, list[str]]] = []
        # Channels the bot is not a member of: posting there fails as it does in Slack.
        self.channels_without_bot: set[str] = set()
        # Channels Slack does not show the bot at all (private ones it is not in).
        self.channels_not_found: set[str] = set()
        # files_upload_v2: the bytes posted to each upload URL, by file id, and each file
        # completed into a channel.
        self.uploads: dict[str, bytes] = {}
        self.shared_files: list[SharedFile] = []
        self.file_errors: dict[str, str] = {}
        self.private_files: dict[str, tuple[str, bytes]] = {}
        self.downloads: list[str] = []
        self._file_ids = itertools.count(1)
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                fake._post(self)

            def do_GET(self) -> None:
                if self.path.startswith("/socket"):
                    fake.socket_mode._upgrade(self)
                elif self.path.startswith("/files-pri/"):
                    fake._download(self)
                else:
                    self.send_error(404)

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = BusyServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.socket_mode = _SocketMode(self)

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.socket_mode.close()
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def new_response_url(self) -> str:
        return f"{self.url}/response/{uuid.uuid4().hex}"

    # -- what the app sent ----------------------------------------------------------------

    def api_calls(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.kind == "api" and call.name == method]

    def posts_to(self, response_url: str) -> list[Call]:
        name = response_url.rsplit("/", 1)[-1]
        with self._changed:
            return [c for c in self.calls if c.kind == "response_url" and c.name == name]

    def outgoing(self) -> list[Call]:
        """Everything the app sent, auth.test aside."""
        with self._changed:
            return [c for c in self.calls if not (c.kind == "api" and c.name == "auth.test")]

    def wait_for(
        self, found: Callable[[FakeSlack], list[Call]], count: int = 1, timeout: float = 10.0
    ) -> list[Call]:
        """Wait until `found(self)` holds `count` calls; fail the test after `timeout`."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(found(self)) >= count, timeout):
                raise AssertionError(
                    f"waited {timeout} s for {count} call(s), got {len(found(self))}: "
                    f"{[(c.kind, c.name) for c in self.calls]}"
                )
            return found(self)

    def wait_for_response(self, response_url: str, count: int = 1, timeout: float = 10) -> Call:
        return self.wait_for(lambda fake: fake.posts_to(response_url), count, timeout)[count - 1]

    # -- serving --------------------------------------------------------------------------

    def _post(self, request: BaseHTTPRequestHandler) -> None:
        if request.path.startswith("/upload/"):
            self._upload(request)
            return
        raw = request.rfile.read(int(request.headers.get("Content-Length") or 0)).decode()
        body = _parse(raw, request.headers.get("Content-Type", ""))
        headers = {key.lower(): value for key, value in request.headers.items()}
        if request.path.startswith("/response/"):
            call = Call("response_url", request.path.rsplit("/", 1)[-1], body, raw, headers)
            self._record(call)
            if problems := block_problems(body.get("blocks", [])):
                self.refused.append((call, problems))
                _reply(request, 400, b"invalid_blocks", "text/plain")
            else:
                _reply(request, 200, b"ok", "text/plain")
            return
        if not request.path.startswith("/api/"):
            request.send_error(404)
            return
        method = request.path.removeprefix("/api/").split("?", 1)[0]
        call = Call("api", method, body, raw, headers)
        self._record(call)
        blocks = body.get("blocks", [])
        if method == "views.publish":
            blocks = view_blocks(body)
        problems = block_problems(json.loads(blocks) if isinstance(blocks, str) else blocks)
        if headers.get("authorization") != f"Bearer {self._token_for(method)}":
            answer: dict[str, Any] = {"ok": False, "error": "invalid_auth"}
        elif problems:
            self.refused.append((call, problems))
            answer = {"ok": False, "error": "invalid_blocks", "errors": problems}
        else:
            answer = self._answer(method, body)
        _reply(request, 200, json.dumps(answer).encode(), "application/json")

    def _token_for(self, method: str) -> str:
        if method in STEP_METHODS:
            return STEP_TOKEN
        return APP_TOKEN if method == "apps.connections.open" else self.bot_token

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://entitybot-test.slack.com/",
                "team": "entitybot test",
                "user": "entitybot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage" and body.get("channel") in self.channels_without_bot:
            return {"ok": False, "error": "not_in_channel"}
        if method == "chat.postMessage" and body.get("channel") in self.channels_not_found:
            return {"ok": False, "error": "channel_not_found"}
        if method == "chat.postMessage":
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
            message.update({k: body[k] for k in ("text", "blocks", "thread_ts") if k in body})
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update" and (error := self.file_errors.get(method)):
            return {"ok": False, "error": error}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method in FILE_AND_VIEW_METHODS:
            return self._answer_file_or_view(method, body)
        if method in STEP_METHODS:
            return answer_step(self, method, body)
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self._server.server_address[1]}/socket"}
        return {"ok": False, "error": "unknown_method"}


def _parse(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    return {key: values[0] for key, values in parse_qs(raw).items()}


def _reply(request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


class _SocketMode:
    """The WebSocket end of Socket Mode: envelopes out, acknowledgements in."""

    def __init__(self, fake: FakeSlack) -> None:
        self._fake = fake
        self._connections: list[socket.socket] = []
        self._connected = threading.Condition()
        self.acks: dict[str, dict[str, Any]] = {}

    def _upgrade(self, request: BaseHTTPRequestHandler) -> None:
        key = request.headers["Sec-WebSocket-Key"]
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        request.send_response(101, "Switching Protocols")
        request.send_header("Upgrade", "websocket")
        request.send_header("Connection", "Upgrade")
        request.send_header("Sec-WebSocket-Accept", accept)
        request.end_headers()
        request.wfile.flush()
        connection = request.connection
        _send_frame(connection, 0x1, json.dumps({"type": "hello", "num_connections": 1}))
        with self._connected:
            self._connections.append(connection)
            self._connected.notify_all()
        self._read(connection, request.rfile.read)
        request.close_connection = True

    def _read(self, connection: socket.socket, read: Callable[[int], bytes]) -> None:
        """Serve one connection until the app hangs up or the fake closes it (close()), in
        the server's own (daemon) thread: no test waits on this."""
        while (frame := _read_frame(read)) is not None:
            opcode, payload = frame
            if opcode == 0x8:
                return
            if opcode == 0x9:
                _send_frame(connection, 0xA, payload.decode("latin-1"))
            elif opcode == 0x1:
                message = json.loads(payload)
                with self._connected:
                    self.acks[message.get("envelope_id", "")] = message
                    self._connected.notify_all()

    def wait_connected(self, timeout: float = 15.0) -> None:
        with self._connected:
            if not self._connected.wait_for(lambda: self._connections, timeout):
                raise AssertionError("the app did not open a Socket Mode connection")

    def send(self, envelope_type: str, payload: dict[str, Any], **extra: Any) -> str:
        """Deliver one envelope as Slack does; returns its envelope_id."""
        envelope_id = uuid.uuid4().hex
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            **extra,
        }
        with self._connected:
            connection = self._connections[-1]
        _send_frame(connection, 0x1, json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        with self._connected:
            if not self._connected.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} was not acknowledged")
            return self.acks[envelope_id]

    def close(self) -> None:
        with self._connected:
            for connection in self._connections:
                try:
                    _send_frame(connection, 0x8, "")
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _send_frame(connection: socket.socket, opcode: int, text: str) -> None:
    payload = text.encode("utf-8") if opcode == 0x1 else text.encode("latin-1")
    head = bytes([0x80 | opcode])
    if len(payload) < 126:
        head += bytes([len(payload)])
    elif len(payload) < 1 << 16:
        head += bytes([126]) + struct.pack("!H", len(payload))
    else:
        head += bytes([127]) + struct.pack("!Q", len(payload))
    connection.sendall(head + payload)


def _read_frame(read: Callable[[int], bytes]) -> tuple[int, bytes] | None:
    """One client frame (always masked), read through the request's buffered reader."""
    try:
        head = read(2)
        if len(head) < 2:
            return None
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack("!H", read(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", read(8))[0]
        mask = read(4) if head[1] & 0x80 else b"\0\0\0\0"
        data = read(length) if length else b""
    except (OSError, struct.error):
        return None
    if len(mask) < 4 or len(data) < length:
        return None
    return opcode, bytes(byte ^ mask[n % 4] for n, byte in enumerate(data))
