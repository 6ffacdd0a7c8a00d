"""Share in channel: the private answer posted for everyone, saying who shared it."""

from __future__ import annotations

from slack_testkit.messages import block_texts, buttons
from slack_testkit.slack_requests import ASKER, button_click


def test_sharing_posts_the_card_in_the_channel_and_removes_the_private_copy(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Bank Sepah", response_url)
    private = fake_slack.wait_for_response(response_url).body

    action_url = fake_slack.new_response_url()
    click = button_click(private["blocks"], "share_in_channel", action_url, ephemeral=True)
    assert app.slack.action(click).status == 200

    shared, cleanup = fake_slack.wait_for(lambda fake: fake.posts_to(action_url), count=2)
    assert shared.body["response_type"] == "in_channel"
    assert shared.body["replace_original"] is False
    text = block_texts(shared.body["blocks"])
    assert "*BANK SEPAH*" in text
    assert f"Shared by <@{ASKER}> from a private `/entity` lookup." in text
    assert "Data as of" in text
    assert buttons(shared.body["blocks"]) == []
    assert cleanup.body["delete_original"] is True


def test_a_chosen_candidate_is_shared_as_its_card(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    candidates = fake_slack.wait_for_response(response_url).body["blocks"]
    chosen_url = fake_slack.new_response_url()
    app.slack.action(button_click(candidates, "choose_candidate.0.1", chosen_url, ephemeral=True))
    card = fake_slack.wait_for_response(chosen_url).body["blocks"]

    share_url = fake_slack.new_response_url()
    app.slack.action(button_click(card, "share_in_channel", share_url, ephemeral=True))

    shared = fake_slack.wait_for_response(share_url).body
    text = block_texts(shared["blocks"])
    assert shared["response_type"] == "in_channel"
    assert "*Tianjin Sky Dragon Optics Co.*" in text
    assert "Electronics" not in text


def test_a_shared_ambiguous_answer_keeps_no_buttons(app, fake_slack):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    private = fake_slack.wait_for_response(response_url).body

    share_url = fake_slack.new_response_url()
    app.slack.action(button_click(private["blocks"], "share_in_channel", share_url, ephemeral=True))

    shared = fake_slack.wait_for_response(share_url).body
    text = block_texts(shared["blocks"])
    assert "*Tianjin Sky Dragon Optics Co.*" in text
    assert "Choose the one you mean" not in text
    assert buttons(shared["blocks"]) == []
