"""@entitybot in a channel: answered in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.screening.records import MENTION
from bot.slack.listeners.events.thread_answer import (
    answer_in_thread,
    is_question,
    tell_it_failed,
)
from bot.slack.recording import where_event
from bot.slack.services import services_of


def app_mention(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    if is_question(event):
        services = services_of(context)
        asker = where_event(context, MENTION, event)
        services.after_ack(
            lambda: answer_in_thread(services, client, body, event, asker),
            on_error=lambda: tell_it_failed(client, event),
        )
