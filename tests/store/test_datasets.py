"""The store on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from bot.importers import parse_csl
from bot.store import Alias, DatasetVersion, Designation, open_database
from bot.store.database import SCHEMA_VERSION, session, upgrade_schema
from bot.store.datasets import (
    active_dataset,
    aliases_of,
    dataset_versions,
    designations,
    entry_summaries,
    index_rows,
    load_dataset,
)
from tests.conftest import FIXTURES


@pytest.fixture
def small_csl():
    return parse_csl((FIXTURES / "csl-small.csv").read_bytes())


def test_schema_is_created_on_first_use_and_upgrading_again_changes_nothing(database_url):
    engine = open_database(database_url)
    upgrade_schema(engine)
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version FROM schema_version")).all()
    assert versions == [(SCHEMA_VERSION,)]


def test_a_loaded_dataset_is_active_with_its_counts_and_rows(database_url, small_csl):
    engine = open_database(database_url)
    dataset = load_dataset(engine, small_csl, source="fixture", loaded_by="tests")
    active = active_dataset(engine)
    assert active is not None and active.id == dataset.id
    assert active.entry_count == 14
    assert active.counts_per_list == {"EL": 10, "MEU": 1, "SDN": 3}
    assert active.sha256 == small_csl.sha256
    rows = index_rows(engine, dataset.id)
    qihoo = [row for row in rows if row.name.startswith("Qihoo")]
    assert [row.list_code for row in qihoo] == ["EL", "EL"]
    aksu = next(row for row in rows if row.name == "Aksu Huafu Textiles Co.")
    assert aksu.aliases == ("Akesu Huafu", "Aksu Huafu Dyed Melange Yarn")


def test_designation_rows_keep_every_field_and_the_raw_record(database_url, small_csl):
    engine = open_database(database_url)
    dataset = load_dataset(engine, small_csl, source="fixture", loaded_by="tests")
    by_name = {row.name: row.designation_id for row in index_rows(engine, dataset.id)}
    entry = designations(
        engine, [by_name["Academy of Aerospace Solid Propulsion Technology (AASPT)"]]
    )
    (row,) = entry.values()
    assert row.list_code == "MEU"
    assert row.list_name == "Military End User List"
    assert row.start_date.isoformat() == "2020-12-23"
    assert row.federal_register_cites == ["85 FR 83799"]
    assert row.countries == ["CN"]
    assert row.raw["_id"] == "meu-1"
    assert "744.21" in row.license_policy
    cetc = by_name[
        "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    ]
    assert aliases_of(engine, [cetc])[cetc] == [
        "Hefei Institute of Electronic Engineering",
        "East China Research Institute of Electronic Engineering",
        "CETC Research Institute 38",
    ]


def test_aliases_are_stored_with_their_normalised_form(database_url, small_csl):
    engine = open_database(database_url)
    load_dataset(engine, small_csl, source="fixture", loaded_by="tests")
    with session(engine) as db:
        normalised = dict(db.execute(select(Alias.alias, Alias.normalised)).all())
    assert normalised["OOO DUBAI WATER FRONT"] == "dubai water front"
    assert (
        normalised["Chongqing Cloudwalk Technology Co., Ltd."] == "chongqing cloudwalk technology"
    )


def test_a_second_load_switches_the_active_version_and_keeps_the_first(database_url, small_csl):
    engine = open_database(database_url)
    first = load_dataset(engine, small_csl, source="one", loaded_by="tests")
    second = load_dataset(engine, small_csl, source="two", loaded_by="U42")
    assert active_dataset(engine).id == second.id
    versions = dataset_versions(engine)
    assert [v.id for v in versions] == [second.id, first.id]
    assert [v.active for v in versions] == [True, False]
    assert {s.stable_key for s in entry_summaries(engine, first.id)} == {
        s.stable_key for s in entry_summaries(engine, second.id)
    }


def test_a_load_that_fails_midway_writes_nothing_and_keeps_the_active_version(
    database_url, small_csl
):
    engine = open_database(database_url)
    kept = load_dataset(engine, small_csl, source="good", loaded_by="tests")
    broken = parse_csl((FIXTURES / "csl-small.csv").read_bytes())
    broken.entries[5].raw = {"not serialisable": object()}  # fails inside the transaction
    with pytest.raises(Exception, match=r"serializable|JSON"):
        load_dataset(engine, broken, source="bad", loaded_by="tests")
    assert active_dataset(engine).id == kept.id
    with session(engine) as db:
        assert db.execute(select(func.count()).select_from(DatasetVersion)).scalar() == 1
        assert db.execute(select(func.count()).select_from(Designation)).scalar() == 14


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_full_csl_loads_on_both_databases(request, backend):
    from tests.conftest import shared_file

    parsed = parse_csl(shared_file("csl-reconstructed-2026-07-31.json.gz").read_bytes())
    engine = open_database(request.getfixturevalue(f"{backend}_url"))
    dataset = load_dataset(engine, parsed, source="full", loaded_by="tests")
    assert dataset.entry_count == 25921
    assert dataset.as_of.isoformat() == "2026-07-31"
    assert len(index_rows(engine, dataset.id)) == 25921
