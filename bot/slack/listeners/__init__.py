"""Every listener, registered in one place."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, functions, shortcuts


def register_listeners(app: App) -> None:
    actions.register(app)
    commands.register(app)
    events.register(app)
    functions.register(app)
    shortcuts.register(app)
