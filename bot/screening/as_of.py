"""The day a refresh's data is as of, never later than today.

A day to come would show every answer a negative data age, never flag the data as stale,
and refuse every later refresh as older until forced. A date given by hand (--as-of) that
is later than today is refused; one the source claims (a JSON file's own date, a file's
mtime, HTTP Last-Modified) comes from a clock set wrong somewhere, and today is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


class FutureAsOf(ValueError):
    """An --as-of date later than today."""


def refuse_future(given: date | None) -> None:
    """Raise FutureAsOf for a date given by hand that is later than today."""
    today = date.today()
    if given is not None and given > today:
        raise FutureAsOf(
            f"--as-of {given} is later than today ({today}); give the day the data is as of"
        )


@dataclass(frozen=True)
class AsOf:
    day: date
    # The later-than-today date the source claimed, when today was taken instead.
    future_date_ignored: date | None = None


def as_of_for(given: date | None, own: date | None, last_modified: datetime | None) -> AsOf:
    """The date given by hand first, then the file's own date (JSON carries one), then when
    the source last changed; today when none says, or when what it says is yet to come."""
    today = date.today()
    claimed = given or own or (last_modified.date() if last_modified else None)
    if claimed is None:
        return AsOf(today)
    if claimed > today:
        return AsOf(today, future_date_ignored=claimed)
    return AsOf(claimed)
