"""A store whose entries were keyed by list, core name and countries upgrades to keys that
survive a changed country, on SQLite and PostgreSQL, and its history loses the ghost the old
keys made of an entry that gained a country."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import create_engine, delete, insert, select, text
from sqlmodel import col

from bot.changes import compare
from bot.importers import ParsedCsl, parse_csl
from bot.names import analyse
from bot.store import open_database
from bot.store.database import session
from bot.store.datasets import active_dataset, entry_summaries, load_dataset
from bot.store.history import departed
from bot.store.models import Designation, ListingHistory, entry_columns
from tests.conftest import FIXTURES

# Schema step 9 rekeys entries: a store at version 8 is one made before it.
BEFORE_REKEYING = 8


def legacy_key(list_code: str, name: str, countries: list[str]) -> str:
    """How schema 8 and before keyed an entry."""
    return f"{list_code}|{' '.join(analyse(name).core)}|{','.join(sorted(countries))}"


def _as_before_rekeying(engine, hitech_before) -> None:
    """Put back what the old keys made of two loads in which Hitech gained a country: every
    designation under its old key, and in the history Hitech twice, once departed."""
    with session(engine) as db, db.begin():
        for row in db.execute(select(Designation)).scalars():
            row.stable_key = legacy_key(row.list_code, row.name, row.countries)
        history = list(db.execute(select(ListingHistory)).scalars())
        rows = [
            {**row.model_dump(), "stable_key": legacy_key(row.list_code, row.name, row.countries)}
            for row in history
        ]
        for row in rows:
            if row["name"] == "Hitech Corporation":
                row["first_seen"] = date(2026, 8, 1)
        rows.append(
            {
                **entry_columns(hitech_before),
                "stable_key": legacy_key("EL", hitech_before.name, hitech_before.countries),
                "aliases": hitech_before.alt_names,
                "first_seen": date(2026, 7, 31),
                "last_seen": date(2026, 7, 31),
                "gone_by": date(2026, 8, 1),
            }
        )
        db.execute(delete(ListingHistory))
        db.execute(insert(ListingHistory), rows)
        db.execute(text("UPDATE schema_version SET version = :v"), {"v": BEFORE_REKEYING})
    engine.dispose()


def test_an_old_store_is_rekeyed_and_its_history_merged(database_url):
    parsed: ParsedCsl = parse_csl((FIXTURES / "csl-small.csv").read_bytes())
    hitech = next(e for e in parsed.entries if e.name == "Hitech Corporation")
    moved = replace(hitech, addresses=["Tehran, IR", "Dubai, AE"], countries=["IR", "AE"])
    revised = replace(parsed, entries=[moved if e is hitech else e for e in parsed.entries])
    engine = open_database(database_url)
    one = load_dataset(engine, parsed, source="one", loaded_by="tests", as_of=date(2026, 7, 31))
    two = load_dataset(engine, revised, source="two", loaded_by="tests", as_of=date(2026, 8, 1))
    keys_before = {s.name: s.stable_key for s in entry_summaries(engine, two.id)}
    _as_before_rekeying(engine, hitech)
    old_store = create_engine(database_url)  # read as it is, not upgraded
    assert [row.name for row in departed(old_store)] == ["Hitech Corporation"]
    old_store.dispose()

    engine = open_database(database_url)

    assert {s.name: s.stable_key for s in entry_summaries(engine, two.id)} == keys_before
    assert departed(engine) == []
    with session(engine) as db:
        (row,) = db.execute(
            select(ListingHistory).where(col(ListingHistory.name) == "Hitech Corporation")
        ).scalars()
        assert row.countries == ["IR", "AE"] and row.first_seen == date(2026, 7, 31)
        assert row.gone_by is None
    # The versions before and after the upgrade compare entry by entry.
    assert not compare(entry_summaries(engine, one.id), entry_summaries(engine, two.id)).removed
    load_dataset(engine, revised, source="three", loaded_by="tests", as_of=date(2026, 8, 2))
    active = active_dataset(engine)
    assert not compare(entry_summaries(engine, two.id), entry_summaries(engine, active.id)).any
    assert departed(engine) == []


def test_rekeying_a_rekeyed_store_changes_nothing(database_url):
    parsed = parse_csl((FIXTURES / "csl-small.csv").read_bytes())
    engine = open_database(database_url)
    one = load_dataset(engine, parsed, source="one", loaded_by="tests", as_of=date(2026, 7, 31))
    keys = sorted(s.stable_key for s in entry_summaries(engine, one.id))
    with engine.begin() as connection:
        connection.execute(text("UPDATE schema_version SET version = :v"), {"v": BEFORE_REKEYING})
    engine.dispose()
    engine = open_database(database_url)
    assert sorted(s.stable_key for s in entry_summaries(engine, one.id)) == keys
    assert len(set(keys)) == 14
