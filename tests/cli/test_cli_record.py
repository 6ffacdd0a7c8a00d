"""`entitybot lookup --record` and `scan --record` (or ENTITYBOT_AUDIT_CLI=1): each answer's
audit record holds the OS user, and is written before the answer is printed; an answer whose
record the store refuses is not printed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.screening import Screening
from bot.screening.records import RecordedParty
from bot.settings import Settings
from tests.cli.cli_runner import run_cli

AS = {"LOGNAME": "auditor-alice", "USER": "auditor-alice"}
QIHOO = RecordedParty("EL", "el-2", "Qihoo 360 Technology Co. Ltd", "match")


def records(data_dir: Path) -> list:
    url = f"sqlite:///{data_dir / 'entitybot.sqlite3'}"
    screening = Screening(Settings(database_url=url, data_dir=data_dir))
    try:
        return list(screening.records.between(None, None))
    finally:
        screening.engine.dispose()


def test_a_recorded_lookup_holds_the_os_user_and_the_data_answered_from(own_data_dir):
    done = run_cli("lookup", "--record", "Qihoo 360", data_dir=own_data_dir, env=AS)
    status = run_cli("status", "--json", data_dir=own_data_dir)

    assert done.returncode == 0, done.stderr
    assert "Qihoo 360 Technology" in done.stdout
    (record,) = records(own_data_dir)
    assert (record.os_user, record.surface, record.asked) == ("auditor-alice", "cli", "Qihoo 360")
    assert (record.user_id, record.team_id, record.channel_id) == ("", "", "")
    assert record.status == "match"
    assert QIHOO in record.parties
    assert f'"as_of": "{record.data_as_of.isoformat()}"' in status.stdout
    assert record.data_as_of.isoformat() == "2026-07-31"
    assert record.data_version_id > 0


def test_lookups_are_not_recorded_unless_asked(own_data_dir):
    assert run_cli("lookup", "Qihoo 360", data_dir=own_data_dir).returncode == 0
    assert records(own_data_dir) == []

    always = {**AS, "ENTITYBOT_AUDIT_CLI": "1"}
    assert run_cli("lookup", "Bank Sepah", data_dir=own_data_dir, env=always).returncode == 0
    (record,) = records(own_data_dir)
    assert (record.asked, record.os_user) == ("Bank Sepah", "auditor-alice")


def test_a_recorded_batch_records_each_answer_and_no_refusal(own_data_dir):
    lines = "Qihoo 360\n\nAcme Widgets GmbH\n"

    done = run_cli("lookup", "--record", "--json", "-", data_dir=own_data_dir, stdin=lines)

    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert [(r.asked, r.status) for r in records(own_data_dir)] == [
        ("Qihoo 360", "match"),
        ("Acme Widgets GmbH", "none"),
    ]


def test_a_recorded_scan(own_data_dir):
    text = "Please ship to Qihoo 360 and Acme Widgets GmbH."

    done = run_cli("scan", "--record", data_dir=own_data_dir, stdin=text, env=AS)

    assert done.returncode == 0, done.stderr
    (record,) = records(own_data_dir)
    assert (record.surface, record.asked, record.status) == ("cli_scan", text, "match")
    assert record.os_user == "auditor-alice"


def test_an_answer_the_store_will_not_record_is_not_printed(own_data_dir):
    with sqlite3.connect(own_data_dir / "entitybot.sqlite3") as connection:
        connection.execute(
            "CREATE TRIGGER refuse_records BEFORE INSERT ON answer_record "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )

    for args, stdin in (
        (["lookup", "--record", "Qihoo 360"], None),
        (["scan", "--record"], "Qihoo 360"),
    ):
        done = run_cli(*args, data_dir=own_data_dir, stdin=stdin)

        assert done.returncode == 1
        assert done.stdout == ""
        assert done.stderr == (
            "entitybot: this answer could not be recorded, so it is not shown: the database "
            "failed: database or disk is full\n"
        )


def test_a_retention_that_is_no_number_of_days_is_one_line(own_data_dir):
    for bad in ("ten", "0", "-5"):
        done = run_cli(
            "lookup", "Qihoo 360", data_dir=own_data_dir, env={"ENTITYBOT_AUDIT_DAYS": bad}
        )

        assert done.returncode == 1
        assert done.stdout == ""
        assert done.stderr.startswith("entitybot: ENTITYBOT_AUDIT_DAYS must be ")
        assert done.stderr.count("\n") == 1


def test_a_recorded_lookup_for_a_past_day_says_which_day(own_data_dir):
    done = run_cli(
        "lookup", "--record", "--on", "2026-07-30", "Hitech Corporation", data_dir=own_data_dir
    )

    assert done.returncode == 0, done.stderr
    (record,) = records(own_data_dir)
    assert record.asked == "Hitech Corporation --on 2026-07-30"
    assert record.status == "match"


def test_the_history_says_not_listed_that_day_rather_than_formerly_listed(own_data_dir):
    from bot.slack.blocks.history import history

    run_cli("lookup", "--record", "--on", "2019-03-03", "Qihoo 360", data_dir=own_data_dir)
    url = f"sqlite:///{own_data_dir / 'entitybot.sqlite3'}"
    screening = Screening(Settings(database_url=url, data_dir=own_data_dir))
    try:
        shown = str(history(list(screening.records.between(None, None)), screening.data()).blocks)
    finally:
        screening.engine.dispose()
    assert "formerly listed" not in shown
    assert "on that day" in shown
