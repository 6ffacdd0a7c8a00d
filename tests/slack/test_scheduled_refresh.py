"""ENTITYBOT_REFRESH_EVERY: due when the data is old, one refresh however many schedules
run, a summary in the announce channel when something changed."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from slack_testkit.csl_data import NEW_PARTY, csl_csv
from slack_testkit.fake_slack import BOT_TOKEN
from sqlalchemy import update

from bot.screening import Screening, lifecycle
from bot.settings import SettingsError, parse_interval
from bot.slack.blocks.admin import refresh_announcement
from bot.slack.scheduled_refresh import RefreshSchedule
from bot.store.database import session
from bot.store.models import DatasetVersion
from tests.conftest import FIXTURES
from tests.store.versions import dataset_versions
from tests.waiting import join_all, wait_until

DAY = 86400.0


@pytest.fixture
def served(csl_server):
    csl_server.source = csl_server.serve("/consolidated.csv", csl_csv().encode())
    return csl_server


@pytest.fixture
def screening(settings, served) -> Screening:
    settings = replace(
        settings,
        csl_url=served.source,
        refresh_every_seconds=DAY,
        enrich_from_federal_register=False,
    )
    service = Screening(settings, notify=lambda message: None)
    service.refresh(loaded_by="U0ADMIN")
    return service


def make_old(screening: Screening) -> None:
    """As if the active data had been loaded 25 hours ago."""
    with session(screening.engine) as db, db.begin():
        db.execute(
            update(DatasetVersion)
            .where(DatasetVersion.active)
            .values(fetched_at=datetime.now(UTC) - timedelta(hours=25))
        )


def later(hours: float):
    return lambda: datetime.now(UTC) + timedelta(hours=hours)


def announcer(fake_slack):
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url)

    def announce(report):
        message = refresh_announcement(report)
        client.chat_postMessage(channel="C0ALERTS", text=message.text, blocks=message.blocks)

    return announce


def test_fresh_data_is_not_due_and_old_data_is(screening):
    assert not RefreshSchedule(screening, DAY).due()
    assert RefreshSchedule(screening, DAY, clock=later(25)).due()
    assert RefreshSchedule(screening, DAY).run_once() is None


def test_a_due_refresh_announces_what_changed(screening, served, fake_slack):
    served.serve("/consolidated.csv", csl_csv(NEW_PARTY).encode())
    schedule = RefreshSchedule(screening, DAY, announcer(fake_slack), clock=later(25))
    outcome = schedule.run_once()
    assert outcome.dataset.loaded_by == "schedule"
    (post,) = fake_slack.api_calls("chat.postMessage")
    assert post.body["channel"] == "C0ALERTS"
    assert "1 party added to the Entity List (EL): Zephyr Quantum Dynamics Ltd." in post.raw
    assert screening.lookup("Zephyr Quantum Dynamics").status == "match"


def test_a_refresh_that_changes_nothing_is_not_announced(screening, fake_slack):
    outcome = RefreshSchedule(screening, DAY, announcer(fake_slack), clock=later(25)).run_once()
    assert not outcome.changes.any
    assert fake_slack.api_calls("chat.postMessage") == []


def test_many_schedules_make_one_refresh(screening, served):
    make_old(screening)
    release = served.hold("/consolidated.csv")
    before = len(dataset_versions(screening.engine))
    schedules = [
        RefreshSchedule(Screening(screening.settings, notify=lambda message: None), DAY)
        for _ in range(4)
    ]
    outcomes = []
    threads = [
        threading.Thread(target=lambda s=s: outcomes.append(s.run_once()), daemon=True)
        for s in schedules
    ]
    for thread in threads:
        thread.start()
    try:
        wait_until(
            lambda: served.requests["/consolidated.csv"] >= 2,  # the fixture's, then this one
            "a schedule to start downloading",
        )
    finally:
        release.set()
    join_all(threads, "every schedule to finish", timeout=60)
    refreshed = [o for o in outcomes if o is not None and hasattr(o, "dataset")]
    assert len(refreshed) == 1
    assert len(dataset_versions(screening.engine)) == before + 1
    # Once done, the data is fresh: nobody is due any more.
    assert all(not RefreshSchedule(s.screening, DAY).due() for s in schedules)


def test_the_bundled_snapshot_is_due_at_once(settings, monkeypatch):
    # First use loads the snapshot shipped with entitybot; here a 14-entry stand-in for it,
    # by the same path, as the 26k-entry snapshot would be.
    monkeypatch.setattr(lifecycle, "bundled_path", lambda *parts: FIXTURES / "csl-small.csv")
    screening = Screening(settings, notify=lambda message: None)
    active = screening.status()
    assert active.is_bundled and active.entry_count == 14
    assert RefreshSchedule(screening, DAY).due()


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("24h", DAY), ("30m", 1800.0), ("2d", 2 * DAY), ("3600", 3600.0), ("", None)],
)
def test_intervals(raw, seconds):
    assert parse_interval(raw) == seconds


@pytest.mark.parametrize("raw", ["soon", "10s", "h"])
def test_bad_intervals_are_refused_by_name(raw):
    with pytest.raises(SettingsError, match="ENTITYBOT_REFRESH_EVERY"):
        parse_interval(raw)
