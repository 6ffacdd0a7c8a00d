"""Engine creation and the schema, created or upgraded on first use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel, create_engine

from bot.store import models

# Each step brings the schema from its index to the next version; append, never edit.
_MIGRATIONS: list[Callable[[Connection], None]] = [
    lambda connection: SQLModel.metadata.create_all(connection),
    # v2: the claim table (Slack event de-duplication, the refresh lease). A store made at v1
    # lacks it; a new store already has it from step 1.
    lambda connection: models.Claim.__table__.create(connection, checkfirst=True),
    # v3: the history of listings, and the Federal Register API's answers per cite.
    lambda connection: SQLModel.metadata.create_all(connection),
    # v4: a reason per party named by a notice.
    lambda connection: _add_column(
        connection, "notice_party", "reason", "TEXT NOT NULL DEFAULT ''"
    ),
    # v5: facts about the store (the version of the bundled notices it holds).
    lambda connection: SQLModel.metadata.create_all(connection),
]
SCHEMA_VERSION = len(_MIGRATIONS)


class DatabaseError(RuntimeError):
    """The database cannot be reached or used; the message says which and why."""


def open_database(url: str) -> Engine:
    """An engine for `url` with the schema in place."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        upgrade_schema(engine)
    except Exception as exc:
        raise DatabaseError(f"cannot use the database at {_safe(url)}: {exc}") from exc
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    # WAL lets lookups read the old dataset while a refresh writes the new one.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def upgrade_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        current = _current_version(connection)
        for step in _MIGRATIONS[current:]:
            step(connection)
        if current != SCHEMA_VERSION:
            connection.execute(text("DELETE FROM schema_version"))
            connection.execute(
                models.SchemaVersion.__table__.insert().values(id=1, version=SCHEMA_VERSION)
            )


def _add_column(connection: Connection, table: str, column: str, definition: str) -> None:
    """ALTER TABLE ... ADD COLUMN, unless step 1 already made the table with it."""
    if column not in {c["name"] for c in inspect(connection).get_columns(table)}:
        connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {definition}"))


def _current_version(connection: Connection) -> int:
    if not inspect(connection).has_table("schema_version"):
        return 0
    found = connection.execute(text("SELECT version FROM schema_version")).scalar()
    return int(found or 0)


def _safe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, _, credentials = head.partition("://")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}"


def session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit: they leave the store as values."""
    return Session(engine, expire_on_commit=False)
