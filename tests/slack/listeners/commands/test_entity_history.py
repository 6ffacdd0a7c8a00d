"""/entity history: the user's own last 10 lookups, privately, each with the answer it got."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_testkit.audit_records import answer_record
from slack_testkit.messages import FORBIDDEN_MARKUP, block_texts
from slack_testkit.slack_requests import ASKER

from bot.screening.records import RecordedParty

NOW = datetime.now(UTC)


def _history(app, fake_slack, text: str = "history", user_id: str = ASKER) -> dict:
    response_url = fake_slack.new_response_url()
    reply = app.slack.command("/entity", text, response_url, user_id=user_id)
    assert (reply.status, reply.body) == (200, "")
    return fake_slack.wait_for_response(response_url).body


def test_the_last_ten_lookups_newest_first_with_their_answers_and_no_one_elses(app, fake_slack):
    for minutes in range(12):
        app.screening.records.write(
            answer_record(NOW - timedelta(minutes=minutes), asked=f"Query number {minutes}")
        )
    khaki = (
        RecordedParty("ISN", "isn-7", "Parviz Khaki", "ambiguous"),
        RecordedParty("SDN", "sdn-9", "KHAKI, Parviz", "ambiguous"),
    )
    app.screening.records.write(
        answer_record(NOW + timedelta(minutes=1), "Parviz Khaki", "ambiguous", khaki)
    )
    app.screening.records.write(answer_record(NOW, "Someone else's", user_id="U0OTHER"))

    answer = _history(app, fake_slack)

    assert answer["response_type"] == "ephemeral"
    text = block_texts(answer["blocks"])
    assert "*Your last 10 lookups*, newest first (only you can see this):" in text
    asked = [line for line in text.splitlines() if line.startswith("\u201c")]
    assert asked[0] == (
        "\u201cParviz Khaki\u201d \u2192 :large_orange_circle: Possible match: Parviz Khaki "
        "\u2014 ISN; KHAKI, Parviz \u2014 Specially Designated Nationals (SDN)"
    )
    assert asked[1] == (
        "\u201cQuery number 0\u201d \u2192 :red_circle: Match: Qihoo 360 Technology Co. Ltd "
        "\u2014 Entity List (EL)"
    )
    assert [line.split("\u201d")[0] for line in asked[1:]] == [
        f"\u201cQuery number {minutes}" for minutes in range(9)
    ]
    assert f"{NOW:%Y-%m-%d %H:%M} UTC \u00b7 /entity \u00b7 data as of 2026-07-31" in text
    assert "Someone else" not in text and "Query number 9" not in text


def test_a_no_match_and_a_formerly_listed_party_say_so(app, fake_slack):
    app.screening.records.write(answer_record(NOW, "Acme Widgets GmbH", "none", ()))
    former = (RecordedParty("EL", "el-9", "Hitech Corporation", "none"),)
    app.screening.records.write(
        answer_record(NOW + timedelta(seconds=1), "Hitech", "none", former, surface="mention")
    )

    text = block_texts(_history(app, fake_slack, " History ")["blocks"])

    assert "\u201cHitech\u201d \u2192 :white_circle: No match; formerly listed: Hitech" in text
    assert "\u00b7 mention \u00b7" in text
    assert "\u201cAcme Widgets GmbH\u201d \u2192 :white_circle: No match\n" in text + "\n"


def test_someone_who_never_asked_is_told_how_to(app, fake_slack):
    answer = _history(app, fake_slack, user_id="U0NEWBIE")

    assert "You have not looked anything up with entitybot yet" in block_texts(answer["blocks"])


def test_what_was_asked_is_shown_as_text_never_as_markup(app, fake_slack):
    app.screening.records.write(answer_record(NOW, "<!channel> <@U0BOSS> *Qihoo*", "none", ()))

    text = block_texts(_history(app, fake_slack)["blocks"])

    assert FORBIDDEN_MARKUP.search(text) is None
    assert "&lt;!channel&gt;" in text


def test_a_lookup_just_answered_is_first_in_the_history(app, fake_slack):
    asked_url = fake_slack.new_response_url()
    app.slack.command("/entity", "Qihoo 360", asked_url)
    fake_slack.wait_for_response(asked_url)

    text = block_texts(_history(app, fake_slack)["blocks"])

    assert "*Your last 1 lookup*" in text
    assert "\u201cQihoo 360\u201d \u2192 :red_circle: Match: Qihoo 360 Technology Co. Ltd" in text
    # Asking for the history is no lookup: it is not recorded.
    assert len(app.screening.records.recent(ASKER)) == 1
