"""A file shared with the bot in a direct message, or with a mention: screened, every row,
and the results sent back in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.screening.records import DIRECT_MESSAGE, MENTION
from bot.slack.batch_files import screen_shared_file
from bot.slack.listeners.events.thread_answer import tell_it_failed
from bot.slack.recording import where_event
from bot.slack.services import services_of


def shares_a_file(event: dict[str, Any], context: BoltContext) -> bool:
    """A person's message carrying a file, to the bot: in its DMs, or mentioning it. The
    bot's own uploads (its results files) are no request."""
    if not event.get("files") or event.get("bot_id") or event.get("user") == context.bot_user_id:
        return False
    return event.get("type") == "app_mention" or event.get("channel_type") == "im"


def file_shared(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    services = services_of(context)
    surface = MENTION if event.get("type") == "app_mention" else DIRECT_MESSAGE
    asker = where_event(context, surface, event)
    services.after_ack(
        lambda: screen_shared_file(services, client, body, event, asker),
        on_error=lambda: tell_it_failed(client, event),
    )
