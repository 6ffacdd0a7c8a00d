"""One small real HTTP server for tests: each path answers as the test scripts it."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    cut_after: int | None = None  # send only this many body bytes, then hang up
    chunks: int = 0  # stream the body this many times over, without Content-Length
    # Answer only once this is set (or after HOLD_LIMIT seconds): a download held open for
    # exactly as long as the test needs it.
    release: threading.Event | None = None


HOLD_LIMIT = 10.0


@dataclass
class LocalServer:
    base_url: str = ""
    requests: list[str] = field(default_factory=list)
    # path -> replies to give in turn; the last one repeats.
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    # path prefix -> a function making the reply from the request path.
    dynamic: dict[str, Callable[[str], Reply]] = field(default_factory=dict)

    def reply(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def count(self, path: str) -> int:
        return sum(1 for request in self.requests if request.split("?")[0] == path)

    def _next(self, path: str) -> Reply:
        bare = path.split("?")[0]
        for prefix, make in self.dynamic.items():
            if bare.startswith(prefix):
                return make(path)
        replies = self.routes.get(bare)
        if not replies:
            return Reply(404, b"not found")
        return replies.pop(0) if len(replies) > 1 else replies[0]


@contextmanager
def local_server() -> Iterator[LocalServer]:
    state = LocalServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            # The client may give up first, as clients under test are meant to.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer()

        def _answer(self) -> None:
            state.requests.append(self.path)
            reply = state._next(self.path)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.release is not None:
                reply.release.wait(HOLD_LIMIT)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.chunks:
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(reply.chunks):
                    self.wfile.write(reply.body)
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.cut_after is not None:
                self.wfile.write(reply.body[: reply.cut_after])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    # A short poll: shutdown() waits for the loop to look again, 0.5 s by default.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def self_signed_certificate(directory: Path) -> Path:
    """A self-signed certificate for 127.0.0.1, written to `directory` as cert.pem and
    key.pem; the test is skipped where openssl is not installed."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", directory / "key.pem", "-out", directory / "cert.pem"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return directory
