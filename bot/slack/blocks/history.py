"""A user's own last lookups, each with the answer it got: for `/entity history` and the
App Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answers import display
from bot.answers.model import DataSummary
from bot.answers.typed_dates import DateError, split_day
from bot.screening.audit_export import AnswerRecordLike, utc
from bot.slack.blocks.answers import usage
from bot.slack.blocks.kit import Block, Message, context, divider, list_label, plain, section
from bot.slack.safe_text import clip, escape_line

# How many lookups a user sees of their own.
HISTORY_LENGTH = 10
# A lookup's text as the list shows it: enough to recognise a pasted e-mail by.
ASKED_SHOWN = 120
# Parties named per lookup before the rest are counted.
PARTIES_SHOWN = 3

SURFACES = {
    "slash_command": "/entity",
    "mention": "mention",
    "direct_message": "direct message",
    "shortcut": "message shortcut",
    "button": "button",
    "share": "shared",
    "cli": "terminal",
    "cli_scan": "terminal scan",
    "workflow_step": "workflow step",
}
STATUSES = {
    "match": ":red_circle: Match",
    "ambiguous": ":large_orange_circle: Possible match",
    "chosen": ":red_circle: Chosen",
    "none": ":white_circle: No match",
    "unknown": ":white_circle: Not known for that day",
}


def history(records: Sequence[AnswerRecordLike], data: DataSummary) -> Message:
    """`/entity history`: the user's last lookups, newest first, seen by them only."""
    if not records:
        text = (
            "You have not looked anything up with entitybot yet. Try `/entity Qihoo 360`, "
            "or mention me in a thread."
        )
        return Message("No lookups yet", [section(text, "history")])
    title = f"*Your last {_lookups(len(records))}*, newest first (only you can see this):"
    blocks = [section(title, "history"), *_lines(records, data)]
    return Message(plain(f"Your last {_lookups(len(records))}"), blocks)


def home_view(
    records: Sequence[AnswerRecordLike], data: DataSummary, today: date | None = None
) -> dict[str, object]:
    """The App Home tab: the data answering now, the user's last lookups, how to ask."""
    age = data.age_days(today)
    aged = f" ({age:,} {'day' if age == 1 else 'days'} old)" if age is not None else ""
    stale = escape_line(display.staleness(data, today)) if data.is_stale(today) else ""
    lists = ", ".join(list_label(code, data.list_names) for code in data.lists)
    about = (
        f"*Data as of {display.day(data.as_of)}*{aged}{stale}\n"
        f"{data.entry_count:,} entries on {len(data.lists)} US lists"
        + (f": {lists}" if lists else "")
    )
    blocks: list[Block] = [
        {
            "type": "header",
            "block_id": "home-title",
            "text": {"type": "plain_text", "text": "entitybot"},
        },
        section(about, "home-data"),
        divider("home-data-end"),
    ]
    if records:
        blocks.append(section(f"*Your last {_lookups(len(records))}*", "home-history"))
        blocks += _lines(records, data)
    else:
        blocks.append(section("*Your lookups* will show here once you ask.", "home-history"))
    blocks.append(context("`/entity history` shows them anywhere, to you alone.", "home-hint"))
    blocks.append(divider("home-history-end"))
    blocks += usage().blocks
    return {"type": "home", "blocks": blocks}


def _lookups(count: int) -> str:
    return f"{count} lookup" if count == 1 else f"{count} lookups"


def _lines(records: Sequence[AnswerRecordLike], data: DataSummary) -> list[Block]:
    blocks = []
    for number, record in enumerate(records[:HISTORY_LENGTH], start=1):
        at = utc(record.at)
        where = SURFACES.get(record.surface, escape_line(record.surface))
        asked = clip(escape_line(" ".join(record.asked.split())), ASKED_SHOWN)
        blocks.append(section(f"\u201c{asked}\u201d \u2192 {_answer(record, data)}", f"h{number}"))
        blocks.append(
            context(
                f"{at:%Y-%m-%d %H:%M} UTC \u00b7 {where} \u00b7 data as of "
                f"{record.data_as_of.isoformat()}",
                f"h{number}-when",
            )
        )
    return blocks


def _answer(record: AnswerRecordLike, data: DataSummary) -> str:
    said = STATUSES.get(record.status, escape_line(record.status))
    named = list(dict.fromkeys((p.name, p.list_code) for p in record.parties))
    if not named:
        return said
    shown = "; ".join(
        f"{escape_line(name)} \u2014 {list_label(code, data.list_names)}"
        for name, code in named[:PARTIES_SHOWN]
    )
    if len(named) > PARTIES_SHOWN:
        shown += f" and {display.more(len(named) - PARTIES_SHOWN, 'party', 'parties')}"
    if record.status == "none":
        if _for_a_past_day(record.asked):
            # Parties not (yet, or any longer) listed on the day asked about.
            return f"{said} on that day: {shown}"
        # A "none" for today that names parties names ones formerly listed.
        return f"{said}; formerly listed: {shown}"
    return f"{said}: {shown}"


def _for_a_past_day(asked: str) -> bool:
    """Whether a recorded question was about a past day ("NAME on DATE", "NAME --on DATE")."""
    if " --on " in f" {asked} ":
        return True
    try:
        return split_day(asked)[1] is not None
    except DateError:
        return False
