"""Shared fixtures: the real data beside the repo, isolated data directories, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bot.importers import ParsedCsl

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHARED_EVAL = REPO.parent / "shared" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A database on the PostgreSQL server the tests use. Each run creates its own database there
# (entitybot_test_<pid>_<random>) and drops it at the end; without the right to create one,
# it works in schemas of this database. Either way each test gets a fresh schema, with its
# own refresh lock, so runs from several checkouts can share one server.
POSTGRES_SERVER = os.environ.get(
    "ENTITYBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def shared_file(name: str) -> Path:
    """A file of ../shared/data, or a clean skip when it is not there."""
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def full_csl() -> ParsedCsl:
    """The full CSL of 2026-07-31 (the same file as the bundled snapshot), parsed once per
    run for every test that reads it. Tests must not change it."""
    from bot.importers import parse_csl

    return parse_csl(shared_file("csl-reconstructed-2026-07-31.json.gz").read_bytes())


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's .env or writes to the real user data directory."""
    for name in list(os.environ):
        if name.startswith(("ENTITYBOT_", "SLACK_")) or name in {"DATABASE_URL", "PORT"}:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENTITYBOT_DATA_DIR", str(tmp_path / "entitybot-data"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


def _postgres_reachable() -> bool:
    import sqlalchemy

    try:
        engine = sqlalchemy.create_engine(POSTGRES_SERVER)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """This run's own database on the PostgreSQL server (its URL), dropped at the end."""
    import sqlalchemy

    if not _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
    name = f"entitybot_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    except sqlalchemy.exc.DBAPIError:
        # No right to create databases: schemas in the given one keep runs apart as well.
        admin.dispose()
        yield POSTGRES_SERVER
        return
    url = sqlalchemy.make_url(POSTGRES_SERVER).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            # FORCE: connections a test left open (or a killed child's) must not keep it.
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_schemas(postgres_database: str) -> Iterator[Callable[[], str]]:
    """Make fresh schemas in this run's database, each as a URL whose search_path is it;
    every one is dropped after the test."""
    import sqlalchemy

    admin = sqlalchemy.create_engine(postgres_database, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def new_schema() -> str:
        schema = f"entitybot_test_{uuid.uuid4().hex[:10]}"
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
        made.append(schema)
        separator = "&" if "?" in postgres_database else "?"
        # Its connections are named after it, so that those a test left open can be closed.
        return (
            f"{postgres_database}{separator}options=-csearch_path%3D{schema}"
            f"&application_name={schema}"
        )

    try:
        yield new_schema
    finally:
        with admin.connect() as connection:
            for schema in made:
                # Engines tests made and dropped keep their pooled connections until they
                # are collected; on a server shared by several runs, that runs out of them.
                connection.execute(
                    sqlalchemy.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE application_name = :schema AND pid <> pg_backend_pid()"
                    ),
                    {"schema": schema},
                )
                connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_schemas: Callable[[], str]) -> str:
    """A fresh schema on the PostgreSQL server, dropped afterwards."""
    return postgres_schemas()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs on the embedded SQLite and on the real PostgreSQL server."""
    return request.getfixturevalue(f"{request.param}_url")
