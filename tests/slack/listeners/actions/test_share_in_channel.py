"""Share in channel: the private answer posted for everyone, saying who shared it, once, and
only an answer the bot itself gave."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

from slack_testkit.messages import block_texts, buttons
from slack_testkit.slack_requests import ASKER, SIGNING_SECRET, button_click

from bot.slack.button_values import ButtonSigner
from tests.waiting import stays_true


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


def _private_answer(app, fake_slack, name: str) -> list[dict]:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", name, response_url)
    return fake_slack.wait_for_response(response_url).body["blocks"]


def _in_channel(fake_slack, urls: list[str]) -> list:
    return [
        call
        for url in urls
        for call in fake_slack.posts_to(url)
        if call.body.get("response_type") == "in_channel"
    ]


def test_a_share_value_with_a_forged_query_posts_nothing(app, fake_slack):
    blocks = _private_answer(app, fake_slack, "Bank Sepah")
    click = button_click(blocks, "share_in_channel", fake_slack.new_response_url(), ephemeral=True)
    signed = click["actions"][0]["value"]
    forged = json.dumps({"q": "FAKE CLEARED by Legal", "n": "", "l": ""})
    click["actions"][0]["value"] = signed.rsplit(".{", 1)[0] + "." + forged

    assert app.slack.action(click).status == 200

    refusal = fake_slack.wait_for_response(click["response_url"]).body
    assert refusal["response_type"] == "ephemeral"
    assert "Nothing was posted" in block_texts(refusal["blocks"])
    stays_true(lambda: len(fake_slack.posts_to(click["response_url"])) == 1, 0.3, "posted")
    for call in fake_slack.outgoing():
        assert "FAKE CLEARED" not in call.raw


def test_a_share_button_older_than_a_day_posts_nothing(app, fake_slack):
    blocks = _private_answer(app, fake_slack, "Bank Sepah")
    click = button_click(blocks, "share_in_channel", fake_slack.new_response_url(), ephemeral=True)
    two_days_ago = ButtonSigner(SIGNING_SECRET, clock=lambda: time.time() - 2 * 86400)
    click["actions"][0]["value"] = two_days_ago.sign("share_in_channel", '{"q": "Bank Sepah"}')

    app.slack.action(click)

    refusal = fake_slack.wait_for_response(click["response_url"]).body
    assert "Nothing was posted" in block_texts(refusal["blocks"])
    assert _in_channel(fake_slack, [click["response_url"]]) == []


def test_two_clicks_on_one_share_button_post_once_even_on_two_instances(start_app, fake_slack):
    first_app = start_app()
    # A second instance on the same database, as behind a load balancer.
    second_app = start_app()
    blocks = _private_answer(first_app, fake_slack, "Bank Sepah")
    urls = [fake_slack.new_response_url() for _ in range(4)]
    clicks = [button_click(blocks, "share_in_channel", url, ephemeral=True) for url in urls]

    with ThreadPoolExecutor(4) as pool:
        sent = list(
            pool.map(lambda n: (first_app, second_app)[n % 2].slack.action(clicks[n]), range(4))
        )

    assert [reply.status for reply in sent] == [200] * 4
    # The one share: its post and the removal of the private copy; three notes for the rest.
    fake_slack.wait_for(lambda fake: [c for u in urls for c in fake.posts_to(u)], count=5)
    (shared,) = _in_channel(fake_slack, urls)
    assert "*BANK SEPAH*" in block_texts(shared.body["blocks"])
    notes = [
        call
        for url in urls
        for call in fake_slack.posts_to(url)
        if "already shared" in call.body.get("text", "").lower()
    ]
    assert len(notes) == 3
    stays_true(lambda: len(_in_channel(fake_slack, urls)) == 1, 0.3, "shared twice")

    # Another lookup of the same name is another answer: it can be shared in its turn.
    again = _private_answer(first_app, fake_slack, "Bank Sepah")
    again_url = fake_slack.new_response_url()
    first_app.slack.action(button_click(again, "share_in_channel", again_url, ephemeral=True))
    (shared_again, _cleanup) = fake_slack.wait_for(lambda f: f.posts_to(again_url), count=2)
    assert shared_again.body["response_type"] == "in_channel"
