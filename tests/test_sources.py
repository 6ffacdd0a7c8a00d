"""Downloads over real sockets: retries, caps, timeouts, truncated bodies."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from bot.sources import DownloadPolicy, SourceError, fetch_source, read_source

BODY = b'"_id","source","name"\r\n' + b"x" * 300_000


@dataclass
class Script:
    """What the server does on each successive request to a path."""

    steps: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            script.requests.append(self.path)
            steps = script.steps.get(self.path, ["ok"])
            step = steps.pop(0) if len(steps) > 1 else steps[0]
            if step == "ok":
                self._send(200, BODY)
            elif step.startswith("status:"):
                self._send(int(step.split(":")[1]), b"error page")
            elif step == "truncated":
                self.send_response(200)
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                self.wfile.write(BODY[: len(BODY) // 3])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            elif step == "slow":
                time.sleep(2)
                self._send(200, BODY)
            elif step == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(64):
                    self.wfile.write(b"y" * 65536)

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Last-Modified", "Fri, 31 Jul 2026 13:15:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    finally:
        httpd.shutdown()
        httpd.server_close()


def no_sleep(seconds: float) -> None:
    pass


def test_a_good_download_returns_the_whole_body_and_reports_progress(server):
    base, _ = server
    seen = []
    body = read_source(f"{base}/csl.csv", progress=lambda got, total: seen.append((got, total)))
    assert body == BODY
    assert seen[-1] == (len(BODY), len(BODY))
    assert len(seen) > 1


def test_server_errors_are_retried_with_backoff(server):
    base, script = server
    script.steps["/csl.csv"] = ["status:503", "status:500", "ok"]
    waits = []
    assert read_source(f"{base}/csl.csv", sleep=waits.append) == BODY
    assert script.requests == ["/csl.csv"] * 3
    assert waits == [1.0, 2.0]


def test_a_missing_file_is_not_retried(server):
    base, script = server
    script.steps["/gone.csv"] = ["status:404"]
    with pytest.raises(SourceError, match="HTTP 404"):
        read_source(f"{base}/gone.csv", sleep=no_sleep)
    assert script.requests == ["/gone.csv"]


def test_giving_up_after_the_last_attempt_says_what_each_one_met(server):
    base, script = server
    script.steps["/csl.csv"] = ["status:500"]
    with pytest.raises(SourceError, match=r"attempt 1: HTTP 500.*attempt 3: HTTP 500"):
        read_source(f"{base}/csl.csv", sleep=no_sleep)
    assert len(script.requests) == 3


def test_a_truncated_body_is_detected_and_retried(server):
    base, script = server
    script.steps["/csl.csv"] = ["truncated", "ok"]
    assert read_source(f"{base}/csl.csv", sleep=no_sleep) == BODY
    script.steps["/cut.csv"] = ["truncated"]
    with pytest.raises(SourceError, match=r"truncated|broke off"):
        read_source(f"{base}/cut.csv", sleep=no_sleep)


def test_a_server_that_does_not_answer_in_time_times_out(server):
    base, script = server
    script.steps["/csl.csv"] = ["slow"]
    policy = DownloadPolicy(timeout_seconds=0.3, attempts=2)
    with pytest.raises(SourceError, match="timed out"):
        read_source(f"{base}/csl.csv", policy, sleep=no_sleep)
    assert len(script.requests) == 2


def test_a_download_over_the_size_cap_is_abandoned(server):
    base, script = server
    script.steps["/csl.csv"] = ["huge"]
    with pytest.raises(SourceError, match="cap"):
        read_source(f"{base}/csl.csv", DownloadPolicy(max_bytes=1_000_000), sleep=no_sleep)
    assert len(script.requests) == 1


def test_an_unreachable_host_fails_with_the_reason():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match="cannot reach"):
        read_source(f"http://127.0.0.1:{port}/csl.csv", sleep=no_sleep)


def test_local_files(tmp_path):
    path = tmp_path / "csl.csv"
    path.write_bytes(BODY)
    assert read_source(str(path)) == BODY
    assert read_source(f"file://{path}") == BODY
    with pytest.raises(SourceError, match="cannot read"):
        read_source(str(tmp_path / "missing.csv"))
    with pytest.raises(SourceError, match="cap"):
        read_source(str(path), DownloadPolicy(max_bytes=10))


def test_the_source_says_when_it_last_changed(server, tmp_path):
    base, _ = server
    fetched = fetch_source(f"{base}/csl.csv")
    assert fetched.last_modified.isoformat() == "2026-07-31T13:15:00+00:00"
    path = tmp_path / "csl.csv"
    path.write_bytes(BODY)
    assert fetch_source(str(path)).last_modified is not None
