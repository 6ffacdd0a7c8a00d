"""The "Share in channel" button: the private answer, posted for everyone, once."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.screening.records import SHARE
from bot.slack.blocks import messages, notices
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.blocks.messages import SHARE_ACTION
from bot.slack.button_values import PartyRef
from bot.slack.listeners.actions.clicks import SHARE_VALID_FOR, channel_of, open_value, user_of
from bot.slack.lookups import answer_command, find_party
from bot.slack.recording import Where, record_choice, record_outcome, where
from bot.slack.replies import respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)


def share_in_channel(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    asker = where(context, SHARE, user_of(body), channel_of(body))
    services.after_ack(
        lambda: _share(services, body, action, respond, asker),
        on_error=lambda: respond_with(respond, something_went_wrong(), replace_original=False),
    )


def _share(
    services: SlackServices,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    asker: Where,
) -> None:
    opened = open_value(services, body, action, SHARE_ACTION, SHARE_VALID_FOR)
    ref = PartyRef.decode(opened.payload) if opened else None
    if opened is None or ref is None:
        respond_with(respond, notices.button_refused(), replace_original=False)
        return
    channel = channel_of(body)
    if not services.screening.claim_share(opened.tag, channel, SHARE_VALID_FOR):
        logger.info("an answer already shared in %s was not posted again", channel)
        respond_with(respond, notices.already_shared(), replace_original=False)
        return
    user_id = user_of(body)
    # Looked up again rather than copied from the button: the channel gets the current data.
    if ref.name:
        chosen = find_party(services.screening, ref)
        if chosen is None:
            gone = messages.party_gone(ref, services.screening.status().as_of)
            respond_with(respond, gone, replace_original=False)
            return
        shared = messages.shared_card(chosen, ref.query, user_id)
        unrecorded = record_choice(services, asker, ref.query, chosen)
    else:
        outcome = answer_command(services.screening, ref.query)
        shared = messages.shared_answer(outcome, user_id)
        unrecorded = record_outcome(services, asker, ref.query, outcome)
    if unrecorded is not None:
        # Not shared after all: the same button may try again.
        services.screening.unclaim_share(opened.tag, channel)
        respond_with(respond, unrecorded, replace_original=False)
        return
    respond_with(respond, shared, response_type="in_channel", replace_original=False)
    # The private copy goes: the answer is in the channel now, and is shared once.
    respond_with(respond, Message(shared.text, []), delete_original=True)
