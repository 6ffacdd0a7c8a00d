"""/entity NAME on DATE and /entity NAME as of DATE over HTTP, through the served app and the
fake Slack, over a store that loaded several versions: the card says whether the party was
listed that day and how that is known; a name that merely ends in "on" is a name; a day that
cannot be read is refused in one line; sharing posts the answer for the same day."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from slack_testkit.csl_data import AMBIGUOUS_PAIR, csl_csv
from slack_testkit.messages import block_texts, buttons
from slack_testkit.servers import ThreadedApp
from slack_testkit.slack_requests import SlackSender, button_click

from bot.screening import Screening
from bot.settings import Settings
from bot.slack.web import create_application

HITECH = "Hitech Corporation"


def _without(names: tuple[str, ...], into: Path) -> Path:
    lines = csl_csv(*AMBIGUOUS_PAIR).splitlines(True)
    into.write_text("".join(line for line in lines if not any(n in line for n in names)))
    return into


@pytest.fixture
def dated_app(settings: Settings, tmp_path: Path) -> Iterator[SlackSender]:
    """The served app over five loads: Hitech Corporation is added, leaves, comes back."""
    screening = Screening(settings, notify=lambda _message: None)
    for number, (as_of, left_out) in enumerate(
        (
            ("2021-01-01", (HITECH,)),
            ("2022-01-01", ()),
            ("2023-01-01", (HITECH,)),
            ("2023-07-01", (HITECH,)),
            ("2024-01-01", ()),
        )
    ):
        source = _without(left_out, tmp_path / f"csl-{number}.csv")
        screening.refresh(source=str(source), as_of=date.fromisoformat(as_of), force=True)
    with ThreadPoolExecutor(4, thread_name_prefix="test-answer") as background:
        application = create_application(settings, screening, background=background)
        with ThreadedApp(application) as server:
            yield SlackSender(server.url)


def ask(slack: SlackSender, fake_slack, text: str) -> dict:
    response_url = fake_slack.new_response_url()
    reply = slack.command("/entity", text, response_url)
    assert (reply.status, reply.body) == (200, "")
    return fake_slack.wait_for_response(response_url).body


def test_a_party_listed_that_day_says_so_with_its_evidence(dated_app, fake_slack):
    answer = ask(dated_app, fake_slack, "Qihoo 360 on 3 March 2021")

    text = block_texts(answer["blocks"])
    assert (
        ":red_circle: *Listed on 2021-03-03* \u2014 you asked about \u201cQihoo 360\u201d" in text
    )
    assert "Listed on 2021-03-03 (added 2020-06-05 by 85 FR 34495, in the data held from" in text
    assert "*On 2021-03-03*\nlisted on 2021-03-03 (added 2020-06-05 by 85 FR 34495" in text
    assert "*Qihoo 360 Technology Co. Ltd*" in text
    assert answer["text"] == "Listed on 2021-03-03: Qihoo 360"
    # A chosen candidate would be answered for today: the card has no such buttons.
    assert [b["action_id"] for b in buttons(answer["blocks"])] == ["share_in_channel"]


def test_a_party_away_from_its_list_that_day_is_not_listed_then(dated_app, fake_slack):
    answer = ask(dated_app, fake_slack, f"{HITECH} as of 03/01/2023")

    text = block_texts(answer["blocks"])
    assert ":white_circle: *Not listed on 2023-03-01*" in text
    assert (
        "Not listed on 2023-03-01: not in the data as of 2023-01-01 nor of 2023-07-01; listed "
        "until 2022-01-01, back by 2024-01-01." in text
    )
    unknown = block_texts(ask(dated_app, fake_slack, f"{HITECH} as of 2022-06-01")["blocks"])
    assert ":grey_question: *Not known for 2022-06-01*" in unknown
    assert "Unknown: listed in the data as of 2022-01-01, and it left the list by 2023-01-01" in (
        unknown
    )


def test_before_any_rule_a_party_was_not_yet_listed(dated_app, fake_slack):
    text = block_texts(ask(dated_app, fake_slack, "Qihoo 360 on 2019-01-01")["blocks"])

    assert ":white_circle: *Not listed on 2019-01-01*" in text
    assert "Not yet listed on 2019-01-01: added 2020-06-05 by 85 FR 34495." in text
    assert ":red_circle:" not in text


def test_a_name_that_merely_ends_in_on_is_looked_up_as_today(dated_app, fake_slack):
    text = block_texts(ask(dated_app, fake_slack, "Hitech Corporation on")["blocks"])

    assert "Listed on" not in text and "Not listed on" not in text
    assert "*Hitech Corporation*" in text


def test_a_day_that_cannot_be_read_is_refused_in_one_line(dated_app, fake_slack):
    answer = ask(dated_app, fake_slack, "Qihoo 360 on 31/02/2021")

    text = block_texts(answer["blocks"])
    assert text.startswith(":warning: *Not looked up:* \u201cQihoo 360 on 31/02/2021\u201d")
    assert "'31/02/2021' is not a day of the calendar" in text
    assert "*Qihoo" not in text


def test_sharing_posts_the_answer_for_the_same_day(dated_app, fake_slack):
    answer = ask(dated_app, fake_slack, "Qihoo 360 on 2019-01-01")
    click = button_click(
        answer["blocks"], "share_in_channel", fake_slack.new_response_url(), ephemeral=True
    )

    assert dated_app.action(click).status == 200

    shared = fake_slack.wait_for_response(click["response_url"]).body
    assert shared["response_type"] == "in_channel"
    assert "*Not listed on 2019-01-01*" in block_texts(shared["blocks"])


def test_a_possible_match_shows_each_candidate_for_that_day_without_choosing(dated_app, fake_slack):
    answer = ask(dated_app, fake_slack, "Tianjin Sky Dragon on 2022-06-01")

    text = block_texts(answer["blocks"])
    assert ":large_orange_circle: *Possible match on 2022-06-01*" in text
    assert "2 listed parties come close; whether each was listed then is shown with it." in text
    assert "*Tianjin Sky Dragon Electronics Co.*" in text
    assert "*Tianjin Sky Dragon Optics Co.*" in text
    assert text.count("*On 2022-06-01*\nlisted on 2022-06-01") == 2
    assert [b["action_id"] for b in buttons(answer["blocks"])] == ["share_in_channel"]
