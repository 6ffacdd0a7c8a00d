"""Short private notes about something the bot did not do: a click it refused, an answer
already shared, a channel it is not in (and how to invite it there)."""

from __future__ import annotations

import re

from bot.slack.blocks.kit import Message, section

INVITE = "`/invite @entitybot`"
# What a channel ID looks like (public, private, direct); anything else is not linked.
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,30}")


def button_refused() -> Message:
    text = (
        ":no_entry: Nothing was posted: this button is not one entitybot can vouch for (it "
        "was changed after I sent it, or it is more than a day old). Ask again with `/entity`."
    )
    return Message("Nothing was posted", [section(text, "refused")])


def already_shared() -> Message:
    text = ":information_source: This answer is already shared here; it is posted only once."
    return Message("Already shared", [section(text, "already-shared")])


def not_in_channel() -> Message:
    text = (
        ":information_source: I am not in this channel, so I cannot post there. Invite me "
        f"with {INVITE}, then share again."
    )
    return Message("Invite entitybot to share here", [section(text, "not-in-channel")])


def invite_me(channel_id: str) -> Message:
    """For a direct message to someone whose mention the bot cannot answer where it was."""
    where = f"<#{channel_id}>" if _CHANNEL_ID.fullmatch(channel_id) else "that channel"
    text = (
        f":information_source: You mentioned me in {where}, but I am not a member there, so I "
        f"cannot answer in it. Invite me with {INVITE} in that channel and mention me again, "
        "or ask me here."
    )
    return Message("Invite entitybot to answer there", [section(text, "invite")])
