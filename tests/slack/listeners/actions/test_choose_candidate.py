"""A candidate's button: that party's card takes the candidates' place; only ever for a
button the bot itself sent."""

from __future__ import annotations

import json

from slack_testkit.messages import block_ids, block_texts, buttons
from slack_testkit.slack_requests import SIGNING_SECRET, button_click, mention

from bot.slack.button_values import ButtonSigner


def _thread_reply(app, fake_slack, text: str, ts: str) -> dict:
    app.slack.event(mention(text, ts=ts))
    (post,) = fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    return {**post.body, "ts": "1700000000.000002", "type": "message"}


def _private_candidates(app, fake_slack) -> list[dict]:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    return fake_slack.wait_for_response(response_url).body["blocks"]


def test_in_a_thread_reply_only_the_chosen_answer_changes(app, fake_slack):
    message = _thread_reply(app, fake_slack, "Tianjin Sky Dragon and Qihoo 360?", "1712.200100")
    before = block_texts(message["blocks"])
    assert "*Possible match for \u201cTianjin Sky Dragon\u201d*" in before
    assert "*Qihoo 360 Technology Co. Ltd*" in before

    action_url = fake_slack.new_response_url()
    click = button_click(
        message["blocks"], "choose_candidate.0.0", action_url, ephemeral=False, message=message
    )
    assert app.slack.action(click).status == 200

    update = fake_slack.wait_for_response(action_url).body
    assert update["replace_original"] is True
    after = block_texts(update["blocks"])
    assert "*Possible match" not in after
    assert "chosen from the possible matches for \u201cTianjin Sky Dragon\u201d" in after
    assert "*Tianjin Sky Dragon Electronics Co.*" in after
    assert "*Tianjin Sky Dragon Optics Co.*" not in after
    assert "*Qihoo 360 Technology Co. Ltd*" in after
    ids = block_ids(update["blocks"])
    assert ids.index("a0.0.party") < ids.index("a1.divider") < ids.index("a1.0.party")
    assert ids[-1] == "footer"


def test_a_reply_with_two_ambiguous_answers_has_unique_buttons_and_each_works(app, fake_slack):
    message = _thread_reply(app, fake_slack, "Tianjin Sky Dragon and CloudWalk?", "1712.200200")
    text = block_texts(message["blocks"])
    assert "*Possible match for \u201cTianjin Sky Dragon\u201d*" in text
    assert "*Possible match for \u201cCloudWalk\u201d*" in text
    action_ids = [element["action_id"] for element in buttons(message["blocks"])]
    # Block Kit refuses a message whose action IDs repeat (the fake Slack checks it too).
    assert len(action_ids) == len(set(action_ids)) >= 3
    assert {"choose_candidate.0.0", "choose_candidate.1.0"} <= set(action_ids)

    action_url = fake_slack.new_response_url()
    click = button_click(
        message["blocks"], "choose_candidate.1.0", action_url, ephemeral=False, message=message
    )
    assert app.slack.action(click).status == 200

    update = fake_slack.wait_for_response(action_url).body
    after = block_texts(update["blocks"])
    assert "*Possible match for \u201cTianjin Sky Dragon\u201d*" in after
    assert "*Possible match for \u201cCloudWalk\u201d*" not in after
    assert "chosen from the possible matches for \u201cCloudWalk\u201d" in after
    assert [b["action_id"] for b in buttons(update["blocks"])] == [
        a for a in action_ids if a.startswith("choose_candidate.0.")
    ]


def test_a_forged_query_never_reaches_the_channel(app, fake_slack):
    """The attack: a real party, a query the bot never answered, shown as its headline."""
    message = _thread_reply(app, fake_slack, "Tianjin Sky Dragon?", "1712.200300")
    action_url = fake_slack.new_response_url()
    click = button_click(
        message["blocks"], "choose_candidate.0.0", action_url, ephemeral=False, message=message
    )
    signed = click["actions"][0]["value"]
    forged = {"q": "FAKE CLEARED by Legal", "n": "Tianjin Sky Dragon Electronics Co.", "l": "EL"}
    click["actions"][0]["value"] = signed.rsplit(".{", 1)[0] + "." + json.dumps(forged)

    assert app.slack.action(click).status == 200

    refusal = fake_slack.wait_for_response(action_url).body
    assert refusal["response_type"] == "ephemeral"
    assert refusal["replace_original"] is False
    assert "Nothing was posted" in block_texts(refusal["blocks"])
    for call in fake_slack.outgoing():
        assert "FAKE CLEARED" not in call.raw


def test_an_unsigned_value_gets_a_private_refusal_and_changes_nothing(app, fake_slack):
    blocks = _private_candidates(app, fake_slack)
    for value in (
        "<!channel> not json",
        '{"q": "FAKE CLEARED by Legal", "n": "Tianjin Sky Dragon Optics Co.", "l": "EL"}',
        # A real value, from another kind of button.
        buttons(blocks)[-1]["value"],
    ):
        click = button_click(
            blocks, "choose_candidate.0.0", fake_slack.new_response_url(), ephemeral=True
        )
        click["actions"][0]["value"] = value

        assert app.slack.action(click).status == 200

        (refusal,) = fake_slack.wait_for(lambda fake, c=click: fake.posts_to(c["response_url"]))
        assert refusal.body["replace_original"] is False
        assert refusal.body["response_type"] == "ephemeral"
        assert "Nothing was posted" in block_texts(refusal.body["blocks"])
    assert fake_slack.api_calls("chat.postMessage") == []


def test_a_party_gone_from_the_data_is_said_to_be(app, fake_slack):
    blocks = _private_candidates(app, fake_slack)
    click = button_click(
        blocks, "choose_candidate.0.0", fake_slack.new_response_url(), ephemeral=True
    )
    # A button the bot sent before the data changed (signed as the bot signs).
    gone = '{"q": "Tianjin Sky Dragon", "n": "Gone Ltd", "l": "EL"}'
    click["actions"][0]["value"] = ButtonSigner(SIGNING_SECRET).sign("choose_candidate", gone)

    app.slack.action(click)

    reply = fake_slack.wait_for_response(click["response_url"]).body
    assert reply["replace_original"] is False
    assert "*Gone Ltd* (EL) is not in the data as of" in block_texts(reply["blocks"])
