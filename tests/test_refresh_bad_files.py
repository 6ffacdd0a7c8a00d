"""Refreshes from files and servers that misbehave, over a local HTTP server: a stray byte
that is not UTF-8, a gzip bomb, a server that trickles, a file with every row twice. Each
bad one is refused in one line with the previous data still answering."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
from collections.abc import Iterator

import pytest

from bot.cli import describe_refresh
from bot.importers import CslFormatError
from bot.screening import Screening
from bot.settings import Settings, SettingsError
from bot.slack.blocks.admin import refresh_done
from bot.sources import SourceError
from tests.conftest import FIXTURES
from tests.local_http import LocalServer, Reply, local_server

CSV = (FIXTURES / "csl-small.csv").read_bytes()
ENTRIES = 14


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.reply("/consolidated.csv", Reply(200, CSV))
        yield running


@pytest.fixture
def screening(tmp_path, server) -> Screening:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        data_dir=tmp_path,
        csl_url=server.url("/consolidated.csv"),
        min_entries=1,
        download_timeout_seconds=2,
        download_backoff_seconds=0,
        download_deadline_seconds=1,
        max_unpacked_mb=1,
    )
    service = Screening(settings, notify=lambda message: None)
    assert service.refresh().dataset.entry_count == ENTRIES
    return service


def refused(screening: Screening, url: str, error: type[Exception]) -> str:
    before = screening.status()
    with pytest.raises(error) as caught:
        screening.refresh(url)
    after = screening.status()
    assert (after.version_id, after.entry_count) == (before.version_id, ENTRIES)
    assert screening.lookup("Qihoo 360").status == "match"
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_stray_byte_that_is_not_utf8_is_refused(screening, server):
    at = CSV.index(b"Qihoo")
    server.reply("/stray.csv", Reply(200, CSV[:at] + b"\x96" + CSV[at:]))
    message = refused(screening, server.url("/stray.csv"), CslFormatError)
    assert message.startswith(f"not UTF-8: byte {at:,} (line ")


def test_a_gzip_bomb_is_refused_at_the_unpacked_size_cap(screening, server):
    server.reply("/bomb.csv.gz", Reply(200, gzip.compress(bytes(64 * 1024 * 1024), 1)))
    message = refused(screening, server.url("/bomb.csv.gz"), CslFormatError)
    assert "unpacks to more than 1,048,576 bytes" in message


def test_a_trickling_server_is_cut_off_at_the_download_deadline(screening):
    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(5)

        def trickle() -> None:
            # The client hangs up mid-trickle, as it is meant to.
            with contextlib.suppress(OSError):
                connection, _ = listener.accept()
                with connection:
                    connection.recv(65536)
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\n")
                    while not stop.wait(0.05):
                        connection.sendall(b"x")

        serving = threading.Thread(target=trickle, daemon=True)
        serving.start()
        try:
            url = f"http://127.0.0.1:{listener.getsockname()[1]}/consolidated.csv"
            message = refused(screening, url, SourceError)
        finally:
            stop.set()
            serving.join(timeout=5)
    assert "within the 1-second deadline (ENTITYBOT_DOWNLOAD_DEADLINE;" in message


def test_a_file_with_every_row_twice_loads_once_and_says_so(screening, server):
    header, _, rows = CSV.partition(b"\n")
    server.reply("/doubled.csv", Reply(200, header + b"\n" + rows + rows))
    report = screening.refresh(server.url("/doubled.csv"))
    assert report.dataset.entry_count == ENTRIES and report.duplicates_collapsed == ENTRIES
    assert (report.changes.added, report.changes.removed) == (0, 0)
    said = f"{ENTRIES} duplicate rows collapsed into one each."
    assert said in describe_refresh(report)
    assert said in str(refresh_done(report).blocks)


def test_the_deadline_and_the_unpacked_cap_are_settings():
    settings = Settings.from_env(
        {"ENTITYBOT_DOWNLOAD_DEADLINE": "90", "ENTITYBOT_MAX_UNPACKED_MB": "64"}
    )
    assert (settings.download_deadline_seconds, settings.max_unpacked_mb) == (90.0, 64)
    defaults = Settings.from_env({})
    assert (defaults.download_deadline_seconds, defaults.max_unpacked_mb) == (600.0, 256)
    for wrong in ("soon", "0", "-5", "inf", "nan"):
        with pytest.raises(SettingsError, match="ENTITYBOT_DOWNLOAD_DEADLINE"):
            Settings.from_env({"ENTITYBOT_DOWNLOAD_DEADLINE": wrong})
    with pytest.raises(SettingsError, match="ENTITYBOT_MAX_UNPACKED_MB"):
        Settings.from_env({"ENTITYBOT_MAX_UNPACKED_MB": "lots"})
