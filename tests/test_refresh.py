"""Refreshing from a local HTTP server, on SQLite and PostgreSQL: formats, failures, the
guard, one refresh at a time, lookups during a refresh, history of departed parties."""

from __future__ import annotations

import gzip
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from bot.importers import CslFormatError, parse_csl
from bot.refresh_guard import RefreshRefused
from bot.screening import Screening
from bot.screening.activation import OlderThanActive
from bot.screening.as_of import FutureAsOf
from bot.settings import Settings
from bot.sources import SourceError
from bot.store.refresh_lock import (
    RefreshInProgress,
    RefreshLockLost,
    advisory_lock_id,
    refresh_lock,
)
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
    server.reply("/latest", Reply(200, gzip.compress(as_json(CSV))))
    assert screening.refresh(server.url("/latest")).dataset.layout == "json"
    # A CSV says nothing of its date, nor does this server: it is as of the day it came.
    server.reply("/csl.csv.gz", Reply(200, gzip.compress(CSV)))
    report = screening.refresh(server.url("/csl.csv.gz"))
    assert report.dataset.layout == "csv-29" and report.dataset.as_of == date.today()
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


def test_data_older_than_the_active_data_is_refused_unless_forced(screening, server):
    screening.refresh(as_of=date(2026, 9, 1))
    server.reply("/next", Reply(200, csv_without("Hitech Corporation")))
    with pytest.raises(OlderThanActive, match=r"as of 2026-08-20, older than .* 2026-09-01"):
        screening.refresh(server.url("/next"), as_of=date(2026, 8, 20))
    assert screening.status().as_of == date(2026, 9, 1)
    answer = screening.lookup("Hitech Corporation")
    assert answer.status == "match" and answer.history == []
    # The same day is not older; an older file is loaded when forced.
    assert screening.refresh(as_of=date(2026, 9, 1)).dataset.as_of == date(2026, 9, 1)
    forced = screening.refresh(server.url("/next"), as_of=date(2026, 8, 20), force=True)
    assert forced.dataset.as_of == date(2026, 8, 20)


def test_an_as_of_later_than_today_is_refused_before_anything_is_fetched(screening, server):
    before = screening.status()
    asked = server.count("/consolidated.csv")

    with pytest.raises(FutureAsOf, match=r"--as-of 2099-01-01 is later than today"):
        screening.refresh(as_of=date(2099, 1, 1))

    assert screening.status() == before
    assert server.count("/consolidated.csv") == asked


@pytest.mark.parametrize(
    ("path", "reply"),
    [
        (
            "/future.csv",
            Reply(200, CSV, headers={"Last-Modified": "Thu, 01 Jan 2099 00:00:00 GMT"}),
        ),
        ("/future.json", Reply(200, as_json(CSV, as_of="2099-01-01T00:00:00+00:00"))),
    ],
    ids=["last-modified", "json-own-date"],
)
def test_a_source_claiming_a_later_day_than_today_is_taken_as_of_today(
    screening, server, caplog, path, reply
):
    caplog.set_level(logging.WARNING, logger="bot.screening.lifecycle")
    server.reply(path, reply)

    report = screening.refresh(server.url(path), loaded_by="U1")

    today = date.today()
    assert (report.dataset.as_of, report.future_date_ignored) == (today, date(2099, 1, 1))
    data = screening.lookup("Hitech Corporation").data
    assert (data.age_days(), data.is_stale()) == (0, False)
    assert [record.getMessage() for record in caplog.records] == [
        f"refresh by U1: {server.url(path)} claims to be as of 2099-01-01, later than today; "
        f"taken as of {today}"
    ]
    # The next ordinary refresh is not refused as older than a day to come.
    assert screening.refresh().dataset.as_of == today


def take_the_lock_away(screening: Screening) -> None:
    """What leaves a running refresh without its lock: on SQLite an admin breaking it, on
    PostgreSQL the session holding it ending (the server restarted, a connection cut)."""
    if screening.engine.dialect.name == "sqlite":
        assert screening.break_refresh_lock().holder == "slow"
        return
    import sqlalchemy

    with screening.engine.begin() as connection:
        lock_id = advisory_lock_id(connection)
        connection.execute(
            sqlalchemy.text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                " AND classid::bigint = :high AND objid::bigint = :low"
            ),
            {"high": lock_id >> 32, "low": lock_id & 0xFFFF_FFFF},
        )


def test_a_refresh_that_lost_its_lock_never_activates_over_a_newer_one(screening, server):
    release = threading.Event()
    server.reply(
        "/slow", Reply(200, as_json(CSV, as_of="2026-09-01T00:00:00+00:00"), release=release)
    )
    server.reply("/newer", Reply(200, as_json(CSV, as_of="2026-09-05T00:00:00+00:00")))
    outcomes: dict[str, object] = {}

    def run_slow() -> None:
        try:
            outcomes["slow"] = screening.refresh(server.url("/slow"), loaded_by="slow")
        except Exception as exc:
            outcomes["slow"] = exc

    slow = threading.Thread(target=run_slow, daemon=True)
    slow.start()
    try:
        wait_until(lambda: server.count("/slow"), "the slow refresh to be downloading")
        take_the_lock_away(screening)
        newer = wait_until(
            lambda: refreshed_unless_busy(screening, server.url("/newer")),
            "the lock to be free for another refresh",
        )
        assert newer.dataset.as_of == date(2026, 9, 5)
    finally:
        release.set()
    join_all([slow], "the slow refresh to end")
    assert isinstance(outcomes["slow"], RefreshLockLost)
    assert screening.status().as_of == date(2026, 9, 5)
    # The slow refresh left nothing behind.
    versions = dataset_versions(screening.engine)
    assert [v.as_of for v in versions] == [date(2026, 9, 5), date(2026, 7, 31)]
    assert listed(screening, "Qihoo 360")


def refreshed_unless_busy(screening: Screening, url: str) -> object:
    try:
        return screening.refresh(url, loaded_by="newer")
    except RefreshInProgress:
        return None


def test_refreshes_of_two_schemas_on_one_server_run_at_once(postgres_schemas, server, tmp_path):
    release = threading.Event()
    server.reply("/slow", Reply(200, CSV, release=release))

    def deployment(url: str) -> Screening:
        settings = Settings(
            database_url=url, data_dir=tmp_path, csl_url=server.url("/slow"), min_entries=1
        )
        return Screening(settings, notify=lambda message: None)

    one_url = postgres_schemas()
    one, two = deployment(one_url), deployment(postgres_schemas())
    outcomes: dict[str, object] = {}

    def run(name: str, screening: Screening) -> None:
        try:
            outcomes[name] = screening.refresh(loaded_by=name)
        except RefreshInProgress as exc:
            outcomes[name] = exc

    threads = [
        threading.Thread(target=run, args=(name, screening), daemon=True)
        for name, screening in (("one", one), ("two", two))
    ]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: one.refresh_running() and two.refresh_running(), "both to run")
        run("one-again", deployment(one_url))
    finally:
        release.set()
    join_all(threads, "both refreshes to finish")
    assert "already running by one" in str(outcomes["one-again"])
    assert outcomes["one"].dataset.loaded_by == "one"
    assert outcomes["two"].dataset.loaded_by == "two"
