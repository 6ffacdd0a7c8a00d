"""The shortcut answer's "Share in thread" button: the answer, posted in the message's thread,
once."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.screening.records import SHARE
from bot.slack.blocks import notices
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.blocks.messages import SHARE_IN_THREAD_ACTION, shared_in_thread
from bot.slack.button_values import ThreadShare
from bot.slack.listeners.actions.clicks import SHARE_VALID_FOR, channel_of, open_value, user_of
from bot.slack.lookups import answer_message
from bot.slack.recording import Where, record_scan, where
from bot.slack.replies import not_a_member, post_in_thread, respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)


def share_in_thread(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    ack()
    services = services_of(context)
    asker = where(context, SHARE, user_of(body), channel_of(body))
    services.after_ack(
        lambda: _share(services, body, action, respond, client, asker),
        on_error=lambda: respond_with(respond, something_went_wrong(), replace_original=False),
    )


def _share(
    services: SlackServices,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    asker: Where,
) -> None:
    opened = open_value(services, body, action, SHARE_IN_THREAD_ACTION, SHARE_VALID_FOR)
    share = ThreadShare.decode(opened.payload) if opened else None
    if opened is None or share is None:
        respond_with(respond, notices.button_refused(), replace_original=False)
        return
    if not services.screening.claim_share(opened.tag, share.channel, SHARE_VALID_FOR):
        logger.info("an answer already shared in %s was not posted again", share.channel)
        respond_with(respond, notices.already_shared(), replace_original=False)
        return
    # Read again rather than copied from the button: the thread gets the current data.
    scan = answer_message(services.screening, share.text)
    if scan is None:
        return
    user_id = user_of(body)
    unrecorded = record_scan(services, asker.in_channel(share.channel), share.text, scan)
    if unrecorded is not None:
        # Not shared after all: the same button may try again.
        services.screening.unclaim_share(opened.tag, share.channel)
        respond_with(respond, unrecorded, replace_original=False)
        return
    try:
        post_in_thread(client, share.channel, share.thread_ts, shared_in_thread(scan, user_id))
    except SlackApiError as exc:
        if not not_a_member(exc):
            raise
        # Not shared after all: once the bot is invited, the same button may try again.
        services.screening.unclaim_share(opened.tag, share.channel)
        logger.warning(
            "cannot share in %s (%s): told %s how to invite the bot",
            share.channel,
            exc.response.get("error"),
            user_id,
        )
        respond_with(respond, notices.not_in_channel(), replace_original=False)
        return
    # The private copy goes: the answer is in the thread now, and is shared once.
    respond_with(respond, Message("Shared in the thread", []), delete_original=True)
