"""Watchlist alerts over the served app and the fake Slack on real sockets: a watch, a
refresh that lists (or drops) a watched party, then one message in the channel naming the
watched name, the party, its list, the Federal Register cite and what happened; once per
refresh, however many instances run; a refused alert retried and then told to the admins."""

from __future__ import annotations

import itertools

import pytest
from slack_testkit.csl_data import ADMIN, AMBIGUOUS_PAIR, csl_csv
from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import CHANNEL_ID

from tests.waiting import stays_true

# Past the sender's poll (5 s) with room for a slow shared machine.
ALERT_WAIT = 30.0
ZEPHYR = ("Zephyr Optical Technology Co., Ltd.", "Wuhan, CN")


def _watch(app, fake_slack, text: str) -> str:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity-watch", text, response_url)
    return block_texts(fake_slack.wait_for_response(response_url).body["blocks"])


def _posts_to(fake_slack, channel: str):
    return lambda fake: [
        c for c in fake.api_calls("chat.postMessage") if c.body["channel"] == channel
    ]


def _refresh(app, tmp_path, *extra, name: str = "next.csv"):
    """A refresh through Screening.run_refresh, as the admin command, the schedule and the
    CLI run it, from a local file."""
    source = tmp_path / name
    source.write_text(csl_csv(*extra), encoding="utf-8")
    outcome = app.screening.run_refresh(
        "cli", lambda _outcome: None, in_child=False, source=str(source)
    )
    assert outcome.changes.any, outcome
    return outcome


def test_a_watched_name_newly_listed_is_told_in_its_channel_once(start_app, fake_slack, csl_server):
    csl_url = csl_server.serve("/consolidated.csv", csl_csv(*AMBIGUOUS_PAIR, ZEPHYR).encode())
    app = start_app(csl_url=csl_url)
    assert "now watched (not on the lists today)" in _watch(app, fake_slack, "add Zephyr Optics")

    response_url = fake_slack.new_response_url()
    app.slack.command("/entity-admin", "refresh", response_url, user_id=ADMIN)
    (alert,) = fake_slack.wait_for(_posts_to(fake_slack, CHANNEL_ID), timeout=ALERT_WAIT)

    text = block_texts(alert.body["blocks"])
    assert "1 change to names this channel watches" in text
    assert "*Zephyr Optics* — Zephyr Optical Technology Co., Ltd. (Entity List)" in text
    assert "*newly listed*" in text and "89 FR 11111" in text
    assert "Zephyr Optics" in alert.body["text"]
    stays_true(lambda: len(_posts_to(fake_slack, CHANNEL_ID)(fake_slack)) == 1, 6, "sent twice")


def test_a_watched_party_leaving_its_list_is_told(app, fake_slack, tmp_path):
    assert "already listed" in _watch(app, fake_slack, "add Tianjin Sky Dragon Optics")

    _refresh(app, tmp_path, AMBIGUOUS_PAIR[0])

    (alert,) = fake_slack.wait_for(_posts_to(fake_slack, CHANNEL_ID), timeout=ALERT_WAIT)
    text = block_texts(alert.body["blocks"])
    assert "Tianjin Sky Dragon Optics Co. (Entity List): *left the list*" in text


def _made_up_names(count: int) -> list[str]:
    syllables = ["ka", "vor", "lin", "dre", "mos", "tal", "quen", "bri", "zul", "fex"]
    words = ("".join(parts).capitalize() for parts in itertools.product(syllables, repeat=3))
    return [f"{word} Photonics Co., Ltd." for word in itertools.islice(words, count)]


def test_every_watched_name_among_a_hundred_new_entries_is_reported(app, fake_slack, tmp_path):
    names = _made_up_names(100)
    watched = [names[3], names[27], names[50], names[71], names[99]]
    typed = ", ".join(name.removesuffix(" Co., Ltd.") for name in watched)
    assert _watch(app, fake_slack, f"add {typed}, Acme Widgets").count("now watched") == 6

    _refresh(app, tmp_path, *AMBIGUOUS_PAIR, *((name, "Minsk, BY") for name in names))

    (alert,) = fake_slack.wait_for(_posts_to(fake_slack, CHANNEL_ID), timeout=ALERT_WAIT)
    text = block_texts(alert.body["blocks"])
    assert "5 changes to names this channel watches" in text
    for name in watched:
        assert f"— {name} (Entity List): *newly listed*" in text
    assert "Acme Widgets" not in text


def test_an_alert_slack_refuses_is_retried_then_told_to_the_admins(app, fake_slack, tmp_path):
    _watch(app, fake_slack, "add Zephyr Optics")
    fake_slack.channels_without_bot.add(CHANNEL_ID)

    _refresh(app, tmp_path, *AMBIGUOUS_PAIR, ZEPHYR)

    (told,) = fake_slack.wait_for(_posts_to(fake_slack, ADMIN), timeout=3 * ALERT_WAIT)
    assert len(_posts_to(fake_slack, CHANNEL_ID)(fake_slack)) == 3
    text = block_texts(told.body["blocks"])
    assert f"A watchlist alert for <#{CHANNEL_ID}> could not be posted (not_in_channel)" in text
    assert "Zephyr Optics — Zephyr Optical Technology Co., Ltd. newly listed" in text


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_two_instances_on_one_store_send_one_alert(start_app, fake_slack, tmp_path, store, request):
    shared = (
        {"database_url": request.getfixturevalue("postgres_url")} if store == "postgres" else {}
    )
    first, second = start_app(**shared), start_app(**shared)
    _watch(first, fake_slack, "add Zephyr Optics")
    # A request to each starts each instance's sender.
    assert "Zephyr Optics" in _watch(second, fake_slack, "list")

    outcome = _refresh(second, tmp_path, *AMBIGUOUS_PAIR, ZEPHYR)
    # The other instance queues the same refresh's alerts too: the store keeps one.
    first.screening.watchlists.after_refresh(outcome)

    fake_slack.wait_for(_posts_to(fake_slack, CHANNEL_ID), timeout=ALERT_WAIT)
    stays_true(lambda: len(_posts_to(fake_slack, CHANNEL_ID)(fake_slack)) == 1, 12, "sent twice")
