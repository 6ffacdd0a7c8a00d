"""The message shortcut: every listed party a message names, privately, shareable in its
thread; only ever what the bot itself answered."""

from __future__ import annotations

from slack_testkit.messages import block_texts, buttons
from slack_testkit.slack_requests import (
    ASKER,
    CHANNEL_ID,
    button_click,
    message_shortcut,
)

from bot.slack.listeners.shortcuts.check_message import CHECK_MESSAGE

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


def test_sharing_where_the_bot_is_not_a_member_says_how_to_invite_it(app, fake_slack):
    fake_slack.channels_without_bot.add(CHANNEL_ID)
    reply = run_shortcut(app, fake_slack, "is Bank Sepah listed?", ts="1712.300300")
    share_url = fake_slack.new_response_url()

    app.slack.action(button_click(reply["blocks"], "share_in_thread", share_url, ephemeral=True))

    told = fake_slack.wait_for_response(share_url).body
    assert "/invite @entitybot" in block_texts(told["blocks"])
    assert told["replace_original"] is False


def test_a_message_naming_no_company_gets_a_short_helpful_reply(app, fake_slack):
    reply = run_shortcut(app, fake_slack, "ok thanks, see you on Friday!")

    text = block_texts(reply["blocks"])
    assert "found no company or person name" in text
    assert "No match" not in text


def test_a_tampered_share_button_posts_nothing_it_did_not_answer(app, fake_slack):
    reply = run_shortcut(app, fake_slack, ORDER_MAIL, ts="1712.300400")
    share_url = fake_slack.new_response_url()
    click = button_click(reply["blocks"], "share_in_thread", share_url, ephemeral=True)
    click["actions"][0]["value"] = "{not json"

    assert app.slack.action(click).status == 200
    # A later, untampered click is answered; the tampered one never was.
    run_shortcut(app, fake_slack, "is Bank Sepah listed?", ts="1712.300500")
    assert fake_slack.api_calls("chat.postMessage") == []
