from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners.functions.screen_company import SCREEN_COMPANY, screen_company


def register(app: App) -> None:
    app.function(SCREEN_COMPANY)(screen_company)
