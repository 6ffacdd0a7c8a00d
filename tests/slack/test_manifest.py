"""manifest.yml installs the app this code serves: its commands, events, scopes and URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
EVENTS_URL = "https://YOUR-HOST/slack/events"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_both_slash_commands_post_to_the_events_path(manifest):
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert set(commands) == {"/entity", "/entity-admin", "/entity-watch"}
    assert {c["url"] for c in commands.values()} == {EVENTS_URL}


def test_mentions_direct_messages_and_buttons_reach_the_app(manifest):
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["request_url"] == EVENTS_URL
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
        # The Workflow Builder step (tests/slack/listeners/functions).
        "function_executed",
    }
    assert settings["interactivity"] == {"is_enabled": True, "request_url": EVENTS_URL}
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_the_scopes_are_what_the_app_uses(manifest):
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "chat:write",
        "app_mentions:read",
        "im:history",
        # /entity-admin audit: the admin's direct messages, and the CSV shared there.
        "im:write",
        "files:write",
        # A file shared with the bot to screen (tests/slack/listeners/events/test_file_shared).
        "files:read",
    }


def test_the_message_shortcut_is_declared_with_the_callback_the_app_serves(manifest):
    from bot.slack.listeners.shortcuts.check_message import CHECK_MESSAGE

    (shortcut,) = manifest["features"]["shortcuts"]
    assert shortcut["type"] == "message"
    assert shortcut["callback_id"] == CHECK_MESSAGE
    assert shortcut["name"] == "Check names in this message"
