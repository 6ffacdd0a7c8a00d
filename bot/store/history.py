"""The history of listings: when each entry was first and last seen, and when it left."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine, insert, select, update
from sqlmodel import Session, col

from bot.importers.entry import CslEntry
from bot.store.database import session as open_session
from bot.store.models import ListingHistory, entry_columns
from bot.store.sightings import record_absences

_CHUNK = 500
_BATCH = 2000
_T = TypeVar("_T")


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def record_history(session: Session, entries: list[tuple[str, CslEntry]], as_of: date) -> None:
    """Bring the history up to a dataset as of `as_of`, in the transaction that loads it.

    `entries` are the dataset's entries by stable key (unique within it). Each is seen on
    that date, as it gives it (new ones from then on), so a departed entry is kept as it was
    last listed; entries that were listed and are not in it left after their last sighting
    and by `as_of`.
    """
    latest = dict(entries)
    known = {
        key: gone
        for key, gone in session.execute(
            select(col(ListingHistory.stable_key), col(ListingHistory.gone_by))
        )
    }
    # Coming back resets gone_by below: the time away is kept first, with the newcomers'.
    returning = [key for key, gone in known.items() if gone is not None and key in latest]
    record_absences(
        session,
        _away(session, returning),
        (key for key in latest if key not in known),
        as_of,
    )
    listed = {key for key, gone in known.items() if gone is None}
    for keys in _chunks(sorted(listed - latest.keys()), _CHUNK):
        session.execute(
            update(ListingHistory)
            .where(col(ListingHistory.stable_key).in_(keys))
            .values(gone_by=as_of)
        )
    seen = [
        {**_row(key, entry), "last_seen": as_of, "gone_by": None}
        for key, entry in latest.items()
        if key in known
    ]
    fresh = [
        {**_row(key, entry), "first_seen": as_of, "last_seen": as_of, "gone_by": None}
        for key, entry in latest.items()
        if key not in known
    ]
    # Each `seen` row carries its primary key: SQLAlchemy updates the row it names.
    for rows in _chunks(seen, _BATCH):
        session.execute(update(ListingHistory), rows)
    for rows in _chunks(fresh, _BATCH):
        session.execute(insert(ListingHistory), rows)


def _away(session: Session, keys: list[str]) -> dict[str, tuple[date, date]]:
    """Each key's last sighting and the first load without it."""
    away: dict[str, tuple[date, date]] = {}
    for chunk in _chunks(keys, _CHUNK):
        for key, last, gone in session.execute(
            select(
                col(ListingHistory.stable_key),
                col(ListingHistory.last_seen),
                col(ListingHistory.gone_by),
            ).where(col(ListingHistory.stable_key).in_(chunk))
        ):
            away[key] = (last, gone)
    return away


def _row(key: str, entry: CslEntry) -> dict[str, Any]:
    return {**entry_columns(entry), "stable_key": key, "aliases": entry.alt_names}


def departed(engine: Engine) -> list[ListingHistory]:
    """Entries that were listed once and are not in the active dataset."""
    with open_session(engine) as session:
        return list(
            session.execute(select(ListingHistory).where(col(ListingHistory.gone_by).is_not(None)))
            .scalars()
            .all()
        )
