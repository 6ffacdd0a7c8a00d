from __future__ import annotations

import re

from slack_bolt import App

from bot.slack.blocks.answers import CHOOSE_ACTION
from bot.slack.blocks.messages import SHARE_ACTION, SHARE_IN_THREAD_ACTION
from bot.slack.listeners.actions.choose_candidate import choose_candidate
from bot.slack.listeners.actions.share_in_channel import share_in_channel
from bot.slack.listeners.actions.share_in_thread import share_in_thread


def register(app: App) -> None:
    app.action(re.compile(rf"^{re.escape(CHOOSE_ACTION)}\.\d+\.\d+$"))(choose_candidate)
    app.action(SHARE_ACTION)(share_in_channel)
    app.action(SHARE_IN_THREAD_ACTION)(share_in_thread)
