"""An overall deadline for a download, over all its attempts.

A per-read timeout never fires against a server that trickles one byte a second, in its
headers or its body, so reads alone cannot bound a download: at the deadline a timer shuts
the connection's socket from outside, and whatever read was waiting on it ends at once.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.request
from functools import partial
from types import TracebackType
from typing import Any


class DownloadDeadline:
    """Started on entering its `with` block; sockets it watches are shut when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._passed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> DownloadDeadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    @property
    def passed(self) -> bool:
        return self._passed or time.monotonic() >= self._ends

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def watch(self, connection: socket.socket) -> None:
        with self._lock:
            if self._passed:
                _shut(connection)
            else:
                self._sockets.append(connection)

    def opener(self) -> urllib.request.OpenerDirector:
        """urllib's usual opener (redirects, proxies, errors), with connections watched."""
        return urllib.request.build_opener(_HttpHandler(self), _HttpsHandler(self))

    def _expire(self) -> None:
        with self._lock:
            self._passed = True
            for connection in self._sockets:
                _shut(connection)


def _shut(connection: socket.socket) -> None:
    # The plain socket's shutdown even for TLS: SSLSocket.shutdown would drop its TLS state
    # under the thread still reading from it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(connection, socket.SHUT_RDWR)


class _HttpConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, deadline: DownloadDeadline, **options: Any) -> None:
        super().__init__(host, **options)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _HttpsConnection(_HttpConnection, http.client.HTTPSConnection):
    """The same watch, on the socket once TLS wraps it (HTTPSConnection.connect's)."""


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: DownloadDeadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HttpConnection, deadline=self._deadline), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: DownloadDeadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HttpsConnection, deadline=self._deadline), req)
