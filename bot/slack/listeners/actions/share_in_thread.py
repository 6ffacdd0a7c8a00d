"""The shortcut answer's "Share in thread" button: the answer, posted in the message's thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.blocks.messages import not_in_channel, shared_in_thread
from bot.slack.button_values import ThreadShare
from bot.slack.lookups import answer_message
from bot.slack.replies import post_in_thread, respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)

# What chat.postMessage answers when the bot may not post in the channel.
NOT_A_MEMBER = {"not_in_channel", "channel_not_found"}


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
    services.after_ack(
        lambda: _share(services, body, action, respond, client),
        on_error=lambda: respond_with(respond, something_went_wrong(), replace_original=False),
    )


def _share(
    services: SlackServices,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
) -> None:
    share = ThreadShare.decode(action.get("value", ""))
    if share is None:
        logger.warning("ignored a thread share button with a value this app did not write")
        return
    # Read again rather than copied from the button: the thread gets the current data.
    scan = answer_message(services.screening, share.text)
    if scan is None:
        return
    user_id = (body.get("user") or {}).get("id", "")
    try:
        post_in_thread(client, share.channel, share.thread_ts, shared_in_thread(scan, user_id))
    except SlackApiError as exc:
        if exc.response.get("error") not in NOT_A_MEMBER:
            raise
        respond_with(respond, not_in_channel(), replace_original=False)
        return
    # The private copy goes: the answer is in the thread now, and is shared once.
    respond_with(respond, Message("Shared in the thread", []), delete_original=True)
