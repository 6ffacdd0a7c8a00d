"""ENTITYBOT_AUDIT_DAYS: each refresh, loaded or refused, prunes the answer records older than
that; unset, every record is kept. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.screening import RefreshFailure, RefreshReport, Screening
from bot.screening.records import AnswerRecord
from bot.settings import Settings
from tests.conftest import FIXTURES

NOW = datetime.now(UTC)


def aged(days: int) -> AnswerRecord:
    return AnswerRecord(
        at=NOW - timedelta(days=days),
        team_id="T0TEST",
        enterprise_id="",
        user_id="U0ASKER",
        channel_id="C0COMPLIANCE",
        surface="slash_command",
        asked=f"{days} days ago",
        status="none",
        parties=(),
        data_version_id=1,
        data_as_of=date(2026, 7, 31),
    )


def screening_keeping(database_url: str, tmp_path, audit_days: int | None) -> Screening:
    settings = Settings(
        database_url=database_url, data_dir=tmp_path, min_entries=1, audit_days=audit_days
    )
    screening = Screening(settings, notify=lambda _said: None)
    for days in (400, 31, 29, 0):
        screening.records.write(aged(days))
    return screening


def kept(screening: Screening) -> list[str]:
    return [record.asked for record in screening.records.between(None, None)]


@pytest.mark.parametrize(
    "source", [FIXTURES / "csl-small.csv", FIXTURES / "no-such-file.csv"], ids=["loaded", "refused"]
)
def test_a_refresh_prunes_records_past_the_retention(database_url, tmp_path, source):
    screening = screening_keeping(database_url, tmp_path, audit_days=30)

    outcome = screening.run_refresh(
        "cli", lambda _outcome: None, in_child=False, source=str(source)
    )

    assert isinstance(outcome, RefreshReport if source.exists() else RefreshFailure)
    assert kept(screening) == ["29 days ago", "0 days ago"]


def test_without_a_retention_every_record_is_kept(database_url, tmp_path):
    screening = screening_keeping(database_url, tmp_path, audit_days=None)

    screening.run_refresh(
        "cli", lambda _outcome: None, in_child=False, source=str(FIXTURES / "csl-small.csv")
    )

    assert kept(screening) == ["400 days ago", "31 days ago", "29 days ago", "0 days ago"]
