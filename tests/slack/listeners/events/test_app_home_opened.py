"""The App Home tab: opening it publishes the user's last lookups, the data's as-of date and
age, and how to use the bot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_testkit.audit_records import answer_record
from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import ASKER

from tests.waiting import stays_true

NOW = datetime.now(UTC)


def home_opened(tab: str = "home", user: str = ASKER) -> dict:
    ts = f"{NOW.timestamp():.6f}"
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": tab,
            "event_ts": ts}  # fmt: skip


def test_the_home_tab_shows_the_users_lookups_the_data_and_how_to_ask(app, fake_slack):
    app.screening.records.write(answer_record(NOW - timedelta(minutes=5), "Qihoo 360"))
    app.screening.records.write(answer_record(NOW, "Acme Widgets", "none", ()))
    app.screening.records.write(answer_record(NOW, "Not mine", user_id="U0OTHER"))

    reply = app.slack.event(home_opened())

    assert reply.status == 200
    (published,) = fake_slack.wait_for(lambda fake: fake.api_calls("views.publish"))
    assert published.body["user_id"] == ASKER
    view = published.body["view"]
    assert view["type"] == "home"
    text = block_texts(view["blocks"])
    data = app.screening.data()
    age = data.age_days()
    days = "day" if age == 1 else "days"
    assert f"*Data as of {data.as_of.isoformat()}* ({age} {days} old)" in text
    assert f"{data.entry_count:,} entries on" in text and "Entity List (EL)" in text
    assert "*Your last 2 lookups*" in text
    lines = [line for line in text.splitlines() if line.startswith("\u201c")]
    assert lines == [
        "\u201cAcme Widgets\u201d \u2192 :white_circle: No match",
        "\u201cQihoo 360\u201d \u2192 :red_circle: Match: Qihoo 360 Technology Co. Ltd "
        "\u2014 Entity List (EL)",
    ]
    assert "Not mine" not in text
    assert "`/entity Qihoo 360`" in text
    assert "`/entity history` shows them anywhere, to you alone." in text


def test_a_newcomers_home_tab_says_where_lookups_will_show(app, fake_slack):
    app.slack.event(home_opened(user="U0NEWBIE"))

    (published,) = fake_slack.wait_for(lambda fake: fake.api_calls("views.publish"))
    assert "*Your lookups* will show here once you ask." in block_texts(
        published.body["view"]["blocks"]
    )


def test_opening_the_messages_tab_publishes_nothing(app, fake_slack):
    reply = app.slack.event(home_opened(tab="messages"))

    assert reply.status == 200
    stays_true(lambda: not fake_slack.api_calls("views.publish"), 0.3, "a view was published")
