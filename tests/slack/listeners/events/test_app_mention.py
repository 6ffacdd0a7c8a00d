"""@entitybot in a channel: one reply in the thread, one answer per name, once."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_testkit.fake_slack import BOT_ID
from slack_testkit.messages import FORBIDDEN_MARKUP, block_texts
from slack_testkit.slack_requests import ASKER, CHANNEL_ID, mention, new_event_id

from tests.waiting import stays_true, wait_until


def _posts(fake_slack):
    return fake_slack.api_calls("chat.postMessage")


def test_a_mention_in_a_thread_naming_two_parties_gets_one_reply_there_with_both(app, fake_slack):
    event = mention(
        "are Aksu Huafu Textiles and CloudWalk listed?", ts="1712.000200", thread_ts="1712.000100"
    )

    reply = app.slack.event(event)

    assert reply.status == 200
    (post,) = fake_slack.wait_for(_posts)
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["thread_ts"] == "1712.000100"
    text = block_texts(post.body["blocks"])
    assert "your message names \u201cAksu Huafu Textiles\u201d" in text
    assert "*Aksu Huafu Textiles Co.*" in text
    # One word that is only part of a listed name (CloudWalk Technology) may be it.
    assert "*Possible match for \u201cCloudWalk\u201d*" in text
    assert "*CloudWalk Technology*" in text
    assert text.count(":red_circle: *Listed*") == 1
    assert post.body["text"] == (
        "Listed: Aksu Huafu Textiles Co. (Entity List); Possible match for \u201cCloudWalk\u201d"
    )
    assert post.headers["authorization"] == "Bearer xoxb-test-bot-token"


def test_a_mention_outside_a_thread_starts_one_on_its_message(app, fake_slack):
    app.slack.event(mention("is Qihoo 360 on the list?", ts="1712.000300"))

    (post,) = fake_slack.wait_for(_posts)
    assert post.body["thread_ts"] == "1712.000300"
    assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(post.body["blocks"])


def test_a_name_with_and_in_it_stays_one_name(app, fake_slack):
    app.slack.event(
        mention("check Sichuan Zhonghe Import and Export Trade Co., Ltd.", ts="1712.000400")
    )

    (post,) = fake_slack.wait_for(_posts)
    text = block_texts(post.body["blocks"])
    assert text.count(":large_yellow_circle: *Formerly listed*") == 1
    assert "*Formerly listed: Sichuan Zhonghe Import and Export Trade Co., Ltd.*" in text


def test_names_on_lines_and_after_commas_each_get_an_answer_in_order(app, fake_slack):
    app.slack.event(
        mention("check these:\n\u2022 Bank Sepah\n\u2022 Hitech Corporation, Acme Widgets", "1.5")
    )

    (post,) = fake_slack.wait_for(_posts)
    text = block_texts(post.body["blocks"])
    assert text.index("*BANK SEPAH*") < text.index("*Hitech Corporation*")
    assert text.index("*Hitech Corporation*") < text.index(
        "*Not on the lists:* \u201cAcme Widgets\u201d"
    )


def test_a_retried_event_is_answered_once(app, fake_slack):
    event = mention("is CloudWalk listed?", ts="1712.000500")
    event_id = new_event_id()

    first = app.slack.event(event, event_id=event_id)
    with ThreadPoolExecutor(3) as pool:
        retries = list(
            pool.map(
                lambda retry: app.slack.event(event, event_id=event_id, retry=retry), [1, 2, 3]
            )
        )

    assert [r.status for r in [first, *retries]] == [200, 200, 200, 200]
    # Another message afterwards: once it is answered, every delivery before it was handled.
    app.slack.event(mention("Hitech", ts="1712.000550"))
    posts = fake_slack.wait_for(_posts, count=2)
    assert sorted(post.body["thread_ts"] for post in posts) == ["1712.000500", "1712.000550"]


def test_bots_and_edits_are_not_answered(app, fake_slack):
    from_bot = {**mention("Qihoo 360", ts="1712.000600"), "bot_id": "B0OTHER"}
    edited = {**mention("Qihoo 360", ts="1712.000700"), "edited": {"user": "U0ASKER"}}
    own = {**mention("Qihoo 360", ts="1712.000800"), "bot_id": BOT_ID}

    for event in (from_bot, edited, own):
        assert app.slack.event(event).status == 200
    app.slack.event(mention("Hitech", ts="1712.000900"))

    (post,) = fake_slack.wait_for(_posts)
    assert "*Hitech Corporation*" in block_texts(post.body["blocks"])


def test_a_bare_mention_or_help_gets_the_usage(app, fake_slack):
    app.slack.event(mention("", ts="1712.001000"))
    app.slack.event(mention("help", ts="1712.001001"))

    posts = fake_slack.wait_for(_posts, count=2)
    for post in posts:
        assert "`/entity Qihoo 360`" in block_texts(post.body["blocks"])


def test_mentions_and_broadcasts_in_the_text_never_reach_slack_as_markup(app, fake_slack):
    app.slack.event(
        mention("<!channel> is Qihoo 360 <@U123> and <!here> <#C0OTHER|random> listed?", "1.7")
    )

    (post,) = fake_slack.wait_for(_posts)
    assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(post.body["blocks"])
    for call in fake_slack.outgoing():
        assert not FORBIDDEN_MARKUP.search(call.raw), call.raw


def test_an_unexpected_failure_is_told_in_the_thread(app, fake_slack, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the index is on fire")

    monkeypatch.setattr(app.screening, "scan", broken)

    app.slack.event(mention("Qihoo 360", ts="1712.001100", thread_ts="1712.001000"))

    (post,) = fake_slack.wait_for(_posts)
    assert post.body["thread_ts"] == "1712.001000"
    assert "Something went wrong" in block_texts(post.body["blocks"])


@pytest.mark.parametrize("refused_by", ["channels_without_bot", "channels_not_found"])
def test_a_mention_where_the_bot_is_not_a_member_is_answered_privately_with_how_to_invite(
    app, fake_slack, caplog, refused_by
):
    getattr(fake_slack, refused_by).add(CHANNEL_ID)

    assert app.slack.event(mention("is Qihoo 360 listed?", ts="1712.001200")).status == 200

    (direct,) = fake_slack.wait_for(
        lambda fake: [c for c in _posts(fake) if c.body["channel"] == ASKER]
    )
    text = block_texts(direct.body["blocks"])
    assert f"You mentioned me in <#{CHANNEL_ID}>" in text
    assert "`/invite @entitybot`" in text
    (warning,) = wait_until(
        lambda: [r for r in caplog.records if r.levelno >= logging.WARNING and "bot." in r.name],
        "the warning",
    )
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert CHANNEL_ID in warning.getMessage() and ASKER in warning.getMessage()
    stays_true(
        lambda: (
            [r.levelno for r in caplog.records if r.levelno >= logging.WARNING] == [logging.WARNING]
        ),
        0.3,
        "more than the one warning was logged",
    )
    # Tried once in the channel, then the direct message: nothing else (no "went wrong").
    assert [c.body["channel"] for c in _posts(fake_slack)] == [CHANNEL_ID, ASKER]
