"""The store on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import (
    JSON,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    inspect,
    select,
    text,
)

from bot.federal_register.bundle import read_bundled_notices
from bot.importers import parse_csl
from bot.store import DatasetVersion, Designation, open_database
from bot.store.database import SCHEMA_VERSION, session, upgrade_schema
from bot.store.datasets import (
    active_dataset,
    aliases_of,
    designations,
    entry_summaries,
    index_rows,
    load_dataset,
)
from bot.store.history import departed
from bot.store.models import EntryFields, ListingHistory, entry_columns
from bot.store.notices import all_notice_parties, save_notices
from tests.conftest import FIXTURES
from tests.store.versions import dataset_versions


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
    (parsed,) = [e for e in small_csl.entries if e.list_code == "MEU"]
    assert {name: getattr(row, name) for name in EntryFields.model_fields} == entry_columns(parsed)
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
def test_the_full_csl_loads_on_both_databases(request, backend, full_csl):
    engine = open_database(request.getfixturevalue(f"{backend}_url"))
    dataset = load_dataset(engine, full_csl, source="full", loaded_by="tests")
    assert dataset.entry_count == 25921
    assert dataset.as_of.isoformat() == "2026-07-31"
    assert len(index_rows(engine, dataset.id)) == 25921


def _as_at_version_5(engine):
    """Put back what schema v5 had and v6 and v7 changed: a history of listings with fewer
    entry fields and one source URL, and a normalised form on aliases and notice parties."""
    old = MetaData()
    Table(
        "listing_history",
        old,
        Column("stable_key", String, primary_key=True),
        Column("list_code", String, nullable=False, index=True),
        Column("list_name", String, nullable=False),
        Column("name", Text, nullable=False),
        Column("entry_type", String, nullable=False),
        Column("aliases", JSON),
        Column("countries", JSON),
        Column("federal_register_cites", JSON),
        Column("start_date", Date),
        Column("license_requirement", Text, nullable=False),
        Column("programs", JSON),
        Column("source_url", String, nullable=False),
        Column("first_seen", Date, nullable=False),
        Column("last_seen", Date, nullable=False),
        Column("gone_by", Date, index=True),
    )
    Table(
        "alias",
        old,
        Column("id", Integer, primary_key=True),
        Column("designation_id", Integer, nullable=False, index=True),
        Column("dataset_id", Integer, nullable=False, index=True),
        Column("alias", Text, nullable=False),
        Column("normalised", Text, nullable=False, index=True),
    )
    Table(
        "notice_party",
        old,
        Column("id", Integer, primary_key=True),
        Column("notice_cite", String, nullable=False, index=True),
        Column("name", Text, nullable=False),
        Column("normalised", Text, nullable=False, index=True),
        Column("aliases", JSON),
        Column("countries", JSON),
        Column("role", String, nullable=False),
        Column("excerpt", Text, nullable=False),
        Column("excerpt_source", Text, nullable=False),
        Column("reason", Text, nullable=False, server_default=""),
    )
    with engine.begin() as connection:
        for name in old.tables:
            connection.execute(text(f"DROP TABLE {name}"))
        old.create_all(connection)
        connection.execute(
            old.tables["listing_history"]
            .insert()
            .values(
                stable_key="EL|gone co|CN",
                list_code="EL",
                list_name="Entity List",
                name="Gone Co.",
                entry_type="Entity",
                aliases=["Gone"],
                countries=["CN"],
                federal_register_cites=["85 FR 34497"],
                license_requirement="For all items subject to the EAR.",
                programs=["EAR"],
                source_url="https://example.org/gone",
                first_seen=date(2026, 1, 5),
                last_seen=date(2026, 2, 5),
                gone_by=date(2026, 3, 5),
            )
        )
        connection.execute(text("UPDATE schema_version SET version = 5"))
    engine.dispose()


def test_a_version_5_store_upgrades_and_keeps_its_history(database_url, small_csl):
    _as_at_version_5(open_database(database_url))

    engine = open_database(database_url)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_version")).scalar() == (
            SCHEMA_VERSION
        )
        tables = inspect(connection)
        history = {column["name"] for column in tables.get_columns("listing_history")}
        assert history == set(ListingHistory.model_fields)
        assert "normalised" not in {column["name"] for column in tables.get_columns("alias")}
        assert "normalised" not in {c["name"] for c in tables.get_columns("notice_party")}
    (gone,) = departed(engine)
    assert gone.name == "Gone Co." and gone.aliases == ["Gone"]
    assert gone.source_url == "https://example.org/gone"
    assert gone.addresses == [] and gone.federal_register_notice == ""
    assert (gone.last_seen, gone.gone_by) == (date(2026, 2, 5), date(2026, 3, 5))
    # Aliases, history and notice parties are written as before.
    dataset = load_dataset(engine, small_csl, source="fixture", loaded_by="tests")
    assert len(departed(engine)) == 1
    assert aliases_of(engine, [row.designation_id for row in index_rows(engine, dataset.id)])
    save_notices(engine, read_bundled_notices())
    assert all_notice_parties(engine)
