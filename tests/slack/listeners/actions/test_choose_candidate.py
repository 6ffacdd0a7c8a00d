"""A candidate's button: that party's card takes the candidates' place."""

from __future__ import annotations

from slack_testkit.messages import block_ids, block_texts
from slack_testkit.slack_requests import button_click, mention


def test_in_a_thread_reply_only_the_chosen_answer_changes(app, fake_slack):
    app.slack.event(mention("Tianjin Sky Dragon and Qihoo 360?", ts="1712.200100"))
    (post,) = fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
    message = post.body
    message = {**message, "ts": "1700000000.000002", "type": "message"}
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


def test_a_button_value_this_app_did_not_write_changes_nothing(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    blocks = fake_slack.wait_for_response(response_url).body["blocks"]
    click = button_click(
        blocks, "choose_candidate.0.0", fake_slack.new_response_url(), ephemeral=True
    )
    click["actions"][0]["value"] = "<!channel> not json"

    assert app.slack.action(click).status == 200
    # A lookup after it: once answered, the forged click was handled too.
    barrier = fake_slack.new_response_url()
    app.slack.command("/entity", "Hitech", barrier)
    fake_slack.wait_for_response(barrier)
    assert fake_slack.posts_to(click["response_url"]) == []


def test_a_party_gone_from_the_data_is_said_to_be(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    blocks = fake_slack.wait_for_response(response_url).body["blocks"]
    click = button_click(
        blocks, "choose_candidate.0.0", fake_slack.new_response_url(), ephemeral=True
    )
    click["actions"][0]["value"] = '{"q": "Tianjin Sky Dragon", "n": "Gone Ltd", "l": "EL"}'

    app.slack.action(click)

    gone = fake_slack.wait_for_response(click["response_url"]).body
    assert gone["replace_original"] is False
    assert "*Gone Ltd* (EL) is not in the data as of" in block_texts(gone["blocks"])
