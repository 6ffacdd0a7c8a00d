"""`entitybot audit`: the recorded answers, one row per answered party, as CSV or JSON lines,
filtered by day and user, on SQLite and PostgreSQL; a mistake is one line and prints
nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.screening import Screening
from bot.screening.records import AnswerRecord, RecordedParty
from bot.settings import Settings
from tests.cli.cli_runner import run_cli

QIHOO = RecordedParty("EL", "el-1234", "Qihoo 360 Technology Co. Ltd", "match")
KHAKI_ISN = RecordedParty("ISN", "isn-7", "Parviz Khaki", "ambiguous")
KHAKI_SDN = RecordedParty("SDN", "sdn-9", "KHAKI, Parviz", "ambiguous")
COLUMNS = [
    "answer",
    "at_utc",
    "team_id",
    "enterprise_id",
    "user_id",
    "os_user",
    "channel_id",
    "surface",
    "asked",
    "status",
    "list_code",
    "entry_id",
    "party_name",
    "party_status",
    "data_version_id",
    "data_as_of",
]


def record(at: datetime, user_id: str, asked: str, status: str, *parties: RecordedParty):
    return AnswerRecord(
        at=at,
        team_id="T0TEST",
        enterprise_id="E0ORG",
        user_id=user_id,
        channel_id="C0COMPLIANCE" if user_id else "",
        surface="slash_command" if user_id else "cli",
        asked=asked,
        status=status,
        parties=parties,
        data_version_id=3,
        data_as_of=date(2026, 10, 30),
        os_user="" if user_id else "alice",
    )


RECORDS = [
    # Written out of order: the export is oldest first all the same.
    record(datetime(2026, 11, 3, 9, 15, tzinfo=UTC), "U0BOB", "Parviz Khaki", "ambiguous",
           KHAKI_ISN, KHAKI_SDN),
    record(datetime(2026, 11, 1, 8, 0, 0, 250000, tzinfo=UTC), "U0ASKER", "Qihoo 360", "match",
           QIHOO),
    record(datetime(2026, 11, 2, 23, 59, 59, tzinfo=UTC), "U0ASKER", "Acme Widgets GmbH", "none"),
    record(datetime(2026, 11, 2, 12, 0, tzinfo=UTC), "", "=HYPERLINK(\"http://x\")", "none"),
]  # fmt: skip


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> dict[str, str]:
    """A store holding RECORDS, and the environment that points `entitybot` at it."""
    screening = Screening(Settings(database_url=database_url, data_dir=tmp_path))
    for written in RECORDS:
        screening.records.write(written)
    screening.engine.dispose()
    return {"DATABASE_URL": database_url}


def audit(*args: str, env: dict[str, str], tmp_path: Path):
    return run_cli("audit", *args, data_dir=tmp_path / "data", env=env)


def test_the_csv_has_a_row_per_answered_party_oldest_first(store, tmp_path):
    result = audit(env=store, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == COLUMNS
    assert [(r["answer"], r["asked"], r["party_name"]) for r in rows] == [
        ("1", "Qihoo 360", "Qihoo 360 Technology Co. Ltd"),
        # A query that found nothing is a row too, its party fields empty.
        ("2", '\'=HYPERLINK("http://x")', ""),
        ("3", "Acme Widgets GmbH", ""),
        # One answer naming one person on two lists: two rows of one answer.
        ("4", "Parviz Khaki", "Parviz Khaki"),
        ("4", "Parviz Khaki", "KHAKI, Parviz"),
    ]
    first = rows[0]
    assert first == {
        "answer": "1",
        "at_utc": "2026-11-01T08:00:00.250Z",
        "team_id": "T0TEST",
        "enterprise_id": "E0ORG",
        "user_id": "U0ASKER",
        "os_user": "",
        "channel_id": "C0COMPLIANCE",
        "surface": "slash_command",
        "asked": "Qihoo 360",
        "status": "match",
        "list_code": "EL",
        "entry_id": "el-1234",
        "party_name": "Qihoo 360 Technology Co. Ltd",
        "party_status": "match",
        "data_version_id": "3",
        "data_as_of": "2026-10-30",
    }
    assert (rows[1]["surface"], rows[1]["os_user"], rows[1]["user_id"]) == ("cli", "alice", "")
    assert [r["list_code"] for r in rows[3:]] == ["ISN", "SDN"]


def test_json_lines_keep_the_text_as_sent_and_filter_by_day_and_user(store, tmp_path):
    result = audit(
        "--format", "jsonl", "--since", "2026-11-02", "--until", "2026-11-03",
        env=store, tmp_path=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # Both days whole, in UTC: 23:59:59 on the 2nd is in, 08:00 on the 1st is not.
    assert [(line["asked"], line["party_name"]) for line in lines] == [
        ('=HYPERLINK("http://x")', ""),
        ("Acme Widgets GmbH", ""),
        ("Parviz Khaki", "Parviz Khaki"),
        ("Parviz Khaki", "KHAKI, Parviz"),
    ]
    assert set(lines[0]) == set(COLUMNS)
    assert lines[2]["data_version_id"] == 3 and lines[2]["answer"] == 3

    mine = audit("--format", "JSONL", "--user", "U0ASKER", env=store, tmp_path=tmp_path)
    assert [json.loads(line)["asked"] for line in mine.stdout.splitlines()] == [
        "Qihoo 360",
        "Acme Widgets GmbH",
    ]
    # CLI records name their asker by the OS user.
    alice = audit("--user", "alice", env=store, tmp_path=tmp_path)
    assert [row["os_user"] for row in csv.DictReader(io.StringIO(alice.stdout))] == ["alice"]


def test_a_range_with_no_records_is_the_header_alone(store, tmp_path):
    result = audit("--since", "2027-01-01", env=store, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [",".join(COLUMNS)]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--since", "2026-13-01"), "entitybot audit: --since '2026-13-01' is not a date like"),
        (("--until", "3 March"), "entitybot audit: --until '3 March' is not a date like"),
        (("--format", "xml"), "entitybot audit: --format 'xml' is not one of csv, jsonl"),
        (
            ("--since", "2026-11-03", "--until", "2026-11-01"),
            "entitybot audit: --since 2026-11-03 is after --until 2026-11-01",
        ),
    ],
)
def test_a_mistake_is_one_line_exit_2_and_prints_nothing(store, tmp_path, args, said):
    result = audit(*args, env=store, tmp_path=tmp_path)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(said)
    assert len(result.stderr.splitlines()) == 1


def test_an_unreachable_store_is_one_line(tmp_path):
    result = audit(env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"}, tmp_path=tmp_path)

    assert result.returncode == 1
    assert result.stderr.startswith("entitybot: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
