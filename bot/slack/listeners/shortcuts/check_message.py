"""The message shortcut "Check names in this message": the answer, privately, with a button
that shares it in the message's thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.screening.records import SHORTCUT
from bot.slack.blocks.answers import usage
from bot.slack.blocks.kit import something_went_wrong
from bot.slack.blocks.messages import shortcut_reply
from bot.slack.button_values import ThreadShare
from bot.slack.lookups import answer_message
from bot.slack.recording import Where, record_scan, where
from bot.slack.replies import respond_with
from bot.slack.services import SlackServices, services_of

# The callback ID manifest.yml gives the shortcut.
CHECK_MESSAGE = "check_message_names"


def check_message(
    ack: Ack, shortcut: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    user_id = str((shortcut.get("user") or {}).get("id") or "")
    channel_id = str((shortcut.get("channel") or {}).get("id") or "")
    asker = where(context, SHORTCUT, user_id, channel_id)
    services.after_ack(
        lambda: _answer(services, shortcut, respond, asker),
        on_error=lambda: respond_with(respond, something_went_wrong()),
    )


def _answer(
    services: SlackServices, shortcut: dict[str, Any], respond: Respond, asker: Where
) -> None:
    message = shortcut.get("message") or {}
    text = message.get("text") or ""
    scan = answer_message(services.screening, text)
    if scan is None:
        respond_with(respond, usage())
        return
    unrecorded = record_scan(services, asker, text, scan)
    if unrecorded is not None:
        respond_with(respond, unrecorded)
        return
    share = ThreadShare(
        channel=(shortcut.get("channel") or {}).get("id", ""),
        thread_ts=message.get("thread_ts") or message.get("ts", ""),
        text=text,
    )
    respond_with(respond, shortcut_reply(scan, share, services.buttons))
