"""`entitybot` when things go wrong around it, as real processes: a refresh killed with
SIGKILL, a lock broken by hand, data older than the active data, a reader that stops early,
a SQLite database another process keeps locked, PostgreSQL stopping part-way. Each ends in
one line and an exit code, never a traceback, and changes nothing it should not."""

from __future__ import annotations

import json
import select
import signal
import socket
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.cli.cli_runner import SMALL_CSL, LineReader, run_cli, start_cli
from tests.local_http import LocalServer, Reply, local_server
from tests.tcp_proxy import Relay, tcp_relay
from tests.waiting import TIMEOUT, wait_until

# Starting Python and building the index of the small list, on a slow shared machine.
PROCESS_TIMEOUT = 60


@pytest.fixture
def held_download() -> Iterator[tuple[LocalServer, threading.Event]]:
    """A CSL download that answers only once the test sets the event."""
    release = threading.Event()
    with local_server() as server:
        server.reply("/held.csv", Reply(200, SMALL_CSL.read_bytes(), release=release))
        try:
            yield server, release
        finally:
            release.set()


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def status_of(data_dir: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    result = run_cli("status", "--json", data_dir=data_dir, env=env)
    assert result.returncode == 0, result.stderr
    status: dict[str, object] = json.loads(result.stdout)
    return status


def start_held_refresh(
    data_dir: Path, server: LocalServer, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    child = start_cli(
        "refresh",
        "--source",
        server.url("/held.csv"),
        "--as-of",
        "2026-08-01",
        data_dir=data_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The lock is taken before the download starts.
    wait_until(lambda: server.count("/held.csv"), "the refresh to be downloading", timeout=30)
    return child


def test_a_refresh_killed_with_sigkill_does_not_block_the_next_one(own_data_dir, held_download):
    server, _ = held_download
    child = start_held_refresh(own_data_dir, server)
    try:
        busy = run_cli("refresh", "--source", str(SMALL_CSL), data_dir=own_data_dir)
        assert busy.returncode == 1
        assert "a refresh is already running by cli" in one_line(busy.stderr)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=TIMEOUT)
    # At once, not when its lease runs out: its process is gone.
    result = run_cli(
        "refresh", "--source", str(SMALL_CSL), "--as-of", "2026-08-02", data_dir=own_data_dir
    )
    assert result.returncode == 0, result.stderr
    assert status_of(own_data_dir)["as_of"] == "2026-08-02"


def test_break_lock_says_whose_lock_it_broke_and_that_refresh_changes_nothing(
    own_data_dir, held_download
):
    server, release = held_download
    child = start_held_refresh(own_data_dir, server)
    try:
        broke = run_cli("refresh", "--break-lock", data_dir=own_data_dir)
    finally:
        release.set()
        _, stderr = child.communicate(timeout=PROCESS_TIMEOUT)
    assert broke.returncode == 0, broke.stderr
    assert (
        f"broke the refresh lock held by cli (pid {child.pid} on {socket.gethostname()}) since"
        in broke.stdout
    )
    assert "that process still runs: its refresh will fail without changing" in broke.stdout
    assert child.returncode == 1
    said = one_line(stderr)
    assert "lost the refresh lock" in said and "Nothing was changed" in said
    assert status_of(own_data_dir)["as_of"] == "2026-07-31"
    again = run_cli("refresh", "--break-lock", data_dir=own_data_dir)
    assert again.returncode == 0 and "there was no refresh lock" in again.stdout
    mixed = run_cli("refresh", "--break-lock", "--force", data_dir=own_data_dir)
    assert mixed.returncode == 2 and "loads nothing" in one_line(mixed.stderr)


def test_data_older_than_the_active_data_is_refused_unless_forced(own_data_dir):
    older = ("refresh", "--source", str(SMALL_CSL), "--as-of", "2026-07-20")
    refused = run_cli(*older, data_dir=own_data_dir)
    assert refused.returncode == 1
    said = one_line(refused.stderr)
    assert "as of 2026-07-20, older than the data answering now (as of 2026-07-31)" in said
    assert "--force" in said
    assert status_of(own_data_dir)["as_of"] == "2026-07-31"
    forced = run_cli(*older, "--force", data_dir=own_data_dir)
    assert forced.returncode == 0, forced.stderr
    assert status_of(own_data_dir)["as_of"] == "2026-07-20"


def test_a_reader_that_stops_early_ends_a_batch_quietly(small_data_dir, tmp_path):
    errors = tmp_path / "stderr"
    with errors.open("w") as stderr:
        child = start_cli(
            "lookup",
            "--json",
            "-",
            data_dir=small_data_dir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    assert child.stdin is not None and child.stdout is not None
    # Far more answers than a pipe holds: the batch is still writing when the reader goes.
    child.stdin.write("Qihoo 360\n" * 2000)
    child.stdin.close()
    ready, _, _ = select.select([child.stdout], [], [], PROCESS_TIMEOUT)
    assert ready, "no answer came"
    assert json.loads(child.stdout.readline())["status"] == "match"
    child.stdout.close()  # as `| head -1` does
    assert child.wait(timeout=PROCESS_TIMEOUT) == 141
    assert errors.read_text() == ""


def test_a_reader_gone_before_the_answer_ends_a_lookup_quietly(small_data_dir, tmp_path):
    errors = tmp_path / "stderr"
    with errors.open("w") as stderr:
        child = start_cli(
            "lookup", "Qihoo 360", data_dir=small_data_dir, stdout=subprocess.PIPE, stderr=stderr
        )
    assert child.stdout is not None
    child.stdout.close()
    assert child.wait(timeout=PROCESS_TIMEOUT) == 141
    assert errors.read_text() == ""


def test_a_sqlite_database_another_process_keeps_locked_is_one_line(own_data_dir):
    store = own_data_dir / "entitybot.sqlite3"
    writer = sqlite3.connect(store, timeout=5)
    writer.execute("BEGIN IMMEDIATE")  # what another refresh writing its data holds
    try:
        result = run_cli(
            "refresh",
            "--source",
            str(SMALL_CSL),
            "--as-of",
            "2026-08-01",
            data_dir=own_data_dir,
            env={"DATABASE_URL": f"sqlite:///{store}?timeout=0.5"},
        )
    finally:
        writer.rollback()
        writer.close()
    assert result.returncode == 1
    said = one_line(result.stderr)
    assert "the database stayed locked by another process" in said
    assert "Nothing was changed" in said
    assert status_of(own_data_dir)["as_of"] == "2026-07-31"


@pytest.fixture
def relayed_postgres(postgres_url: str) -> Iterator[tuple[Relay, str]]:
    """The test's PostgreSQL schema behind a relay the test can stop, and its URL through it."""
    url = make_url(postgres_url)
    with tcp_relay(url.host or "127.0.0.1", url.port or 5432) as relay:
        through = url.set(host="127.0.0.1", port=relay.port)
        yield relay, through.render_as_string(hide_password=False)


def test_postgresql_stopping_in_a_batch_of_lookups_is_one_line(tmp_path, relayed_postgres):
    relay, url = relayed_postgres
    data_dir, env = tmp_path / "data", {"DATABASE_URL": url}
    loaded = run_cli("refresh", "--source", str(SMALL_CSL), data_dir=data_dir, env=env)
    assert loaded.returncode == 0, loaded.stderr
    child = start_cli(
        "lookup",
        "--json",
        "-",
        data_dir=data_dir,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None and child.stdout is not None
    answers = LineReader(child.stdout)
    child.stdin.write("Qihoo 360\n")
    child.stdin.flush()
    assert json.loads(answers.next_line(PROCESS_TIMEOUT))["status"] == "match"
    relay.stop()
    _, stderr = child.communicate("Hitech Corporation\nQihoo 360\n", timeout=PROCESS_TIMEOUT)
    assert child.returncode == 1
    assert one_line(stderr).startswith("entitybot: the database failed: ")


def test_postgresql_stopping_in_a_refresh_is_one_line(
    tmp_path, relayed_postgres, postgres_url, held_download
):
    relay, url = relayed_postgres
    server, release = held_download
    data_dir = tmp_path / "data"
    first = ("refresh", "--source", str(SMALL_CSL), "--as-of", "2026-07-31")
    assert run_cli(*first, data_dir=data_dir, env={"DATABASE_URL": postgres_url}).returncode == 0
    child = start_held_refresh(data_dir, server, env={"DATABASE_URL": url})
    relay.stop()
    release.set()
    _, stderr = child.communicate(timeout=PROCESS_TIMEOUT)
    assert child.returncode == 1
    said = one_line(stderr)
    assert said.startswith("entitybot refresh: failed: the database failed: ")
    assert status_of(data_dir, env={"DATABASE_URL": postgres_url})["as_of"] == "2026-07-31"
