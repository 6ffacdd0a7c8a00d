"""Sending a rendered `Message`: the three ways a reply reaches Slack."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.kit import Message

logger = logging.getLogger(__name__)

# What chat.postMessage answers when the bot may not post in the channel.
NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})


def ack_with(ack: Ack, message: Message) -> None:
    """The HTTP answer to a slash command: seen by the user who typed it only."""
    ack(text=message.text, blocks=message.blocks, response_type="ephemeral")


def respond_with(respond: Respond, message: Message, **options: Any) -> None:
    """A post to the request's response_url; ephemeral unless `options` say otherwise."""
    options.setdefault("response_type", "ephemeral")
    sent = respond(
        text=message.text,
        blocks=message.blocks,
        unfurl_links=False,
        unfurl_media=False,
        **options,
    )
    if sent.status_code != 200:
        # response_url answers with a status and a word ("invalid_blocks", "expired_url").
        logger.warning("Slack refused a response_url post: %s %s", sent.status_code, sent.body)


def post_in_thread(client: WebClient, channel: str, thread_ts: str, message: Message) -> None:
    client.chat_postMessage(
        channel=channel,
        thread_ts=thread_ts,
        text=message.text,
        blocks=message.blocks,
        unfurl_links=False,
        unfurl_media=False,
    )


def not_a_member(error: SlackApiError) -> bool:
    """Whether Slack refused a post because the bot is not in the channel."""
    return error.response.get("error") in NOT_A_MEMBER


def tell_privately(client: WebClient, user_id: str, message: Message) -> bool:
    """A direct message from the bot (its app's Messages tab), which reaches a user wherever
    the bot is not; False, logged, when Slack refuses even that."""
    try:
        client.chat_postMessage(
            channel=user_id,
            text=message.text,
            blocks=message.blocks,
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        logger.warning("could not message %s directly: %s", user_id, exc.response.get("error"))
        return False
    return True
