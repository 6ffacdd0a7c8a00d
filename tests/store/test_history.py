"""The history of listings on SQLite and PostgreSQL: an entry as it was last listed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.importers import parse_csl
from bot.store import open_database
from bot.store.history import departed, record_history
from bot.store.models import EntryFields, entry_columns
from tests.conftest import FIXTURES


@pytest.fixture
def entries():
    return parse_csl((FIXTURES / "csl-small.csv").read_bytes()).entries


def stored(row):
    return {name: getattr(row, name) for name in EntryFields.model_fields}


def test_a_departed_entry_is_kept_whole_as_it_was_last_listed(database_url, entries):
    engine = open_database(database_url)
    record_history(engine, entries, date(2026, 7, 1))
    (meu,) = [e for e in entries if e.list_code == "MEU"]
    revised = replace(meu, remarks="Revised.", license_policy="Case by case.")
    record_history(engine, [revised if e is meu else e for e in entries], date(2026, 8, 1))
    record_history(engine, [e for e in entries if e is not meu], date(2026, 9, 1))

    (gone,) = departed(engine)
    assert stored(gone) == entry_columns(revised)
    assert gone.stable_key == meu.stable_key and gone.aliases == meu.alt_names
    assert (gone.first_seen, gone.last_seen, gone.gone_by) == (
        date(2026, 7, 1),
        date(2026, 8, 1),
        date(2026, 9, 1),
    )
    assert gone.source_url == meu.source_information_url


def test_an_entry_back_on_its_list_is_no_longer_departed(database_url, entries):
    engine = open_database(database_url)
    record_history(engine, entries, date(2026, 7, 1))
    record_history(engine, entries[1:], date(2026, 8, 1))
    assert [row.name for row in departed(engine)] == [entries[0].name]
    record_history(engine, entries, date(2026, 9, 1))
    assert departed(engine) == []
