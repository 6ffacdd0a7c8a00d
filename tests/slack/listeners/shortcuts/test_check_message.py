"""The message shortcut: every listed party a message names, privately, shareable in its
thread; only ever what the bot itself answered."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from slack_testkit.messages import block_texts, buttons
from slack_testkit.slack_requests import (
    ASKER,
    CHANNEL_ID,
    button_click,
    message_shortcut,
)

from bot.slack.listeners.shortcuts.check_message import CHECK_MESSAGE
from tests.waiting import stays_true, wait_until

ORDER_MAIL = (
    "Hi team, the Q3 order for Qihoo 360 is ready. Can we also quote Bank Sepah and "
    "Acme Widgets GmbH before Friday?"
)


def run_shortcut(app, fake_slack, text, ts="1712.300100", **options):
    response_url = fake_slack.new_response_url()
    payload = message_shortcut(CHECK_MESSAGE, text, ts, response_url, **options)
    assert app.slack.action(payload).status == 200
    return fake_slack.wait_for_response(response_url).body


def test_the_shortcut_answers_privately_with_every_party_the_message_names(app, fake_slack):
    reply = run_shortcut(app, fake_slack, ORDER_MAIL)

    assert reply["response_type"] == "ephemeral"
    text = block_texts(reply["blocks"])
    assert "*Qihoo 360 Technology Co. Ltd*" in text
    assert "*BANK SEPAH*" in text
    assert text.index("Qihoo 360") < text.index("BANK SEPAH")
    assert "*Not on the lists:* \u201cAcme Widgets GmbH\u201d" in text
    assert "Searched " in text and "data as of" in text
    assert [b["action_id"] for b in buttons(reply["blocks"])] == ["share_in_thread"]
    # Nothing is posted in the channel until someone shares it.
    assert fake_slack.api_calls("chat.postMessage") == []


def test_sharing_posts_the_answer_in_the_message_thread_once(app, fake_slack):
    reply = run_shortcut(app, fake_slack, ORDER_MAIL, ts="1712.300200", thread_ts="1712.300000")
    share_url = fake_slack.new_response_url()
    click = button_click(reply["blocks"], "share_in_thread", share_url, ephemeral=True)

    assert app.slack.action(click).status == 200

    (post,) = fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["thread_ts"] == "1712.300000"
    shared = block_texts(post.body["blocks"])
    assert "*BANK SEPAH*" in shared
    assert f"Shared by <@{ASKER}>" in shared
    assert buttons(post.body["blocks"]) == []
    cleanup = fake_slack.wait_for_response(share_url)
    assert cleanup.body["delete_original"] is True


def test_sharing_where_the_bot_is_not_a_member_says_how_to_invite_it(app, fake_slack, caplog):
    fake_slack.channels_without_bot.add(CHANNEL_ID)
    reply = run_shortcut(app, fake_slack, "is Bank Sepah listed?", ts="1712.300300")
    share_url = fake_slack.new_response_url()
    click = button_click(reply["blocks"], "share_in_thread", share_url, ephemeral=True)

    app.slack.action(click)

    told = fake_slack.wait_for_response(share_url).body
    assert "/invite @entitybot" in block_texts(told["blocks"])
    assert told["replace_original"] is False
    (warning,) = wait_until(lambda: _warnings_about(caplog, CHANNEL_ID), "the warning")
    assert warning.exc_info is None and "\n" not in warning.getMessage()

    # Invited, the same button shares: the failed try did not count as the one share.
    fake_slack.channels_without_bot.discard(CHANNEL_ID)
    again_url = fake_slack.new_response_url()
    app.slack.action({**click, "response_url": again_url})
    (post,) = fake_slack.wait_for(
        lambda fake: [c for c in fake.api_calls("chat.postMessage") if c.body.get("blocks")], 2
    )[1:]
    assert "*BANK SEPAH*" in block_texts(post.body["blocks"])


def _warnings_about(caplog, channel: str) -> list:
    return [
        record
        for record in caplog.records
        if record.levelname == "WARNING" and channel in record.getMessage()
    ]


def test_two_clicks_on_one_share_button_post_in_the_thread_once(app, fake_slack):
    reply = run_shortcut(app, fake_slack, ORDER_MAIL, ts="1712.300600")
    urls = [fake_slack.new_response_url() for _ in range(3)]
    clicks = [button_click(reply["blocks"], "share_in_thread", url, ephemeral=True) for url in urls]

    with ThreadPoolExecutor(3) as pool:
        assert [r.status for r in pool.map(app.slack.action, clicks)] == [200] * 3

    # One cleanup for the share, one note for each other click.
    fake_slack.wait_for(lambda fake: [c for u in urls for c in fake.posts_to(u)], count=3)
    notes = [c for u in urls for c in fake_slack.posts_to(u) if c.body["text"] == "Already shared"]
    assert len(notes) == 2
    stays_true(
        lambda: len(fake_slack.api_calls("chat.postMessage")) == 1,
        0.3,
        "shared in the thread twice",
    )


def test_a_message_naming_no_company_gets_a_short_helpful_reply(app, fake_slack):
    reply = run_shortcut(app, fake_slack, "ok thanks, see you on Friday!")

    text = block_texts(reply["blocks"])
    assert "found no company or person name" in text
    assert "No match" not in text


def test_a_tampered_share_button_posts_nothing_it_did_not_answer(app, fake_slack):
    reply = run_shortcut(app, fake_slack, ORDER_MAIL, ts="1712.300400")
    signed = buttons(reply["blocks"])[0]["value"]
    # Another channel and another text, under the real signature; an unsigned value.
    elsewhere = json.dumps({"c": "C0OTHER", "t": "1712.300400", "x": "FAKE CLEARED by Legal"})
    for value in (signed.rsplit(".{", 1)[0] + "." + elsewhere, "{not json", elsewhere):
        share_url = fake_slack.new_response_url()
        click = button_click(reply["blocks"], "share_in_thread", share_url, ephemeral=True)
        click["actions"][0]["value"] = value

        assert app.slack.action(click).status == 200

        refusal = fake_slack.wait_for_response(share_url).body
        assert refusal["response_type"] == "ephemeral"
        assert "Nothing was posted" in block_texts(refusal["blocks"])
    assert fake_slack.api_calls("chat.postMessage") == []
