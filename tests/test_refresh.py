"""Refreshing from a local HTTP server, on SQLite and PostgreSQL: formats, failures, the
guard, one refresh at a time, lookups during a refresh, history of departed parties."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from bot.importers import CslFormatError, parse_csl
from bot.refresh_guard import RefreshRefused
from bot.screening import Screening
from bot.settings import Settings
from bot.sources import SourceError
from bot.store.refresh_lock import RefreshInProgress, refresh_lock
from tests.conftest import FIXTURES
from tests.local_http import LocalServer, Reply, local_server
from tests.store.versions import dataset_versions
from tests.waiting import join_all, wait_until

CSV = (FIXTURES / "csl-small.csv").read_bytes()
LINES = CSV.decode("utf-8-sig").splitlines(keepends=True)


def csv_without(*names: str) -> bytes:
    return "".join(line for line in LINES if not any(name in line for name in names)).encode()


def as_json(payload: bytes, as_of: str = "2026-09-01T00:00:00+00:00") -> bytes:
    entries = parse_csl(payload).entries
    return json.dumps(
        {
            "sources_used": [{"source": "Entity List (EL)", "source_last_updated": as_of}],
            "total": len(entries),
            "results": [entry.raw for entry in entries],
        }
    ).encode()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.reply("/consolidated.csv", Reply(200, CSV))
        yield running


@pytest.fixture
def screening(tmp_path, database_url, server) -> Screening:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        csl_url=server.url("/consolidated.csv"),
        min_entries=1,
        download_timeout_seconds=2,
        # No real waits between attempts (test_sources times the backoff itself).
        download_backoff_seconds=0,
        keep_versions=2,
    )
    service = Screening(settings, notify=lambda message: None)
    service.refresh(as_of=date(2026, 7, 31))
    return service


def listed(screening: Screening, name: str) -> bool:
    return screening.lookup(name).status == "match"


def test_csv_json_and_gzip_over_http_all_load(screening, server):
    server.reply("/csl.json", Reply(200, as_json(CSV)))
    report = screening.refresh(server.url("/csl.json"))
    assert report.dataset.layout == "json" and report.dataset.as_of == date(2026, 9, 1)
    server.reply("/csl.csv.gz", Reply(200, gzip.compress(CSV)))
    assert screening.refresh(server.url("/csl.csv.gz")).dataset.layout == "csv-29"
    server.reply("/latest", Reply(200, gzip.compress(as_json(CSV))))
    assert screening.refresh(server.url("/latest")).dataset.layout == "json"
    assert listed(screening, "Qihoo 360")


@pytest.mark.parametrize(
    ("reply", "error", "message"),
    [
        (
            Reply(200, b"<!DOCTYPE html><html><body>Maintenance</body></html>"),
            CslFormatError,
            "HTML page",
        ),
        (Reply(200, CSV[: len(CSV) // 2]), CslFormatError, "truncated"),
        (Reply(200, CSV, cut_after=len(CSV) // 2), SourceError, "truncated|broke off"),
        (Reply(404, b"gone"), SourceError, "HTTP 404"),
    ],
    ids=["html-page", "truncated-file", "connection-cut", "http-404"],
)
def test_a_failed_refresh_leaves_the_previous_data_answering(
    screening, server, reply, error, message
):
    before = screening.status()
    server.reply("/bad", reply)
    with pytest.raises(error, match=message):
        screening.refresh(server.url("/bad"))
    assert screening.status().version_id == before.version_id
    assert listed(screening, "Qihoo 360") and listed(screening, "Hitech Corporation")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_server_errors_and_timeouts_are_retried_then_reported(screening, server):
    before = screening.status()
    server.reply("/busy", Reply(500, b"oops"))
    with pytest.raises(SourceError, match=r"attempt 3: HTTP 500"):
        screening.refresh(server.url("/busy"))
    assert server.count("/busy") == 3
    impatient = Screening(
        replace(screening.settings, download_timeout_seconds=0.2), notify=lambda message: None
    )
    server.reply("/slow", Reply(200, CSV, delay=1))
    with pytest.raises(SourceError, match=r"attempt 3: .*timed out"):
        impatient.refresh(server.url("/slow"))
    assert server.count("/slow") == 3
    assert screening.status().version_id == before.version_id and listed(screening, "Qihoo 360")


def test_a_shrink_past_the_guard_is_refused_unless_forced(screening, server):
    shrunk = csv_without("Hitech", "Sinobright", "CloudWalk")
    server.reply("/shrunk", Reply(200, shrunk))
    with pytest.raises(RefreshRefused, match=r"EL 10 -> 7 \(-30%\)"):
        screening.refresh(server.url("/shrunk"))
    assert listed(screening, "Hitech Corporation")
    screening.refresh(server.url("/shrunk"), force=True)
    assert not listed(screening, "Hitech Corporation")


def test_too_few_entries_are_refused(screening, server, tmp_path):
    strict = Screening(
        Settings(database_url=screening.settings.database_url, data_dir=tmp_path),
        notify=lambda message: None,
    )
    with pytest.raises(RefreshRefused, match="fewer than the 1,000"):
        strict.refresh(server.url("/consolidated.csv"), force=True)


def test_a_party_that_leaves_is_answered_from_history(screening, server):
    server.reply("/next", Reply(200, csv_without("Hitech Corporation")))
    report = screening.refresh(server.url("/next"), as_of=date(2026, 9, 2))
    assert report.changes.per_list["EL"].removed == ["Hitech Corporation"]
    answer = screening.lookup("Hitech Corporation")
    assert answer.status != "match"
    former = answer.history[0]
    assert former.name == "Hitech Corporation" and former.list_code == "EL"
    assert former.left_between == (date(2026, 7, 31), date(2026, 9, 2))
    assert "until it left between 2026-07-31 and 2026-09-02" in former.summary
    assert "nuclear" in former.reason  # its entry cited EAR 744.2
    # Back on the list, it is a current listing again.
    screening.refresh(server.url("/consolidated.csv"), as_of=date(2026, 9, 3))
    answer = screening.lookup("Hitech Corporation")
    assert answer.status == "match" and answer.history == []


def test_only_the_newest_versions_are_kept(screening, server):
    for day in (2, 3, 4):
        screening.refresh(as_of=date(2026, 8, day))
    versions = dataset_versions(screening.engine)
    assert len(versions) == 2
    assert [v.as_of for v in versions] == [date(2026, 8, 4), date(2026, 8, 3)]


def test_two_refreshes_at_once_run_one_after_the_other_never_together(screening, server):
    release = threading.Event()  # the first refresh's download answers once this is set
    server.reply("/slow", Reply(200, CSV, release=release))
    outcomes: dict[str, object] = {}

    def run(name: str) -> None:
        try:
            outcomes[name] = screening.refresh(server.url("/slow"), loaded_by=name)
        except RefreshInProgress as exc:
            outcomes[name] = exc

    first = threading.Thread(target=run, args=("U1",), daemon=True)
    first.start()
    try:
        running = wait_until(screening.refresh_running, "the first refresh to take the lock")
        assert running.holder == "U1"
        run("U2")
    finally:
        release.set()
    join_all([first], "the first refresh to finish")
    assert isinstance(outcomes["U2"], RefreshInProgress)
    assert "already running by U1" in str(outcomes["U2"])
    assert outcomes["U1"].dataset.loaded_by == "U1"
    assert screening.refresh_running() is None


def test_lookups_during_a_refresh_see_old_or_new_data_never_a_mix(screening, server):
    server.reply("/next", Reply(200, csv_without("Hitech Corporation")))
    old_as_of = screening.status().as_of
    seen, errors, done = [], [], threading.Event()

    def look() -> None:
        while not done.is_set():
            try:
                answer = screening.lookup("Hitech Corporation")
                seen.append((answer.data.as_of, answer.status))
            except Exception as exc:  # any error at all fails the test
                errors.append(exc)

    def new_data_answers() -> bool:
        as_of = screening.lookup("Hitech Corporation").data.as_of
        seen.append((as_of, "after"))
        return as_of == date(2026, 9, 2)

    readers = [threading.Thread(target=look, daemon=True) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        wait_until(lambda: len(seen) >= 6 or errors, "the readers to answer from the old data")
        screening.refresh(server.url("/next"), as_of=date(2026, 9, 2), force=True)
        # The new data takes over as soon as its index is built; until then the old answers.
        wait_until(new_data_answers, "the new data to answer", timeout=60)
    finally:
        done.set()
    join_all(readers, "the readers to stop")
    assert errors == []
    for as_of, status in seen:
        assert (as_of, status) in {
            (old_as_of, "match"),
            (old_as_of, "after"),
            (date(2026, 9, 2), "none"),
            (date(2026, 9, 2), "ambiguous"),
            (date(2026, 9, 2), "after"),
        }
    assert (date(2026, 9, 2), "after") in seen


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_the_lock_is_a_postgresql_advisory_lock(screening):
    from datetime import timedelta

    import sqlalchemy

    other = sqlalchemy.create_engine(screening.settings.database_url)
    with refresh_lock(screening.engine, "U1", timedelta(minutes=5)):
        with other.connect() as connection:
            held = connection.execute(
                sqlalchemy.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            ).scalar()
        assert held >= 1
        with (
            pytest.raises(RefreshInProgress, match="by U1"),
            refresh_lock(other, "U2", timedelta(minutes=5)),
        ):
            pass
    # Released: the other engine can take it now.
    with refresh_lock(other, "U2", timedelta(minutes=5)):
        pass
    other.dispose()
