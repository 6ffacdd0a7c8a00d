"""Display rules shared by every way an answer is shown (Slack cards, terminal text): how
lists are named, how many aliases are shown, how dates and counts read.

These return plain text; Slack escapes it before it becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answers.model import DataSummary, ListedParty

# A party can have dozens of aliases; past a handful they bury the answer.
ALIASES_SHOWN = 6


def day(value: date | None) -> str:
    return value.isoformat() if value else "an unknown date"


def more(count: int, noun: str, plural: str = "") -> str:
    """ "1 more alias", "44 more aliases"."""
    return f"{count:,} more {noun if count == 1 else plural or noun + 's'}"


def list_label(code: str, list_names: dict[str, str]) -> str:
    """ "Entity List (EL)", as the data names the list; the code alone if it does not."""
    name = list_names.get(code)
    return f"{name} ({code})" if name else code


def searched_lists(data: DataSummary) -> str:
    """What a lookup was compared against, for "no match is not a clearance" lines."""
    lists = ", ".join(list_label(code, data.list_names) for code in data.lists) or "no lists"
    return (
        f"{data.entry_count:,} entries on {len(data.lists)} US lists ({lists}), "
        f"data as of {day(data.as_of)}"
    )


def listed_since(party: ListedParty) -> str:
    """ "2020-06-05 (effective date of 85 FR 34503)", or why the date is not known."""
    when = party.listing_date.isoformat() if party.listing_date else "not known"
    return f"{when} ({party.listing_date_note})"


def names_line(names: Sequence[str], noun: str = "alias", plural: str = "aliases") -> str:
    """The first names (aliases, other entries), "; "-joined, and how many more there are."""
    shown = "; ".join(names[:ALIASES_SHOWN])
    if len(names) > ALIASES_SHOWN:
        shown += f" ({more(len(names) - ALIASES_SHOWN, noun, plural)})"
    return shown
