"""The history of listings: when each entry was first and last seen, and when it left."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine, insert, select, update

from bot.importers.entry import CslEntry
from bot.store.database import session as open_session
from bot.store.models import ListingHistory

_CHUNK = 500


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]


def record_history(engine: Engine, entries: list[CslEntry], as_of: date) -> None:
    """Bring the history up to a dataset as of `as_of` that is now the active one.

    Entries it holds are seen on that date (new ones from then on); entries that were
    listed and are not in it left after their last sighting and by `as_of`.
    """
    rows: dict[str, CslEntry] = {}
    for entry in entries:
        rows.setdefault(entry.stable_key, entry)
    with open_session(engine) as session, session.begin():
        known = {
            key: gone
            for key, gone in session.execute(
                select(ListingHistory.stable_key, ListingHistory.gone_by)
            )
        }
        current = {key for key, gone in known.items() if gone is None}
        for keys in _chunks(sorted(current - rows.keys())):
            session.execute(
                update(ListingHistory)
                .where(ListingHistory.stable_key.in_(keys))  # type: ignore[attr-defined]
                .values(gone_by=as_of)
            )
        for keys in _chunks(sorted(key for key in rows if key in known)):
            session.execute(
                update(ListingHistory)
                .where(ListingHistory.stable_key.in_(keys))  # type: ignore[attr-defined]
                .values(last_seen=as_of, gone_by=None)
            )
        fresh = [_row(key, entry, as_of) for key, entry in rows.items() if key not in known]
        for start in range(0, len(fresh), 2000):
            session.execute(insert(ListingHistory), fresh[start : start + 2000])


def _row(key: str, entry: CslEntry, as_of: date) -> dict[str, object]:
    return {
        "stable_key": key,
        "list_code": entry.list_code,
        "list_name": entry.list_name,
        "name": entry.name,
        "entry_type": entry.entry_type,
        "aliases": entry.alt_names,
        "countries": entry.countries,
        "federal_register_cites": entry.cites,
        "start_date": entry.start_date,
        "license_requirement": entry.license_requirement,
        "programs": entry.programs,
        "source_url": entry.source_information_url or entry.source_list_url,
        "first_seen": as_of,
        "last_seen": as_of,
        "gone_by": None,
    }


def departed(engine: Engine) -> list[ListingHistory]:
    """Entries that were listed once and are not in the active dataset."""
    with open_session(engine) as session:
        return list(
            session.execute(
                select(ListingHistory).where(ListingHistory.gone_by.is_not(None))  # type: ignore[union-attr]
            )
            .scalars()
            .all()
        )
