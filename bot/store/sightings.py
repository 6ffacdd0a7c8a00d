"""When an entry was seen on its list and when it was not: what answers as of a past date
read.

The history of listings keeps one row per entry (first seen, last seen, gone by), so an
entry that left and came back would lose its time away. Each stretch of absence the loads
saw is kept here as a row of its own, written in the transaction that loads the dataset
that saw the entry again; rows are never changed afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, Index, func, insert, select
from sqlalchemy.engine import Connection
from sqlmodel import Field, Session, SQLModel, col

from bot.store.models import DatasetVersion, Designation, ListingHistory


class ListingAbsence(SQLModel, table=True):
    """A stretch of loads without an entry, ended by a load holding it again."""

    __tablename__ = "listing_absence"

    id: int | None = Field(default=None, primary_key=True)
    stable_key: str = Field(index=True)
    # The last load holding it before; None for an entry the loads had never held.
    seen_before: date | None = None
    absent_from: date  # the first load without it (the first load of all, for a newcomer)
    absent_until: date  # the last load without it
    seen_again: date  # the load holding it again


# The first and the latest load are the earliest first sighting and the latest last one:
# indexed, each is one index lookup rather than a scan of the whole history per answer.
_HELD_FROM = Index("ix_listing_history_first_seen", col(ListingHistory.first_seen))
_HELD_TO = Index("ix_listing_history_last_seen", col(ListingHistory.last_seen))


def create_table(connection: Connection) -> None:
    """The schema step that adds the table to a store made before it."""
    ListingAbsence.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def create_indexes(connection: Connection) -> None:
    """The schema step that adds the indexes above to a store made before them."""
    _HELD_FROM.create(connection, checkfirst=True)
    _HELD_TO.create(connection, checkfirst=True)


def _first_and_latest(session: Session) -> tuple[date | None, date | None]:
    """The as-of dates of the first and the latest load the history holds. Two queries:
    SQLite answers a lone min() or max() from the index, never both at once."""
    first = session.execute(select(func.min(col(ListingHistory.first_seen)))).scalar()
    latest = session.execute(select(func.max(col(ListingHistory.last_seen)))).scalar()
    return first, latest


def record_absences(
    session: Session, returning: dict[str, tuple[date, date]], fresh: Iterable[str], as_of: date
) -> None:
    """Before the history is brought up to a load as of `as_of`: keep the time away of
    each entry coming back (`returning`: key -> its last sighting and the first load
    without it), and of each entry the loads never held before (`fresh`). The previous
    load is as of the latest sighting the history holds."""
    first, previous = _first_and_latest(session)
    if previous is None:
        return  # the first load of all: nothing was absent before it
    rows = [
        {
            "stable_key": key,
            "seen_before": last,
            "absent_from": gone,
            "absent_until": previous,
            "seen_again": as_of,
        }
        for key, (last, gone) in returning.items()
    ]
    rows += [
        {
            "stable_key": key,
            "seen_before": None,
            "absent_from": first,
            "absent_until": previous,
            "seen_again": as_of,
        }
        for key in fresh
    ]
    if rows:
        session.execute(insert(ListingAbsence), rows)


@dataclass(frozen=True)
class Sightings:
    """What the store holds about some entries on their lists: each (day, on the list)."""

    by_key: dict[str, list[tuple[date, bool]]]
    # The as-of date of the first data the store loaded: nothing before it was seen.
    held_since: date | None
    # The as-of date of the active data.
    latest: date | None


def sightings(engine: Engine, keys: Iterable[str]) -> Sightings:
    """Every observation of these entries: first and last sightings, departures, the
    stretches away, and presence or absence in every dataset version still kept."""
    wanted = sorted(set(keys))
    seen: dict[str, list[tuple[date, bool]]] = defaultdict(list)
    with Session(engine) as session:
        held_since, latest_seen = _first_and_latest(session)
        latest = session.execute(
            select(col(DatasetVersion.as_of)).where(col(DatasetVersion.active))
        ).scalar()
        if wanted:
            for row in session.execute(
                select(ListingHistory).where(col(ListingHistory.stable_key).in_(wanted))
            ).scalars():
                seen[row.stable_key] += [(row.first_seen, True), (row.last_seen, True)]
                if held_since is not None and row.first_seen > held_since:
                    seen[row.stable_key].append((held_since, False))
                if row.gone_by is not None:
                    # Still away: the latest load did not hold it either.
                    still_away = latest or latest_seen or row.gone_by
                    seen[row.stable_key] += [(row.gone_by, False), (still_away, False)]
            for absence in session.execute(
                select(ListingAbsence).where(col(ListingAbsence.stable_key).in_(wanted))
            ).scalars():
                seen[absence.stable_key] += [
                    (absence.absent_from, False),
                    (absence.absent_until, False),
                    (absence.seen_again, True),
                ]
                if absence.seen_before is not None:
                    seen[absence.stable_key].append((absence.seen_before, True))
            kept = [
                day
                for day in session.execute(select(col(DatasetVersion.as_of))).scalars()
                if day is not None
            ]
            holding: dict[str, set[date]] = defaultdict(set)
            for key, day in session.execute(
                select(col(Designation.stable_key), col(DatasetVersion.as_of))
                .join(DatasetVersion, col(DatasetVersion.id) == col(Designation.dataset_id))
                .where(col(Designation.stable_key).in_(wanted))
            ):
                holding[key].add(day)
            for key in seen:
                seen[key] += [(day, day in holding[key]) for day in kept]
    return Sightings(
        {key: sorted(set(days)) for key, days in seen.items()}, held_since, latest or latest_seen
    )
