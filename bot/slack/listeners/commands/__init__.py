from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.commands.entity import entity_command
from bot.slack.listeners.commands.entity_admin import entity_admin_command
from bot.slack.listeners.commands.entity_watch import entity_watch_command


def register(app: App) -> None:
    app.command("/entity")(entity_command)
    app.command("/entity-admin")(entity_admin_command)
    app.command("/entity-watch")(entity_watch_command)
