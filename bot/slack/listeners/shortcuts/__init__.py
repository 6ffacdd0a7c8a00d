from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.shortcuts.check_message import CHECK_MESSAGE, check_message


def register(app: App) -> None:
    app.shortcut(CHECK_MESSAGE)(check_message)
