"""The audit trail in the store, on SQLite and PostgreSQL: written, read back in order and by
user, pruned by age only, and a store that refuses a record says so in one line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy

from bot.screening import Screening
from bot.screening.records import AnswerRecord, RecordedParty, RecordNotWritten
from bot.settings import Settings
from bot.store.database import SCHEMA_VERSION

NOW = datetime.now(UTC)
QIHOO = RecordedParty("EL", "el-1234", "Qihoo 360 Technology Co. Ltd", "match")


def record(at: datetime = NOW, user_id: str = "U0ASKER", **changes: object) -> AnswerRecord:
    made = AnswerRecord(
        at=at,
        team_id="T0TEST",
        enterprise_id="E0ORG",
        user_id=user_id,
        channel_id="C0COMPLIANCE",
        surface="slash_command",
        asked="Qihoo 360 \u2014 \u5947\u864e",
        status="match",
        parties=(QIHOO,),
        data_version_id=7,
        data_as_of=date(2026, 7, 31),
    )
    return replace(made, **changes)


@pytest.fixture
def screening(database_url, tmp_path) -> Screening:
    return Screening(Settings(database_url=database_url, data_dir=tmp_path))


def test_a_record_reads_back_as_written(screening):
    written = record(
        parties=(QIHOO, RecordedParty("SDN", "sdn-1", "KHAKI, Parviz", "ambiguous")),
        enterprise_id="",
    )
    screening.records.write(written)

    (read,) = screening.records.between(None, None)
    # Stored to the microsecond, in UTC.
    assert read == written
    assert read.at.tzinfo is not None


def test_between_is_oldest_first_by_utc_day_and_user(screening):
    days = [datetime(2026, 3, day, 23, 59, tzinfo=UTC) for day in (1, 2, 3, 4)]
    for number, at in enumerate(reversed(days)):
        screening.records.write(record(at=at, user_id=f"U{number % 2}"))
    screening.records.write(record(at=days[1], user_id="", surface="cli", os_user="alice"))

    everything = list(screening.records.between(None, None))
    assert [r.at for r in everything] == sorted(r.at for r in everything)
    middle = list(screening.records.between(date(2026, 3, 2), date(2026, 3, 3)))
    assert [r.at.day for r in middle] == [2, 2, 3]
    assert {r.user_id for r in screening.records.between(None, None, "U0")} == {"U0"}
    (cli,) = screening.records.between(None, None, "alice")
    assert (cli.surface, cli.os_user) == ("cli", "alice")
    assert list(screening.records.between(date(2026, 3, 5), None)) == []


def test_recent_is_a_users_latest_newest_first(screening):
    for minutes in range(15):
        screening.records.write(record(at=NOW - timedelta(minutes=minutes), asked=f"q{minutes}"))
    screening.records.write(record(user_id="U0OTHER", asked="not mine"))

    latest = screening.records.recent("U0ASKER")
    assert [r.asked for r in latest] == [f"q{minutes}" for minutes in range(10)]
    assert [r.asked for r in screening.records.recent("U0ASKER", limit=2)] == ["q0", "q1"]
    assert screening.records.recent("U0NOBODY") == []


def test_pruning_deletes_only_records_older_than_the_retention(screening):
    for days_ago in (0, 29, 31, 400):
        screening.records.write(record(at=NOW - timedelta(days=days_ago), asked=str(days_ago)))

    assert screening.records.prune(None) == 0
    assert len(list(screening.records.between(None, None))) == 4
    assert screening.records.prune(30) == 2
    assert [r.asked for r in screening.records.between(None, None)] == ["29", "0"]


def test_a_store_that_refuses_the_record_says_so_in_one_line(screening):
    with screening.engine.begin() as connection:
        connection.execute(sqlalchemy.text("DROP TABLE answer_record"))

    with pytest.raises(RecordNotWritten) as refused:
        screening.records.write(record())

    said = str(refused.value)
    assert said.startswith("this answer could not be recorded, so it is not shown: ")
    assert "\n" not in said
    assert "INSERT" not in said and "Qihoo" not in said


def test_a_store_made_before_records_gains_the_table(database_url, tmp_path):
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    first = Screening(settings)
    with first.engine.begin() as connection:
        connection.execute(sqlalchemy.text("DROP TABLE answer_record"))
        connection.execute(sqlalchemy.text(f"UPDATE schema_version SET version = {9}"))
    first.engine.dispose()

    again = Screening(settings)
    again.records.write(record())

    assert len(list(again.records.between(None, None))) == 1
    with again.engine.connect() as connection:
        version = connection.execute(sqlalchemy.text("SELECT version FROM schema_version"))
        assert version.scalar() == SCHEMA_VERSION


def test_the_store_itself_refuses_to_change_a_record(screening):
    screening.records.write(record())

    with (
        pytest.raises(sqlalchemy.exc.DBAPIError, match="append-only"),
        screening.engine.begin() as connection,
    ):
        connection.execute(sqlalchemy.text("UPDATE answer_record SET status = 'none'"))

    (kept,) = screening.records.between(None, None)
    assert kept.status == "match"
