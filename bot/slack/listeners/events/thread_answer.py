"""A mention or a direct message: one reply in its thread, one answer per name in it."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.answers import usage
from bot.slack.blocks.kit import something_went_wrong
from bot.slack.blocks.messages import scan_reply
from bot.slack.blocks.notices import invite_me
from bot.slack.lookups import answer_message
from bot.slack.recording import Where, record_scan
from bot.slack.replies import not_a_member, post_in_thread, tell_privately
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)


def is_question(event: dict[str, Any]) -> bool:
    """Edits, deletions, joins, file shares and bots' posts are nobody asking anything."""
    return not (event.get("subtype") or event.get("bot_id") or event.get("edited"))


def answer_in_thread(
    services: SlackServices,
    client: WebClient,
    body: dict[str, Any],
    event: dict[str, Any],
    asker: Where,
) -> None:
    channel, ts = event.get("channel", ""), event.get("ts", "")
    if not services.screening.claim_event(body.get("event_id", ""), channel, ts):
        return
    asked = event.get("text") or ""
    scan = answer_message(services.screening, asked)
    message = scan_reply(scan, services.buttons) if scan else usage()
    if scan is not None:
        message = record_scan(services, asker, asked, scan) or message
    try:
        post_in_thread(client, channel, event.get("thread_ts") or ts, message)
    except SlackApiError as exc:
        if not not_a_member(exc):
            raise
        # Slack says nothing to the user: the bot must, where it can still reach them.
        user_id = str(event.get("user") or "")
        told = tell_privately(client, user_id, invite_me(channel)) if user_id else False
        logger.warning(
            "cannot answer in %s (%s); %s how to invite the bot",
            channel,
            exc.response.get("error"),
            f"told {user_id}" if told else "could not tell the asker",
        )


def tell_it_failed(client: WebClient, event: dict[str, Any]) -> None:
    channel, ts = event.get("channel", ""), event.get("ts", "")
    post_in_thread(client, channel, event.get("thread_ts") or ts, something_went_wrong())
