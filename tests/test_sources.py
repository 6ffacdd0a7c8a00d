"""Downloads over real sockets: retries, caps, timeouts, truncated bodies."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from bot.sources import DownloadPolicy, SourceError, fetch_source
from tests.local_http import LocalServer, Reply, local_server

BODY = b'"_id","source","name"\r\n' + b"x" * 300_000
LAST_MODIFIED = {"Last-Modified": "Fri, 31 Jul 2026 13:15:00 GMT"}
OK = Reply(200, BODY, LAST_MODIFIED)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.reply("/csl.csv", OK)
        yield running


def no_sleep(seconds: float) -> None:
    pass


def test_a_good_download_returns_the_whole_body_and_reports_progress(server):
    seen = []
    body = fetch_source(
        server.url("/csl.csv"), progress=lambda got, size: seen.append((got, size))
    ).body
    assert body == BODY
    assert seen[-1] == (len(BODY), len(BODY))
    assert len(seen) > 1


def test_server_errors_are_retried_with_backoff(server):
    server.reply("/csl.csv", Reply(503), Reply(500), OK)
    waits = []
    assert fetch_source(server.url("/csl.csv"), sleep=waits.append).body == BODY
    assert server.count("/csl.csv") == 3
    assert waits == [1.0, 2.0]


def test_a_missing_file_is_not_retried(server):
    with pytest.raises(SourceError, match="HTTP 404"):
        fetch_source(server.url("/gone.csv"), sleep=no_sleep)
    assert server.count("/gone.csv") == 1


def test_giving_up_after_the_last_attempt_says_what_each_one_met(server):
    server.reply("/csl.csv", Reply(500))
    with pytest.raises(SourceError, match=r"attempt 1: HTTP 500.*attempt 3: HTTP 500"):
        fetch_source(server.url("/csl.csv"), sleep=no_sleep)
    assert server.count("/csl.csv") == 3


def test_a_truncated_body_is_detected_and_retried(server):
    cut = Reply(200, BODY, cut_after=len(BODY) // 3)
    server.reply("/csl.csv", cut, OK)
    assert fetch_source(server.url("/csl.csv"), sleep=no_sleep).body == BODY
    server.reply("/cut.csv", cut)
    with pytest.raises(SourceError, match=r"truncated|broke off"):
        fetch_source(server.url("/cut.csv"), sleep=no_sleep)


def test_a_server_that_does_not_answer_in_time_times_out(server):
    server.reply("/csl.csv", Reply(200, BODY, delay=2))
    policy = DownloadPolicy(timeout_seconds=0.3, attempts=2)
    with pytest.raises(SourceError, match="timed out"):
        fetch_source(server.url("/csl.csv"), policy, sleep=no_sleep)
    assert server.count("/csl.csv") == 2


def test_a_download_over_the_size_cap_is_abandoned(server):
    server.reply("/csl.csv", Reply(200, b"y" * 65536, chunks=64))
    with pytest.raises(SourceError, match="cap"):
        fetch_source(server.url("/csl.csv"), DownloadPolicy(max_bytes=1_000_000), sleep=no_sleep)
    assert server.count("/csl.csv") == 1


def test_an_unreachable_host_fails_with_the_reason():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match="cannot reach"):
        fetch_source(f"http://127.0.0.1:{port}/csl.csv", sleep=no_sleep)


def test_local_files(tmp_path):
    path = tmp_path / "csl.csv"
    path.write_bytes(BODY)
    assert fetch_source(str(path)).body == BODY
    # A file is given as its path: a file:// URL is refused like any scheme but http(s).
    with pytest.raises(SourceError, match=f"cannot fetch file://{path}: only http"):
        fetch_source(f"file://{path}")
    with pytest.raises(SourceError, match="cannot read"):
        fetch_source(str(tmp_path / "missing.csv"))
    with pytest.raises(SourceError, match="cap"):
        fetch_source(str(path), DownloadPolicy(max_bytes=10))


def test_the_source_says_when_it_last_changed(server, tmp_path):
    fetched = fetch_source(server.url("/csl.csv"))
    assert fetched.last_modified.isoformat() == "2026-07-31T13:15:00+00:00"
    path = tmp_path / "csl.csv"
    path.write_bytes(BODY)
    assert fetch_source(str(path)).last_modified is not None
