"""Answers as of a past date: whether each party answered was listed on that day, from the
best evidence the store holds, and how sure that is.

The evidence, best first: the loads that saw the entry on its list or not (its first and
last sightings, each stretch away, the dataset versions kept), then the date the rule on
file that added it took effect (or the list's own start date). A day between two loads
that agree is answered as they say ("seen"); a day before the data held is answered from
the adding rule's date ("rule"); anything else is "unknown", saying between which dates the
answer lies. Nothing is claimed that the store does not hold.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Engine

from bot.answers.model import Answer, FormerListing, ListingDate, OnDate, Status
from bot.store.sightings import Sightings, sightings

Observation = tuple[date, bool]


@dataclass(frozen=True)
class Added:
    """When the party was put on its list, as exactly as the answer knows it."""

    day: date | None = None
    year: int | None = None
    # "added 2020-06-05 by 85 FR 34495", "on the list since 2020-06-05 (its start date)"
    text: str = ""


def added(listed: ListingDate) -> Added:
    """The listing date an answer gives, as evidence for a past date (the first data held
    is no evidence of when a party was added)."""
    source = listed.source
    if listed.day and source.startswith("effective date of "):
        by = source.removeprefix("effective date of ")
        return Added(listed.day, text=f"added {listed.day.isoformat()} by {by}")
    if listed.day and source == "start date on the list":
        return Added(
            listed.day, text=f"on the list since {listed.day.isoformat()} (its start date)"
        )
    if listed.day and source == "a date the entry's own fields give":
        return Added(listed.day, text=f"listed {listed.day.isoformat()} (a date its entry gives)")
    if listed.year and not listed.day:
        return Added(year=listed.year, text=source)
    return Added()


def verdict(
    day: date, seen: Sequence[Observation], since: Added, held_since: date | None
) -> OnDate:
    """Whether an entry was on its list on `day`, from what the loads saw (each (day, on
    the list), sorted) and when it was added."""
    if not seen:
        return _before_the_data(day, since, held_since, first_seen=None)
    on_day = [present for when, present in seen if when == day]
    future = _future(seen)
    if on_day:
        if any(on_day):
            return OnDate(
                day, True, _listed(day, f"in the data as of {day}", since, future), "seen"
            )
        return OnDate(day, False, _off(day, f"not in the data as of {day}", seen), "seen")
    at = bisect_right(seen, (day, True))
    if at == 0:
        first_day, first_present = seen[0]
        if first_present:
            return _before_the_data(day, since, held_since, first_seen=first_day)
        return _before_an_absence(day, since, first_day, seen)
    before_day, before = seen[at - 1]
    if at == len(seen):
        if before:
            said = f"in the latest data held, as of {before_day}, and none later"
            return OnDate(day, True, _listed(day, said, since, ""), "seen")
        return OnDate(
            day, False, _off(day, f"not in the latest data held, as of {before_day}", seen), "seen"
        )
    after_day, after = seen[at]
    if before and after:
        said = f"in the data held from {before_day} to {after_day}"
        return OnDate(day, True, _listed(day, said, since, future), "seen")
    if not before and not after:
        said = f"not in the data as of {before_day} nor of {after_day}"
        return OnDate(day, False, _off(day, said, seen), "seen")
    if before:
        return OnDate(
            day,
            None,
            f"unknown: listed in the data as of {before_day}, and it left the list by {after_day}",
            "unknown",
        )
    return _came_on(day, since, before_day, after_day, seen)


def _came_on(
    day: date, since: Added, off_day: date, on_day: date, seen: Sequence[Observation]
) -> OnDate:
    """A day between a load without the entry and the next load with it: the
    adding rule's date decides when it falls between them."""
    if since.day and off_day < since.day <= on_day:
        if since.day <= day:
            return OnDate(day, True, _listed(day, "", since, _future(seen)), "rule")
        return OnDate(day, False, f"not yet listed on {day}: {since.text}", "rule")
    again = "came back" if any(present for when, present in seen if when < on_day) else "was added"
    return OnDate(
        day, None, f"unknown: it {again} to the list between {off_day} and {on_day}", "unknown"
    )


def _before_an_absence(
    day: date, since: Added, off_day: date, seen: Sequence[Observation]
) -> OnDate:
    """A day before the first data held, which does not hold the entry: a day before the
    adding rule (dated no later than the entry was first seen) was before its listing;
    otherwise it may have been listed and left before the data starts."""
    first_on = next((when for when, present in seen if present), None)
    if since.day and day < since.day and (first_on is None or since.day <= first_on):
        return OnDate(day, False, f"not yet listed on {day}: {since.text}", "rule")
    said = f"{since.text}; " if since.text else ""
    return OnDate(
        day,
        None,
        f"unknown: {said}the data held starts on {off_day}, when it was not on the list",
        "unknown",
    )


def _before_the_data(
    day: date, since: Added, held_since: date | None, first_seen: date | None
) -> OnDate:
    """A day before the first load that saw the entry, and before the data held starts."""
    consistent = first_seen is None or (since.day or date.min) <= first_seen
    if since.day and consistent:
        if since.day <= day:
            return OnDate(day, True, _listed(day, "", since, "still listed"), "rule")
        return OnDate(day, False, f"not yet listed on {day}: {since.text}", "rule")
    if since.year and since.year < day.year:
        return OnDate(day, True, _listed(day, "", since, "still listed"), "rule")
    start = f"the data held starts on {held_since}" if held_since else "no data is held"
    said = f"; {since.text}" if since.text else ""
    return OnDate(day, None, f"unknown: {start}{said}", "unknown")


def _future(seen: Sequence[Observation]) -> str:
    """What became of the entry after: still listed, or when it left."""
    last_day, last_present = seen[-1]
    if last_present:
        return "still listed"
    left = [
        (seen[n][0], seen[n + 1][0])
        for n in range(len(seen) - 1)
        if seen[n][1] and not seen[n + 1][1]
    ]
    if left:
        was, gone = left[-1]
        return f"left between {was} and {gone}"
    return f"not in the data as of {last_day}"


def _listed(day: date, seen_as: str, since: Added, future: str) -> str:
    evidence = [part for part in (since.text, seen_as, future) if part]
    return f"listed on {day} ({', '.join(evidence)})"


def _off(day: date, seen_as: str, seen: Sequence[Observation]) -> str:
    earlier = [when for when, present in seen if present and when < day]
    later = [when for when, present in seen if present and when > day]
    if not earlier:
        first = f"first in the data as of {later[0]}" if later else "in none of the data held"
        return f"not yet listed on {day}: {seen_as}; {first}"
    if later:
        return f"not listed on {day}: {seen_as}; listed until {earlier[-1]}, back by {later[0]}"
    return f"not listed on {day}: {seen_as}; listed until {earlier[-1]}"


# -- an answer for a past date ----------------------------------------------------------------


def _party_on(day: date, keys: Sequence[str], since: Added, held: Sightings) -> OnDate:
    """One party that may be several entries (one name under two countries): listed if
    any entry was, else unknown if any may have been."""
    verdicts = [verdict(day, held.by_key.get(key, []), since, held.held_since) for key in keys]
    if not verdicts:
        verdicts = [verdict(day, [], since, held.held_since)]
    for wanted in (True, None, False):
        for found in verdicts:
            if found.listed is wanted:
                return found
    return verdicts[0]


def _former_on(day: date, former: FormerListing, held: Sightings) -> OnDate:
    if former.stable_key:
        return _party_on(day, [former.stable_key], added(former.listed_from), held)
    # A party only a rule on file names: no load held it, from the first to the latest.
    seen = sorted({(when, False) for when in (held.held_since, held.latest) if when})
    return verdict(day, seen, added(former.listed_from), held.held_since)


def _status(answer: Answer, verdicts: Sequence[OnDate]) -> Status:
    """The answer's status on that day: `match` only when the party was listed then."""
    if answer.status == "ambiguous":
        return "ambiguous" if any(v.listed is not False for v in verdicts) else "none"
    if any(v.listed for v in verdicts):
        return "match"
    if any(v.listed is None for v in verdicts):
        return "unknown"
    return "none"


class PointInTime:
    """Answers for a past date, from an answer for today and what the store holds."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def answer_on(self, answer: Answer, day: date) -> Answer:
        keys = [key for party in answer.results for key in party.stable_keys]
        keys += [former.stable_key for former in answer.history if former.stable_key]
        held = sightings(self._engine, keys)
        results = [
            replace(
                party,
                on_date=_party_on(day, party.stable_keys, added(party.listing_date), held),
            )
            for party in answer.results
        ]
        history = [
            replace(former, on_date=_former_on(day, former, held)) for former in answer.history
        ]
        deciding: list[OnDate] = [
            party.on_date
            for party in results
            if party.on_date and (answer.status == "ambiguous" or party.relation == "principal")
        ]
        if answer.status == "none":
            deciding = [former.on_date for former in history if former.on_date]
        return replace(
            answer,
            status=_status(answer, deciding),
            results=results,
            history=history,
            on=day,
            held_since=held.held_since,
        )
