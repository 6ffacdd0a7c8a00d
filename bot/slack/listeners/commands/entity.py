"""/entity NAME: the answer, privately, with a button to share it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.screening.records import SLASH_COMMAND
from bot.slack.blocks.answers import usage
from bot.slack.blocks.kit import something_went_wrong
from bot.slack.blocks.messages import lookup_reply
from bot.slack.history import asks_for_history, show_history
from bot.slack.lookups import answer_command
from bot.slack.mention_text import is_help
from bot.slack.recording import record_outcome, where
from bot.slack.replies import ack_with, respond_with
from bot.slack.services import services_of


def entity_command(
    ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    services = services_of(context)
    text = command.get("text") or ""
    if is_help(text):
        ack_with(ack, usage())
        return
    if asks_for_history(text):
        show_history(services, command.get("user_id", ""), ack, respond)
        return
    ack()
    asker = where(context, SLASH_COMMAND, command.get("user_id", ""), command.get("channel_id", ""))

    def answer() -> None:
        outcome = answer_command(services.screening, text)
        unrecorded = record_outcome(services, asker, text, outcome)
        respond_with(respond, unrecorded or lookup_reply(outcome, services.buttons))

    services.after_ack(answer, on_error=lambda: respond_with(respond, something_went_wrong()))
