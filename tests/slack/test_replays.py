"""A signed request sent again (the same signature, so the same timestamp and body) is
acknowledged and not acted on again, whichever instance it reaches."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor

from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import FORM, button_click, command_body
from sqlalchemy import text

from tests.waiting import stays_true

# Room for a second answer to arrive, if one were sent.
SETTLE_SECONDS = 0.5


def test_a_signed_command_sent_three_times_is_answered_once(app, fake_slack):
    response_url = fake_slack.new_response_url()
    body = command_body("/entity", "Qihoo 360", response_url)
    timestamp = int(time.time())

    replies = [app.slack.post(body, FORM, timestamp=timestamp) for _ in range(3)]

    assert [(reply.status, reply.body) for reply in replies] == [(200, "")] * 3
    answer = fake_slack.wait_for_response(response_url)
    assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(answer.body["blocks"])
    stays_true(
        lambda: len(fake_slack.posts_to(response_url)) == 1,
        SETTLE_SECONDS,
        "a replayed /entity was answered again",
    )


def test_a_replay_reaching_another_instance_is_not_answered_again(start_app, fake_slack):
    first, second = start_app(), start_app()  # two instances, one SQLite store
    response_url = fake_slack.new_response_url()
    body = command_body("/entity", "Qihoo 360", response_url)
    timestamp = int(time.time())
    senders = [first.slack, second.slack, first.slack, second.slack]

    with ThreadPoolExecutor(len(senders)) as pool:
        replies = list(pool.map(lambda s: s.post(body, FORM, timestamp=timestamp), senders))

    assert [reply.status for reply in replies] == [200] * len(senders)
    fake_slack.wait_for_response(response_url)
    stays_true(
        lambda: len(fake_slack.posts_to(response_url)) == 1,
        SETTLE_SECONDS,
        "a request sent to two instances was answered twice",
    )


def test_a_replayed_share_click_posts_in_the_channel_once(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Bank Sepah", response_url)
    private = fake_slack.wait_for_response(response_url).body
    share_url = fake_slack.new_response_url()
    click = button_click(private["blocks"], "share_in_channel", share_url, ephemeral=True)
    timestamp = int(time.time())

    replies = [app.slack.action(click, timestamp=timestamp) for _ in range(3)]

    assert [reply.status for reply in replies] == [200] * 3

    def in_channel(fake):
        return [p for p in fake.posts_to(share_url) if p.body.get("response_type") == "in_channel"]

    fake_slack.wait_for(in_channel, count=1)
    stays_true(
        lambda: len(in_channel(fake_slack)) == 1,
        SETTLE_SECONDS,
        "a replayed share click posted in the channel again",
    )


def test_a_signed_request_is_refused_with_503_when_the_store_cannot_record_it(
    app, fake_slack, caplog
):
    caplog.set_level(logging.WARNING)
    with app.screening.engine.begin() as connection:
        connection.execute(text("DROP TABLE claim"))
    response_url = fake_slack.new_response_url()

    reply = app.slack.command("/entity", "Qihoo 360", response_url)

    assert reply.status == 503
    assert "Traceback" not in caplog.text
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.slack.request_guard"]
    assert warnings == [
        "could not check a Slack request for a replay: cannot record a Slack request: "
        "OperationalError"
    ]
    stays_true(lambda: fake_slack.posts_to(response_url) == [], 0.2, "answered unrecorded")
