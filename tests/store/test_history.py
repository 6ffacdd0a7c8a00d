"""The history of listings on SQLite and PostgreSQL, as loads write it: an entry as it was
last listed, one row per entry whatever the list revised about it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.importers import ParsedCsl, parse_csl
from bot.importers.entry import CslEntry
from bot.store import open_database
from bot.store.datasets import load_dataset
from bot.store.history import departed
from bot.store.models import EntryFields, entry_columns
from tests.conftest import FIXTURES


@pytest.fixture
def parsed() -> ParsedCsl:
    return parse_csl((FIXTURES / "csl-small.csv").read_bytes())


def load(engine, parsed: ParsedCsl, entries: list[CslEntry], as_of: date) -> None:
    load_dataset(
        engine, replace(parsed, entries=entries), source="test", loaded_by="tests", as_of=as_of
    )


def stored(row):
    return {name: getattr(row, name) for name in EntryFields.model_fields}


def test_a_departed_entry_is_kept_whole_as_it_was_last_listed(database_url, parsed):
    engine = open_database(database_url)
    entries = parsed.entries
    load(engine, parsed, entries, date(2026, 7, 1))
    (meu,) = [e for e in entries if e.list_code == "MEU"]
    revised = replace(meu, remarks="Revised.", license_policy="Case by case.")
    load(engine, parsed, [revised if e is meu else e for e in entries], date(2026, 8, 1))
    load(engine, parsed, [e for e in entries if e is not meu], date(2026, 9, 1))

    (gone,) = departed(engine)
    assert stored(gone) == entry_columns(revised)
    assert gone.aliases == meu.alt_names
    assert (gone.first_seen, gone.last_seen, gone.gone_by) == (
        date(2026, 7, 1),
        date(2026, 8, 1),
        date(2026, 9, 1),
    )
    assert gone.source_url == meu.source_information_url


def test_an_entry_back_on_its_list_is_no_longer_departed(database_url, parsed):
    engine = open_database(database_url)
    entries = parsed.entries
    load(engine, parsed, entries, date(2026, 7, 1))
    load(engine, parsed, entries[1:], date(2026, 8, 1))
    assert [row.name for row in departed(engine)] == [entries[0].name]
    load(engine, parsed, entries, date(2026, 9, 1))
    assert departed(engine) == []


def test_an_entry_that_changed_then_left_is_one_departure_with_its_latest_fields(
    database_url, parsed
):
    """Under a key made of its countries, the entry below was two: the first version
    departed the day it gained a country, and the later one departed with its own fields."""
    engine = open_database(database_url)
    entries = parsed.entries
    hitech = next(e for e in entries if e.name == "Hitech Corporation")
    moved = replace(
        hitech,
        addresses=[*hitech.addresses, "Dubai, AE"],
        countries=[*hitech.countries, "AE"],
        alt_names=["Hitech Co."],
        federal_register_notice=f"{hitech.federal_register_notice}; 89 FR 10001",
    )
    load(engine, parsed, entries, date(2026, 7, 1))
    load(engine, parsed, [moved if e is hitech else e for e in entries], date(2026, 8, 1))
    assert departed(engine) == []
    load(engine, parsed, [e for e in entries if e is not hitech], date(2026, 9, 1))

    (gone,) = departed(engine)
    assert stored(gone) == entry_columns(moved)
    assert gone.countries == ["IR", "AE"] and gone.aliases == ["Hitech Co."]
    assert (gone.first_seen, gone.last_seen, gone.gone_by) == (
        date(2026, 7, 1),
        date(2026, 8, 1),
        date(2026, 9, 1),
    )


def test_same_named_entries_are_each_kept_and_the_one_that_left_is_the_one_departed(
    database_url, parsed
):
    """The two Qihoo 360 entries of the Entity List share list, core name and type; the one
    that leaves is the one whose history says so, with its own country."""
    engine = open_database(database_url)
    entries = parsed.entries
    qihoo_cn, qihoo_gb = [e for e in entries if e.name.startswith("Qihoo")]
    load(engine, parsed, entries, date(2026, 7, 1))
    # The other one moves too: pairing is by likeness, not by order in the file.
    qihoo_cn_moved = replace(qihoo_cn, addresses=["Shanghai, CN"])
    load(
        engine,
        parsed,
        [qihoo_cn_moved if e is qihoo_cn else e for e in entries if e is not qihoo_gb],
        date(2026, 8, 1),
    )
    (gone,) = departed(engine)
    assert (gone.name, gone.countries) == (qihoo_gb.name, ["GB"])
