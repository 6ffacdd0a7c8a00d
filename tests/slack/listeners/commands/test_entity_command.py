"""/entity over HTTP: signed slash commands in, private answers out through response_url."""

from __future__ import annotations

from slack_testkit.messages import FORBIDDEN_MARKUP, block_ids, block_texts, buttons
from slack_testkit.slack_requests import button_click


def test_a_match_is_acked_at_once_and_answered_privately_with_its_card(app, fake_slack):
    response_url = fake_slack.new_response_url()

    reply = app.slack.command("/entity", "Qihoo 360", response_url)

    assert (reply.status, reply.body) == (200, "")
    answer = fake_slack.wait_for_response(response_url).body
    assert answer["response_type"] == "ephemeral"
    text = block_texts(answer["blocks"])
    assert ":red_circle: *Listed*" in text
    assert "*Qihoo 360 Technology Co. Ltd*" in text
    assert "Entity List (EL) \u00b7 Bureau of Industry and Security" in text
    assert "2020-06-05 (effective date of 85 FR 34495)" in text
    assert "<https://www.federalregister.gov/citation/85-FR-34497|85 FR 34497>" in text
    assert "*Reason*\nAdded for a significant risk" in text
    assert "*The entry, field by field*\nGB: Qihoo 360 Technology Co. Ltd" in text
    assert "<https://www.bis.gov/regulations/ear/744#supplement-4-744|www.bis.gov>" in text
    assert "*Countries*\nGB, CN" in text
    assert "Data as of *" in text
    assert block_ids(answer["blocks"])[-2:] == ["share", "footer"]
    assert answer["text"] == "Listed: Qihoo 360 Technology Co. Ltd (Entity List)"


def test_a_question_around_one_name_answers_for_that_name(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "what's the status of Qihoo 360 these days?", response_url)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert ":red_circle: *Listed* \u2014 you asked about \u201cQihoo 360\u201d" in text
    assert "*Qihoo 360 Technology Co. Ltd*" in text


def test_the_matched_alias_is_shown(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "Yun Cong Technology", response_url)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert "*CloudWalk Technology*" in text
    assert "Matched on \u201cYun Cong Technology\u201d" in text


def test_an_ambiguous_name_lists_the_candidates_and_a_button_replaces_them_with_one_card(
    app, fake_slack
):
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Tianjin Sky Dragon", response_url)
    answer = fake_slack.wait_for_response(response_url).body
    text = block_texts(answer["blocks"])
    assert "*Possible match for \u201cTianjin Sky Dragon\u201d*" in text
    assert "*Tianjin Sky Dragon Electronics Co.*" in text
    assert "*Tianjin Sky Dragon Optics Co.*" in text
    assert [b["text"]["text"] for b in buttons(answer["blocks"])] == [
        "This one",
        "This one",
        "Share in channel",
    ]

    action_url = fake_slack.new_response_url()
    click = button_click(answer["blocks"], "choose_candidate.0.1", action_url, ephemeral=True)
    assert app.slack.action(click).status == 200

    card = fake_slack.wait_for_response(action_url).body
    assert card["replace_original"] is True
    assert card["response_type"] == "ephemeral"
    text = block_texts(card["blocks"])
    assert "chosen from the possible matches for \u201cTianjin Sky Dragon\u201d" in text
    assert "*Tianjin Sky Dragon Optics Co.*" in text
    assert "Electronics" not in text
    assert [b["action_id"] for b in buttons(card["blocks"])] == ["share_in_channel"]


def test_no_match_says_what_was_searched_and_that_it_is_not_a_clearance(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "Mytishchi", response_url)

    answer = fake_slack.wait_for_response(response_url).body
    text = block_texts(answer["blocks"])
    assert "*No match for \u201cMytishchi\u201d*" in text
    assert "*This is not a clearance.*" in text
    data = app.screening.status()
    assert (
        f"against {data.entry_count} entries on 3 US lists (Entity List (EL), "
        "Military End User List (MEU), Specially Designated Nationals (SDN)), "
        f"data as of {data.as_of.isoformat()}" in text
    )
    assert (
        "Closest listed names, *not a match*: "
        "Joint Stock Company Mytishchi Machine Building Plant (EL)" in text
    )


def test_a_former_listing_is_shown_with_its_rule(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "Sichuan Zhonghe Import and Export Trade Co., Ltd.", response_url)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert "*No match for" not in text
    assert ":large_yellow_circle: *Formerly listed* \u2014 \u201cSichuan Zhonghe" in text
    assert "was added to the Entity List by 85 FR 34495" in text
    assert "*Formerly listed: Sichuan Zhonghe Import and Export Trade Co., Ltd.*" in text
    assert "<https://www.federalregister.gov/citation/85-FR-34495|85 FR 34495>" in text
    assert "it is not on the current lists" in text


def test_no_text_or_help_gets_the_usage_in_the_ack_and_looks_nothing_up(app, fake_slack):
    for text in ("", "help", "  HELP "):
        response_url = fake_slack.new_response_url()

        reply = app.slack.command("/entity", text, response_url)

        assert reply.status == 200
        usage = reply.json()
        assert usage["response_type"] == "ephemeral"
        assert "`/entity Qihoo 360`" in block_texts(usage["blocks"])
    assert fake_slack.outgoing() == []


def test_a_query_too_long_is_refused_with_the_reason(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "x" * 450, response_url)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert ":warning: *Not looked up:*" in text
    assert "names are at most 400 characters" in text


def test_mentions_typed_into_the_query_never_reach_slack_as_markup(app, fake_slack):
    response_url = fake_slack.new_response_url()

    reply = app.slack.command(
        "/entity", "<!channel> Qihoo 360 <@U123> <#C999|general> <!here> @everyone", response_url
    )

    assert reply.status == 200
    answer = fake_slack.wait_for_response(response_url).body
    assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(answer["blocks"])
    for call in fake_slack.outgoing():
        assert not FORBIDDEN_MARKUP.search(call.raw), call.raw


def test_markup_in_an_unmatched_query_is_escaped_in_the_answer(app, fake_slack):
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity", "Acme &lt;!channel&gt; &amp; &lt;b&gt;", response_url)

    answer = fake_slack.wait_for_response(response_url)
    assert "Acme &lt;!channel&gt; &amp; &lt;b&gt;" in block_texts(answer.body["blocks"])
    assert not FORBIDDEN_MARKUP.search(answer.raw)


def test_an_unexpected_failure_is_told_to_the_asker(app, fake_slack, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the index is on fire")

    monkeypatch.setattr(app.screening, "lookup", broken)
    response_url = fake_slack.new_response_url()

    assert app.slack.command("/entity", "Qihoo 360", response_url).status == 200

    answer = fake_slack.wait_for_response(response_url).body
    assert "Something went wrong" in block_texts(answer["blocks"])
    assert "on fire" not in answer["text"]
