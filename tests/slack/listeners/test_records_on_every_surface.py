"""Every answer the bot gives in Slack leaves its audit record first: who asked, in which
workspace and channel, on which surface, what, what they were told, and from which data. A
record the store refuses means the answer is not sent, and the asker is told why."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from slack_testkit.fake_slack import TEAM_ID
from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import (
    ASKER,
    CHANNEL_ID,
    button_click,
    direct_message,
    mention,
    message_shortcut,
)

from bot.screening.records import RecordedParty
from bot.slack.listeners.shortcuts.check_message import CHECK_MESSAGE
from tests.waiting import stays_true

SEPAH = RecordedParty("SDN", "sdn-2", "BANK SEPAH", "match")
ELECTRONICS = ("EL", "el-extra-1", "Tianjin Sky Dragon Electronics Co.")
OPTICS = ("EL", "el-extra-2", "Tianjin Sky Dragon Optics Co.")
MAIL = "Hi, can we quote Bank Sepah and Tianjin Sky Dragon before Friday?"
NOT_RECORDED = "could not be recorded, so it is not shown"


def records(app) -> list:
    return list(app.screening.records.between(None, None))


def assert_recorded_from_the_data_answering(app, record, surface: str, channel: str) -> None:
    data = app.screening.status()
    assert (record.team_id, record.enterprise_id, record.user_id) == (TEAM_ID, "", ASKER)
    assert (record.surface, record.channel_id) == (surface, channel)
    assert (record.data_version_id, record.data_as_of) == (data.version_id, data.as_of)
    assert timedelta(0) <= datetime.now(UTC) - record.at < timedelta(minutes=1)
    assert record.os_user == ""


def slash_command(app, fake_slack, text: str) -> dict:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", text, response_url)
    return fake_slack.wait_for_response(response_url).body


def click(app, fake_slack, blocks: list, action_id: str) -> str:
    action_url = fake_slack.new_response_url()
    assert app.slack.action(button_click(blocks, action_id, action_url, ephemeral=True)).status
    return action_url


def test_a_slash_command_answer(app, fake_slack):
    reply = slash_command(app, fake_slack, "is Bank Sepah listed?")

    assert "*BANK SEPAH*" in block_texts(reply["blocks"])
    (record,) = records(app)
    assert_recorded_from_the_data_answering(app, record, "slash_command", CHANNEL_ID)
    assert (record.asked, record.status, record.parties) == (
        "is Bank Sepah listed?",
        "match",
        (SEPAH,),
    )


def test_a_mention_answer_records_each_party_with_its_own_status(app, fake_slack):
    app.slack.event(mention(MAIL, ts="1712.900100"))

    fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    (record,) = records(app)
    assert_recorded_from_the_data_answering(app, record, "mention", CHANNEL_ID)
    assert record.asked.endswith(MAIL) and record.asked.startswith("<@")
    # The message's strongest answer names the record; each party keeps its own status.
    assert record.status == "match"
    assert set(record.parties) == {
        SEPAH,
        RecordedParty(*ELECTRONICS, "ambiguous"),
        RecordedParty(*OPTICS, "ambiguous"),
    }


def test_a_direct_message_answer(app, fake_slack):
    app.slack.event(direct_message("Acme Widgets GmbH", ts="1712.900200"))

    fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    (record,) = records(app)
    assert_recorded_from_the_data_answering(app, record, "direct_message", "D0ASKER")
    assert (record.asked, record.status, record.parties) == ("Acme Widgets GmbH", "none", ())


def test_a_message_shortcut_answer(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.action(message_shortcut(CHECK_MESSAGE, MAIL, "1712.900300", response_url))

    fake_slack.wait_for_response(response_url)
    (record,) = records(app)
    assert_recorded_from_the_data_answering(app, record, "shortcut", CHANNEL_ID)
    assert (record.asked, record.status) == (MAIL, "match")
    assert SEPAH in record.parties


def test_a_candidate_chosen_by_its_button(app, fake_slack):
    candidates = slash_command(app, fake_slack, "Tianjin Sky Dragon")["blocks"]

    chosen = fake_slack.wait_for_response(
        click(app, fake_slack, candidates, "choose_candidate.0.1")
    )

    assert "*Tianjin Sky Dragon Optics Co.*" in block_texts(chosen.body["blocks"])
    asked, choice = records(app)
    assert (asked.status, asked.surface) == ("ambiguous", "slash_command")
    assert_recorded_from_the_data_answering(app, choice, "button", CHANNEL_ID)
    assert (choice.asked, choice.status) == ("Tianjin Sky Dragon", "chosen")
    assert choice.parties == (RecordedParty(*OPTICS, "chosen"),)


def test_an_answer_shared_in_the_channel(app, fake_slack):
    private = slash_command(app, fake_slack, "Bank Sepah")["blocks"]

    share_url = click(app, fake_slack, private, "share_in_channel")

    fake_slack.wait_for_response(share_url, count=2)
    _, shared = records(app)
    assert_recorded_from_the_data_answering(app, shared, "share", CHANNEL_ID)
    assert (shared.asked, shared.status, shared.parties) == ("Bank Sepah", "match", (SEPAH,))


def test_a_shortcut_answer_shared_in_the_thread(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.action(message_shortcut(CHECK_MESSAGE, MAIL, "1712.900400", response_url))
    private = fake_slack.wait_for_response(response_url).body["blocks"]

    click(app, fake_slack, private, "share_in_thread")

    fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    _, shared = records(app)
    assert_recorded_from_the_data_answering(app, shared, "share", CHANNEL_ID)
    assert (shared.asked, shared.status) == (MAIL, "match")


# -- a store that refuses the record -------------------------------------------------------


class RefusingStore:
    """Makes the store refuse every new record, as a full disk or a revoked grant would."""

    def __init__(self, database_url: str) -> None:
        self.path = database_url.removeprefix("sqlite:///")

    def refuse(self) -> None:
        with sqlite3.connect(self.path) as connection:
            connection.execute(
                "CREATE TRIGGER refuse_records BEFORE INSERT ON answer_record "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )

    def heal(self) -> None:
        with sqlite3.connect(self.path) as connection:
            connection.execute("DROP TRIGGER refuse_records")


@pytest.fixture
def store(app) -> RefusingStore:
    return RefusingStore(app.settings.database_url)


def only_the_notice(fake_slack, call) -> None:
    said = block_texts(call.body["blocks"])
    assert NOT_RECORDED in said and "database or disk is full" in said
    assert "SEPAH" not in call.raw and "Tianjin" not in call.raw
    stays_true(lambda: fake_slack.outgoing() == [call], 0.3, "something else was sent")


def test_an_unrecorded_slash_command_answer_is_not_sent(app, fake_slack, store, caplog):
    store.refuse()
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Bank Sepah", response_url)

    notice = fake_slack.wait_for_response(response_url)

    assert notice.body["response_type"] == "ephemeral"
    only_the_notice(fake_slack, notice)
    assert records(app) == []
    assert all("Bank Sepah" not in r.getMessage() and not r.exc_info for r in caplog.records)


def test_an_unrecorded_mention_answer_is_not_posted(app, fake_slack, store):
    store.refuse()
    app.slack.event(mention(MAIL, ts="1712.900500"))

    (post,) = fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))

    assert post.body["thread_ts"] == "1712.900500"
    only_the_notice(fake_slack, post)


def test_an_unrecorded_share_posts_nothing_and_may_be_tried_again(app, fake_slack, store):
    private = slash_command(app, fake_slack, "Bank Sepah")["blocks"]
    store.refuse()
    sent_before = len(fake_slack.outgoing())

    share_url = click(app, fake_slack, private, "share_in_channel")

    notice = fake_slack.wait_for_response(share_url)
    assert notice.body["response_type"] == "ephemeral"
    assert notice.body["replace_original"] is False
    assert NOT_RECORDED in block_texts(notice.body["blocks"])
    stays_true(lambda: len(fake_slack.outgoing()) == sent_before + 1, 0.3, "shared anyway")

    store.heal()
    again_url = click(app, fake_slack, private, "share_in_channel")
    shared = fake_slack.wait_for_response(again_url)
    assert shared.body["response_type"] == "in_channel"
    assert [r.surface for r in records(app)] == ["slash_command", "share"]
