"""A candidate's "This one" button: that party's card replaces the candidates."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.screening.records import BUTTON
from bot.slack.blocks import messages, notices
from bot.slack.blocks.answers import CHOOSE_ACTION
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.button_values import PartyRef
from bot.slack.listeners.actions.clicks import channel_of, open_value, user_of
from bot.slack.lookups import find_party
from bot.slack.recording import Where, record_choice, where
from bot.slack.replies import respond_with
from bot.slack.services import SlackServices, services_of


def choose_candidate(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    asker = where(context, BUTTON, user_of(body), channel_of(body))
    services.after_ack(
        lambda: _choose(services, body, action, respond, asker),
        on_error=lambda: respond_with(respond, something_went_wrong(), replace_original=False),
    )


def _choose(
    services: SlackServices,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    asker: Where,
) -> None:
    opened = open_value(services, body, action, CHOOSE_ACTION)
    ref = PartyRef.decode(opened.payload) if opened else None
    if ref is None:
        respond_with(respond, notices.button_refused(), replace_original=False)
        return
    chosen = find_party(services.screening, ref)
    if chosen is None:
        gone = messages.party_gone(ref, services.screening.status().as_of)
        respond_with(respond, gone, replace_original=False)
        return
    unrecorded = record_choice(services, asker, ref.query, chosen)
    if unrecorded is not None:
        respond_with(respond, unrecorded, replace_original=False)
        return
    shown = (body.get("message") or {}).get("blocks")
    if (body.get("container") or {}).get("is_ephemeral") or not shown:
        # A private /entity answer holds this one answer: the card takes its place.
        chosen_reply = messages.chosen_reply(chosen, ref.query, services.buttons)
        respond_with(respond, chosen_reply, replace_original=True)
        return
    # A reply in a thread may hold several answers: only this one changes.
    index = messages.answer_index(action.get("block_id", ""))
    card = messages.chosen_blocks(chosen, ref.query, index)
    message = Message(
        (body.get("message") or {}).get("text") or "entitybot",
        messages.replace_answer(shown, index, card),
    )
    respond_with(respond, message, replace_original=True, response_type="in_channel")
