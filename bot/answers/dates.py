"""When a party was listed, from the best evidence the data holds, with how exact it is and
where it comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from bot.answers.model import ListingDate
from bot.federal_register.cites import Cite

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# "12/19/2007", "1/30/07": the CSL writes American dates, some with two-digit years.
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDS = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
# Two-digit years up to this are 20xx, later ones 19xx (the lists begin in the 1990s).
_CENTURY_PIVOT = 50


def written_dates(text: str) -> list[date]:
    """Every valid date written in `text`, in any of the CSL's ways of writing one."""
    found: list[date] = []
    for month, day, year in _SLASHED.findall(text):
        full = int(year) if len(year) == 4 else 2000 + int(year)
        if len(year) == 2 and int(year) > _CENTURY_PIVOT:
            full -= 100
        found += _valid(full, int(month), int(day))
    for year, month, day in _ISO.findall(text):
        found += _valid(int(year), int(month), int(day))
    for month_name, day, year in _WORDS.findall(text):
        found += _valid(int(year), _MONTHS.index(month_name.lower()) + 1, int(day))
    return found


def _valid(year: int, month: int, day: int) -> list[date]:
    try:
        return [date(year, month, day)]
    except ValueError:
        return []


def listing_date(
    start_date: date | None,
    rule_effective: date | None,
    rule_cite: str,
    own_fields: Iterable[str],
    cites: Iterable[str],
) -> ListingDate:
    """The best date the data holds: the list's own start date; else the effective date of
    the rule on file that added the entry; else a date the entry's own fields write (its
    Federal Register citation, its remarks); else the year of its earliest cite."""
    if start_date:
        return ListingDate(day=start_date, source="start date on the list")
    if rule_effective:
        return ListingDate(day=rule_effective, source=f"effective date of {rule_cite}")
    written = sorted(found for text in own_fields for found in written_dates(text or ""))
    if written:
        return ListingDate(day=written[0], source="a date the entry's own fields give")
    parsed = sorted(filter(None, (Cite.parse(cite) for cite in cites)))
    if parsed:
        first = parsed[0]
        return ListingDate(year=first.year, source=f"first cited {first.year} ({first})")
    return ListingDate()
