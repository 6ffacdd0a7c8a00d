"""The messages of `/entity-watch`: replies to add, remove and list, and a refresh's alert."""

from __future__ import annotations

from collections.abc import Sequence

from bot.screening.watchlists import AddOutcome, Hit, Watched
from bot.slack.blocks.kit import MAX_BLOCKS, Block, Message, context, section
from bot.slack.safe_text import clip, escape, escape_line

# A list or an alert longer than this many lines is cut, saying how many more there are.
MAX_LINES = 40


def usage() -> Message:
    text = (
        "*Watch names in this channel:* after every refresh of the lists, the channel is "
        "told of each watched name that was newly listed, changed, or left a list.\n"
        "• `/entity-watch add Zephyr Optics, Acme Trading` — watch these names\n"
        "• `/entity-watch remove Zephyr Optics` — stop watching one\n"
        "• `/entity-watch list` — the names watched here, who added them and when\n"
        "• `/entity-watch import` — add the names of the newest CSV shared in this channel"
    )
    return Message("/entity-watch add NAME, … | remove NAME | list", [section(text, "watch_usage")])


def refused(said: str) -> Message:
    return Message(said, [section(f":warning: {escape_line(said)}", "watch_refused")])


def admins_only() -> Message:
    return refused(
        "Only the bot's admins may change watchlists here (ENTITYBOT_WATCH_ADMINS_ONLY)."
    )


def added(outcomes: Sequence[AddOutcome]) -> Message:
    lines = []
    for outcome in outcomes:
        name = f"*{escape_line(outcome.name)}*"
        if not outcome.added:
            lines.append(f"{name}: already watched here")
        elif outcome.listed_as:
            listed = "; ".join(escape_line(party) for party in outcome.listed_as)
            lines.append(f":rotating_light: {name}: now watched — *already listed*: {listed}")
        else:
            lines.append(f"{name}: now watched (not on the lists today)")
    return Message(_fallback(lines), _sections(lines, "watch_added"))


def removed(name: str) -> Message:
    said = f"This channel no longer watches *{escape_line(name)}*."
    return Message(said, [section(said, "watch_removed")])


def listed(names: Sequence[Watched]) -> Message:
    if not names:
        said = "This channel watches no names. Add some: `/entity-watch add NAME, NAME`."
        return Message(said, [section(said, "watch_list")])
    lines = [
        f"• *{escape_line(w.name)}* — added by <@{escape(w.added_by)}> "
        f"{w.added_at.strftime('%Y-%m-%d')}"
        for w in names
    ]
    head = f"This channel watches {len(names)} name{'s' if len(names) != 1 else ''}:"
    return Message(head, [section(head, "watch_list_head"), *_sections(lines, "watch_list")])


def alert(hits: Sequence[Hit], as_of: str = "") -> Message:
    """One refresh's news for one channel: each watched name, the party, its list, the
    Federal Register cite and what happened."""
    lines = []
    for hit in hits:
        cites = ", ".join(hit.cites) or "no Federal Register cite given"
        lines.append(
            f"• *{escape_line(hit.watched)}* — {escape_line(hit.name)} "
            f"({escape_line(hit.list_name)}): *{hit.happened}* · {escape_line(cites)}"
        )
    head = (
        f":rotating_light: The lists were refreshed{f' (data as of {as_of})' if as_of else ''}: "
        f"{len(hits)} change{'s' if len(hits) != 1 else ''} to names this channel watches."
    )
    fallback = head + " " + "; ".join(f"{h.watched}: {h.name} {h.happened}" for h in hits)
    return Message(
        clip(fallback, 300), [section(head, "watch_alert_head"), *_sections(lines, "watch_alert")]
    )


def alert_refused(channel: str, error: str, hits: Sequence[Hit]) -> Message:
    """To the admins: an alert Slack would not take after every try."""
    said = (
        f"A watchlist alert for <#{escape(channel)}> could not be posted ({escape_line(error)}), "
        f"after every retry. Invite the bot to the channel. It held {len(hits)} change(s): "
        + "; ".join(
            f"{escape_line(h.watched)} — {escape_line(h.name)} {h.happened}" for h in hits[:10]
        )
    )
    return Message(clip(said, 300), [section(said, "watch_alert_refused")])


def _fallback(lines: Sequence[str]) -> str:
    return clip(" ".join(lines), 300)


def _sections(lines: Sequence[str], block_id: str) -> list[Block]:
    shown = list(lines[:MAX_LINES])
    if len(lines) > MAX_LINES:
        shown.append(f"… and {len(lines) - MAX_LINES} more")
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in shown:
        if sum(len(x) + 1 for x in chunk) + len(line) > 2800 and chunk:
            blocks.append(section("\n".join(chunk), f"{block_id}_{len(blocks)}"))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk), f"{block_id}_{len(blocks)}"))
    return blocks[: MAX_BLOCKS - 2] or [context("(none)", block_id)]
