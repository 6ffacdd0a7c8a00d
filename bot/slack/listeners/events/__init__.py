from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.events.app_home_opened import app_home_opened
from bot.slack.listeners.events.app_mention import app_mention
from bot.slack.listeners.events.direct_message import direct_message
from bot.slack.listeners.events.file_shared import file_shared, shares_a_file


def register(app: App) -> None:
    # Before the mention and message listeners: Bolt runs the first listener that matches.
    app.event("app_mention", matchers=[shares_a_file])(file_shared)
    app.event("message", matchers=[shares_a_file])(file_shared)
    app.event("app_mention")(app_mention)
    app.event("app_home_opened")(app_home_opened)
    # Every message event, so that edits and bot posts are acknowledged (and ignored) rather
    # than answered 404, which Slack would retry.
    app.event("message")(direct_message)
