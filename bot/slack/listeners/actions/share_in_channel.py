"""The "Share in channel" button: the private answer, posted for everyone."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.slack.blocks import messages
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.button_values import PartyRef
from bot.slack.lookups import answer_command, find_party
from bot.slack.replies import respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)


def share_in_channel(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    services.after_ack(
        lambda: _share(services, body, action, respond),
        on_error=lambda: respond_with(respond, something_went_wrong(), replace_original=False),
    )


def _share(
    services: SlackServices, body: dict[str, Any], action: dict[str, Any], respond: Respond
) -> None:
    ref = PartyRef.decode(action.get("value", ""))
    if ref is None:
        logger.warning("ignored a share button with a value this app did not write")
        return
    user_id = (body.get("user") or {}).get("id", "")
    # Looked up again rather than copied from the button: the channel gets the current data.
    if ref.name:
        chosen = find_party(services.screening, ref)
        if chosen is None:
            gone = messages.party_gone(ref, services.screening.status().as_of)
            respond_with(respond, gone, replace_original=False)
            return
        shared = messages.shared_card(chosen, ref.query, user_id)
    else:
        shared = messages.shared_answer(answer_command(services.screening, ref.query), user_id)
    respond_with(respond, shared, response_type="in_channel", replace_original=False)
    # The private copy goes: the answer is in the channel now, and is shared once.
    respond_with(respond, Message(shared.text, []), delete_original=True)
