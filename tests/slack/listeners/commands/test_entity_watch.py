"""/entity-watch add | remove | list over the served app and the fake Slack: a channel's
watchlist, "already listed" at once, every change recorded, admins only when configured."""

from __future__ import annotations

from slack_testkit.csl_data import ADMIN
from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import CHANNEL_ID


def _watch(app, fake_slack, text: str, user_id: str = "U0ASKER") -> str:
    response_url = fake_slack.new_response_url()
    reply = app.slack.command("/entity-watch", text, response_url, user_id=user_id)
    assert reply.status == 200
    if reply.body:
        return block_texts(reply.json()["blocks"])
    return block_texts(fake_slack.wait_for_response(response_url).body["blocks"])


def test_names_are_added_listed_and_removed_and_each_change_is_recorded(app, fake_slack):
    added = _watch(app, fake_slack, "add Zephyr Optics, Qihoo 360, zephyr optics")
    assert "*Zephyr Optics*: now watched (not on the lists today)" in added
    assert "*Qihoo 360*: now watched — *already listed*: Qihoo 360 Technology" in added
    assert "*zephyr optics*: already watched here" in added

    listed = _watch(app, fake_slack, "list")
    assert "This channel watches 2 names:" in listed
    assert "*Zephyr Optics* — added by <@U0ASKER>" in listed

    assert "no longer watches *Qihoo 360*" in _watch(app, fake_slack, "remove qihoo 360")
    assert "does not watch 'Nobody Ltd'" in _watch(app, fake_slack, "remove Nobody Ltd")
    changes = app.screening.watchlists.changes(CHANNEL_ID)
    assert [(who, action, name) for _, who, action, name in changes] == [
        ("U0ASKER", "add", "Zephyr Optics"),
        ("U0ASKER", "add", "Qihoo 360"),
        ("U0ASKER", "remove", "Qihoo 360"),
    ]


def test_help_and_mistakes_are_one_line_and_change_nothing(app, fake_slack):
    assert "/entity-watch add Zephyr Optics" in _watch(app, fake_slack, "")
    assert "/entity-watch add Zephyr Optics" in _watch(app, fake_slack, "frobnicate Acme")
    assert "Give a name" in _watch(app, fake_slack, "add   ")
    assert "at most 200 characters" in _watch(app, fake_slack, "add Acme, " + "x" * 300)
    assert "watches no names" in _watch(app, fake_slack, "list")
    assert app.screening.watchlists.changes(CHANNEL_ID) == []


def test_only_admins_change_a_watchlist_when_so_configured(start_app, fake_slack):
    app = start_app(watch_admins_only=True)
    assert "Only the bot's admins" in _watch(app, fake_slack, "add Acme Trading")
    assert "watches no names" in _watch(app, fake_slack, "list")
    assert "*Acme Trading*: now watched" in _watch(app, fake_slack, "add Acme Trading", ADMIN)


def test_entity_help_tells_of_the_watch_command(app, fake_slack):
    reply = app.slack.command("/entity", "help", fake_slack.new_response_url())
    assert "`/entity-watch add Zephyr Optics, Acme Trading`" in block_texts(reply.json()["blocks"])


def test_import_adds_the_names_of_the_newest_csv_shared_in_the_channel(app, fake_slack):
    assert "Share a CSV" in _watch(app, fake_slack, "import")
    fake_slack.share_private("F0OLD", "old.csv", b"name\nOld Supplier Ltd\n")
    fake_slack.share_private("F0PIC", "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    csv_file = "supplier;country\nZephyr Optics;CN\nQihoo 360;CN\n\nAcme Widgets;DE\n"
    fake_slack.share_private("F0NEW", "suppliers.csv", csv_file.encode("utf-8-sig"))

    imported = _watch(app, fake_slack, "import")

    assert "*Zephyr Optics*: now watched" in imported
    assert "*Qihoo 360*: now watched — *already listed*" in imported
    assert "*Acme Widgets*: now watched" in imported
    assert "Old Supplier" not in imported
    assert fake_slack.downloads == ["F0NEW"]
    listed = [name for _, _, _, name in app.screening.watchlists.changes(CHANNEL_ID)]
    assert listed == ["Zephyr Optics", "Qihoo 360", "Acme Widgets"]


def test_an_unreadable_file_imports_nothing(app, fake_slack):
    fake_slack.share_private("F0BIN", "suppliers.csv", b"\x00\x01\x02binary")
    assert "that file cannot be read" in _watch(app, fake_slack, "import")
    assert app.screening.watchlists.changes(CHANNEL_ID) == []
