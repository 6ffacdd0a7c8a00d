"""Display rules shared by every way an answer is shown (Slack cards, terminal text): how
lists are named, how many aliases are shown, how dates and counts read.

These return plain text; Slack escapes it before it becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answers.model import Answer, DataSummary, FormerListing, ListedParty

# A party can have dozens of aliases; past a handful they bury the answer.
ALIASES_SHOWN = 6


def day(value: date | None) -> str:
    return value.isoformat() if value else "an unknown date"


def more(count: int, noun: str, plural: str = "") -> str:
    """ "1 more alias", "44 more aliases"."""
    return f"{count:,} more {noun if count == 1 else plural or noun + 's'}"


def counted(count: int, noun: str, plural: str = "") -> str:
    """ "1 match", "84 matches"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def list_label(code: str, list_names: dict[str, str]) -> str:
    """ "Entity List (EL)", as the data names the list; the code alone if it does not."""
    name = list_names.get(code)
    return f"{name} ({code})" if name else code


def searched_lists(data: DataSummary, today: date | None = None) -> str:
    """What a lookup was compared against, for "no match is not a clearance" lines."""
    lists = ", ".join(list_label(code, data.list_names) for code in data.lists) or "no lists"
    searched = f"{data.entry_count:,} entries on {len(data.lists)} US lists ({lists})"
    return f"{searched}, {as_of(data, today)}"


def as_of(data: DataSummary, today: date | None = None) -> str:
    """ "data as of 2026-07-31", and, once that is older than ENTITYBOT_STALE_AFTER, how old
    and what to do: an answer from old data must say so."""
    return f"data as of {day(data.as_of)}{staleness(data, today)}"


def staleness(data: DataSummary, today: date | None = None) -> str:
    """ ", 124 days old \u2014 ask an admin to refresh" for stale data; "" for fresh."""
    if not data.is_stale(today):
        return ""
    age = data.age_days(today)
    old = f"{age:,} days old" if age is not None else "of unknown age"
    return f", {old} \u2014 ask an admin to refresh"


def listed_since(party: ListedParty) -> str:
    """ "2020-06-05 (effective date of 85 FR 34503)", "2019 (first cited 2019 (84 FR 54002))",
    or why the date is not known."""
    return f"{party.listing_date.text} ({party.listing_date.source})"


def names_line(names: Sequence[str], noun: str = "alias", plural: str = "aliases") -> str:
    """The first names (aliases, other entries), "; "-joined, and how many more there are."""
    shown = "; ".join(names[:ALIASES_SHOWN])
    if len(names) > ALIASES_SHOWN:
        shown += f" ({more(len(names) - ALIASES_SHOWN, noun, plural)})"
    return shown


def formerly(former: FormerListing) -> str:
    """ "was on the Entity List until it left between 2026-07-31 and 2026-09-02", or "was
    added to the Entity List by 85 FR 34503"."""
    if former.left_between:
        last, gone = former.left_between
        return (
            f"was on the {former.list_name} until it left between {last.isoformat()} and "
            f"{gone.isoformat()}"
        )
    if former.notice:
        return f"was added to the {former.list_name} by {former.notice.cite}"
    return f"was on the {former.list_name}"


def compact_reason(party: ListedParty) -> str:
    return party.reason_compact or party.reason


def family_line(family: Sequence[ListedParty]) -> str:
    """ "Also listed under this name: Anhui Cambricon ... (EL); ... (5 more parties)"."""
    names = [f"{party.name} ({party.list_code})" for party in family]
    return f"Also listed under this name: {names_line(names, 'party', 'parties')}"


def named(party: ListedParty) -> str:
    """ "SAMSUN (vessel)": the name, and what kind of entry it is unless an entity."""
    return f"{party.name} ({party.kind})" if party.kind else party.name


def come_close(answer: Answer) -> str:
    """ "1 listed party comes close (2 listings)", "3 listed parties come close": one
    party on several lists is counted once."""
    parties, listings = answer.party_count, len(answer.results)
    said = "1 listed party comes close" if parties == 1 else f"{parties} listed parties come close"
    return f"{said} ({listings} listings)" if listings > parties else said
