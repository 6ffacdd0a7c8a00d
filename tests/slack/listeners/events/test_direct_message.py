"""A direct message to the bot is answered like a mention; edits and bots are not."""

from __future__ import annotations

from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import direct_message


def _posts(fake_slack):
    return fake_slack.api_calls("chat.postMessage")


def test_a_direct_message_is_answered_in_its_thread(app, fake_slack):
    app.slack.event(direct_message("Qihoo 360; CloudWalk", ts="1712.100100"))

    (post,) = fake_slack.wait_for(_posts)
    assert post.body["channel"] == "D0ASKER"
    assert post.body["thread_ts"] == "1712.100100"
    text = block_texts(post.body["blocks"])
    assert "*Qihoo 360 Technology Co. Ltd*" in text
    assert "*CloudWalk Technology*" in text


def test_edits_deletions_and_bot_messages_are_acknowledged_and_ignored(app, fake_slack):
    edit = direct_message(
        "",
        ts="1712.100300",
        subtype="message_changed",
        message={"text": "Qihoo 360", "ts": "1712.100200"},
    )
    deleted = direct_message("", ts="1712.100400", subtype="message_deleted")
    from_bot = direct_message("Qihoo 360", ts="1712.100500", bot_id="B0OTHER")

    for event in (edit, deleted, from_bot):
        assert app.slack.event(event).status == 200
    app.slack.event(direct_message("Hitech", ts="1712.100600"))

    (post,) = fake_slack.wait_for(_posts)
    assert post.body["thread_ts"] == "1712.100600"


def test_messages_in_channels_are_left_to_mentions(app, fake_slack):
    in_channel = {**direct_message("Qihoo 360", ts="1712.100700"), "channel_type": "channel"}

    assert app.slack.event(in_channel).status == 200
    app.slack.event(direct_message("Hitech", ts="1712.100800"))

    (post,) = fake_slack.wait_for(_posts)
    assert post.body["thread_ts"] == "1712.100800"
