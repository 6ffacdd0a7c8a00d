"""Shared fixtures: the real data beside the repo, isolated data directories, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bot.importers import ParsedCsl

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHARED_EVAL = REPO.parent / "shared" / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_SERVER = os.environ.get(
    "ENTITYBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the PostgreSQL server, dropped afterwards."""
    import sqlalchemy

    if not _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
    schema = f"entitybot_test_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_SERVER else "?"
    try:
        yield f"{POSTGRES_SERVER}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs on the embedded SQLite and on the real PostgreSQL server."""
    return request.getfixturevalue(f"{request.param}_url")
