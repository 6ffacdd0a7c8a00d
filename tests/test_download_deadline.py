"""A download has an overall deadline: a server trickling a byte at a time, which never lets
the per-read timeout fire, is cut off when it passes, over real sockets."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.sources import DownloadPolicy, SourceError, fetch_source
from tests.local_http import Reply, local_server, self_signed_certificate

# Each byte comes well within the per-read timeout; the whole would take minutes.
TRICKLE_EVERY = 0.05
POLICY = DownloadPolicy(timeout_seconds=1.0, deadline_seconds=1.0, backoff_seconds=0)


@contextmanager
def trickling_server(whole: bytes, trickled: bytes, tls: Path | None = None) -> Iterator[str]:
    """A server answering each connection with `whole` at once, then `trickled` a byte at a
    time; it stops when the test is over. With `tls`, a directory holding cert.pem and
    key.pem, it speaks TLS."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
        listener = context.wrap_socket(listener, server_side=True)
    listener.settimeout(0.05)

    def answer(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            connection.recv(65536)  # the request
            connection.sendall(whole)
            for byte in trickled:
                if stop.wait(TRICKLE_EVERY):
                    return
                connection.sendall(bytes([byte]))

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except (TimeoutError, ssl.SSLError):
                continue
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/consolidated.csv"
    finally:
        stop.set()
        server.join(timeout=5)
        listener.close()


def refused_within(url: str, seconds: float, policy: DownloadPolicy = POLICY) -> str:
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        fetch_source(url, policy)
    assert time.monotonic() - started < seconds
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("whole", "trickled"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", b"x" * 100_000),
        # Without a length the end of the stream would otherwise pass for the end of the file.
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"x" * 100_000),
        (b"", b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 100_000),
    ],
    ids=["body-with-length", "body-without-length", "headers"],
)
def test_a_trickling_server_is_cut_off_at_the_deadline(whole, trickled):
    with trickling_server(whole, trickled) as url:
        message = refused_within(url, 3.0)
    assert message.startswith("could not download http://127.0.0.1:")
    assert "within the 1-second deadline (ENTITYBOT_DOWNLOAD_DEADLINE; " in message
    assert "attempt 1: stopped at the deadline" in message


def test_the_deadline_bounds_the_waits_between_attempts_too():
    with local_server() as server:
        server.reply("/csl.csv", Reply(500))
        policy = DownloadPolicy(timeout_seconds=1.0, deadline_seconds=1.0, backoff_seconds=30)
        message = refused_within(server.url("/csl.csv"), 3.0, policy)
    assert "attempt 1: HTTP 500" in message and "deadline" in message
    assert server.count("/csl.csv") == 1


def test_a_download_within_the_deadline_is_whole():
    body = b"y" * 200_000
    with local_server() as server:
        server.reply("/csl.csv", Reply(200, body))
        assert fetch_source(server.url("/csl.csv"), POLICY).body == body


@pytest.fixture
def trusted_certificate(tmp_path, monkeypatch) -> Path:
    """A self-signed certificate for 127.0.0.1 that this process's TLS trusts."""
    self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))
    return tmp_path


def test_the_deadline_holds_over_https_too(trusted_certificate):
    whole = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
    with trickling_server(whole, b"x" * 100_000, tls=trusted_certificate) as url:
        message = refused_within(url.replace("http://", "https://"), 3.0)
    assert "within the 1-second deadline" in message and "stopped at the deadline" in message
