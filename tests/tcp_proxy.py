"""A TCP relay in front of a real server, which a test can close as a stopping server would:
every open connection is cut and new ones are refused. Used to stop "PostgreSQL" in the
middle of a refresh or a lookup without touching the server other tests share."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Relay:
    target: tuple[str, int]
    listener: socket.socket
    port: int = 0
    connections: list[socket.socket] = field(default_factory=list)
    accepted: int = 0
    closed: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        """Refuse new connections and cut every open one, both ways."""
        self.closed.set()
        # shutdown() first: close() alone leaves a socket that a thread blocked in accept()
        # holds still listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self._lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.closed.is_set():
                client.close()
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self.connections += [client, upstream]
                self.accepted += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextmanager
def tcp_relay(host: str, port: int) -> Iterator[Relay]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    relay = Relay((host, port), listener, port=listener.getsockname()[1])
    threading.Thread(target=relay._serve, daemon=True).start()
    try:
        yield relay
    finally:
        if not relay.closed.is_set():
            relay.stop()
