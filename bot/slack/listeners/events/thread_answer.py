"""A mention or a direct message: one reply in its thread, one answer per name in it."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.slack.blocks.answers import usage
from bot.slack.blocks.kit import something_went_wrong
from bot.slack.blocks.messages import scan_reply
from bot.slack.lookups import answer_message
from bot.slack.replies import post_in_thread
from bot.slack.services import SlackServices


def is_question(event: dict[str, Any]) -> bool:
    """Edits, deletions, joins, file shares and bots' posts are nobody asking anything."""
    return not (event.get("subtype") or event.get("bot_id") or event.get("edited"))


def answer_in_thread(
    services: SlackServices, client: WebClient, body: dict[str, Any], event: dict[str, Any]
) -> None:
    channel, ts = event.get("channel", ""), event.get("ts", "")
    if not services.screening.claim_event(body.get("event_id", ""), channel, ts):
        return
    scan = answer_message(services.screening, event.get("text") or "")
    message = scan_reply(scan) if scan else usage()
    post_in_thread(client, channel, event.get("thread_ts") or ts, message)


def tell_it_failed(client: WebClient, event: dict[str, Any]) -> None:
    channel, ts = event.get("channel", ""), event.get("ts", "")
    post_in_thread(client, channel, event.get("thread_ts") or ts, something_went_wrong())
