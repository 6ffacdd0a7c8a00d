"""Block Kit pieces, inside Slack's limits: 3,000 characters a section, 2,000 a field, 10
fields a section, 50 blocks a message.

All text from users and from the lists reaches a block through `safe_text.escape` (the
callers escape; these pieces only clip).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.answers import display
from bot.federal_register.cites import Cite
from bot.slack.safe_text import clip, escape, escape_line, link, public_source

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
# The notification text Slack shows in alerts; it need not hold the whole answer.
MAX_FALLBACK = 300


@dataclass(frozen=True)
class Message:
    """What chat.postMessage, response_url and ack() take: fallback text and blocks."""

    text: str
    blocks: list[Block]


def section(text: str, block_id: str, accessory: Block | None = None) -> Block:
    block: Block = {
        "type": "section",
        "block_id": block_id,
        "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)},
    }
    if accessory:
        block["accessory"] = accessory
    return block


def fields(texts: Sequence[str], block_id: str) -> Block:
    return {
        "type": "section",
        "block_id": block_id,
        "fields": [
            {"type": "mrkdwn", "text": clip(text, MAX_FIELD)} for text in texts[:MAX_FIELDS]
        ],
    }


def context(text: str, block_id: str) -> Block:
    return {
        "type": "context",
        "block_id": block_id,
        "elements": [{"type": "mrkdwn", "text": clip(text, MAX_FIELD)}],
    }


def button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    made: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }
    if style:
        made["style"] = style
    return made


def divider(block_id: str) -> Block:
    return {"type": "divider", "block_id": block_id}


def quote(text: str) -> str:
    return "\n".join(f">{escape(line)}" for line in text.splitlines() if line.strip())


def plain(text: str, limit: int = MAX_FALLBACK) -> str:
    """Fallback text: one escaped line, short."""
    return clip(escape_line(text), limit)


def list_label(code: str, list_names: dict[str, str]) -> str:
    return escape_line(display.list_label(code, list_names))


def cite_links(cites: Iterable[str]) -> str:
    shown = []
    for cite in cites:
        parsed = Cite.parse(cite)
        shown.append(link(parsed.url, str(parsed)) if parsed else escape(cite))
    return ", ".join(shown)


def host(url: str) -> str:
    shown = public_source(url)
    return shown.split("://", 1)[-1].split("/", 1)[0] or shown


def fit(blocks: list[Block]) -> list[Block]:
    """At most 50 blocks; what does not fit is counted in a last line."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    more = display.more(len(blocks) - len(kept), "block")
    return [*kept, context(f"{more} not shown.", "cut")]


def something_went_wrong() -> Message:
    text = (
        ":warning: Something went wrong answering this; the error was logged. "
        "Please try again in a minute."
    )
    return Message("Something went wrong", [section(text, "error")])
