"""/entity-admin audit [SINCE] [UNTIL]: the recorded answers as a CSV file, sent to the
admin who asked and no one else; anyone else is refused and nothing is uploaded."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from slack_testkit.audit_records import answer_record
from slack_testkit.csl_data import ADMIN
from slack_testkit.messages import block_texts

from bot.screening.records import RecordedParty
from tests.cli.cli_runner import run_cli
from tests.waiting import stays_true

KHAKI = (
    RecordedParty("ISN", "isn-7", "Parviz Khaki", "ambiguous"),
    RecordedParty("SDN", "sdn-9", "KHAKI, Parviz", "ambiguous"),
)
FILE_METHODS = ("conversations.open", "files.getUploadURLExternal", "files.completeUploadExternal")


@pytest.fixture
def recorded_app(app):
    for record in (
        answer_record(datetime(2026, 11, 1, 9, 30, tzinfo=UTC)),
        answer_record(datetime(2026, 11, 2, 23, 59, tzinfo=UTC), "Acme Widgets", "none", ()),
        answer_record(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), "Parviz Khaki", "ambiguous", KHAKI),
        answer_record(datetime(2026, 11, 3, 8, 0, tzinfo=UTC), "Later", "none", ()),
    ):
        app.screening.records.write(record)
    return app


def _nothing_uploaded(fake_slack) -> bool:
    return not any(fake_slack.api_calls(method) for method in FILE_METHODS)


def test_an_admin_gets_the_csv_privately_with_a_summary(recorded_app, fake_slack, tmp_path):
    response_url = fake_slack.new_response_url()

    reply = recorded_app.slack.command(
        "/entity-admin", "audit 2026-11-01 2026-11-02", response_url, user_id=ADMIN
    )

    assert reply.status == 200
    assert (
        "Preparing the audit export of the answers recorded from 2026-11-01 to 2026-11-02"
        in block_texts(reply.json()["blocks"])
    )
    told = fake_slack.wait_for_response(response_url).body
    assert told["response_type"] == "ephemeral"
    summary = (
        "3 answers (4 rows) recorded from 2026-11-01 to 2026-11-02 (first 2026-11-01 09:30, "
        "last 2026-11-02 23:59 UTC): 1 match, 1 ambiguous, 1 no match."
    )
    assert summary in block_texts(told["blocks"])
    assert "in your direct messages with entitybot; no one else can see it" in block_texts(
        told["blocks"]
    )
    # Shared in the admin's own direct messages with the bot, and only there.
    (opened,) = fake_slack.api_calls("conversations.open")
    assert opened.body["users"] == ADMIN
    (shared,) = fake_slack.shared_files
    assert shared.channel == "D" + ADMIN[1:]
    assert shared.initial_comment.startswith(f"entitybot audit export: {summary}")
    (asked_url,) = fake_slack.api_calls("files.getUploadURLExternal")
    assert asked_url.body["filename"] == "entitybot-audit-2026-11-01-to-2026-11-02.csv"
    rows = list(csv.DictReader(io.StringIO(shared.content.decode("utf-8"))))
    assert [(r["asked"], r["party_name"]) for r in rows] == [
        ("Qihoo 360", "Qihoo 360 Technology Co. Ltd"),
        ("Parviz Khaki", "Parviz Khaki"),
        ("Parviz Khaki", "KHAKI, Parviz"),
        ("Acme Widgets", ""),
    ]
    # The same CSV as `entitybot audit` prints for those days.
    printed = run_cli(
        "audit", "--since", "2026-11-01", "--until", "2026-11-02",
        data_dir=tmp_path / "cli-data",
        env={"DATABASE_URL": recorded_app.settings.database_url},
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert shared.content.decode("utf-8").splitlines() == printed.stdout.splitlines()


def test_someone_not_an_admin_is_refused_and_nothing_is_uploaded(recorded_app, fake_slack):
    reply = recorded_app.slack.command(
        "/entity-admin", "audit 2026-11-01", "http://unused", user_id="U0NOBODY"
    )

    assert reply.status == 200
    assert "Only entitybot admins can run `/entity-admin audit`" in block_texts(
        reply.json()["blocks"]
    )
    stays_true(lambda: _nothing_uploaded(fake_slack), 0.3, "a refused audit uploaded")
    assert fake_slack.shared_files == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("audit 2026-11-31", "'2026-11-31' is not a date like 2026-07-31"),
        ("audit 2026-11-03 2026-11-01", "2026-11-03 is after 2026-11-01"),
        (
            "audit 2026-11-01 2026-11-02 2026-11-03",
            "`/entity-admin audit` takes at most two days, not 3 words",
        ),
    ],
)
def test_a_range_that_is_no_range_is_one_line_and_nothing_is_uploaded(
    recorded_app, fake_slack, text, said
):
    reply = recorded_app.slack.command("/entity-admin", text, "http://unused", user_id=ADMIN)

    (line,) = block_texts(reply.json()["blocks"]).splitlines()
    assert line.startswith(f":no_entry: {said}") and line.endswith("Nothing was sent.")
    stays_true(lambda: _nothing_uploaded(fake_slack), 0.3, "a refused audit uploaded")


def test_a_range_with_no_answers_says_so_and_sends_no_file(recorded_app, fake_slack):
    response_url = fake_slack.new_response_url()

    recorded_app.slack.command("/entity-admin", "audit 2025-01-01 2025-01-31", response_url,
                               user_id=ADMIN)  # fmt: skip

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert text == ("No answers were recorded from 2025-01-01 to 2025-01-31. No file was sent.")
    assert _nothing_uploaded(fake_slack)


def test_the_admin_usage_names_audit(app):
    reply = app.slack.command("/entity-admin", "help", "http://unused", user_id=ADMIN)

    assert "`/entity-admin audit [SINCE] [UNTIL]`" in block_texts(reply.json()["blocks"])


def test_a_file_slack_refuses_is_told_in_one_line(recorded_app, fake_slack):
    fake_slack.file_errors["files.completeUploadExternal"] = "not_allowed_token_type"
    response_url = fake_slack.new_response_url()

    recorded_app.slack.command("/entity-admin", "audit", response_url, user_id=ADMIN)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert text == (
        ":x: The audit export could not be sent: Slack answered not_allowed_token_type."
    )
    assert fake_slack.shared_files == []
