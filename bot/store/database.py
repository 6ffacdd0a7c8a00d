"""Engine creation and the schema, created or upgraded on first use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event, insert, inspect, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, create_engine

from bot.store import answer_records, models, watchlists
from bot.store.rekey import rekey_entries
from bot.store.sightings import create_indexes as index_sightings
from bot.store.sightings import create_table as create_absence_table

# Each step brings the schema from its index to the next version; append, never edit.
_MIGRATIONS: list[Callable[[Connection], None]] = [
    lambda connection: SQLModel.metadata.create_all(connection),
    # v2: the claim table (Slack event de-duplication, the refresh lease). A store made at v1
    # lacks it; a new store already has it from step 1.
    lambda connection: SQLModel.metadata.tables["claim"].create(connection, checkfirst=True),
    # v3: the history of listings, and the Federal Register API's answers per cite.
    lambda connection: SQLModel.metadata.create_all(connection),
    # v4: a reason per party named by a notice.
    lambda connection: _add_column(
        connection, "notice_party", "reason", "TEXT NOT NULL DEFAULT ''"
    ),
    # v5: facts about the store (the version of the bundled notices it holds).
    lambda connection: SQLModel.metadata.create_all(connection),
    # v6: the history of listings holds every field of an entry, as a designation does.
    lambda connection: _history_holds_whole_entries(connection),
    # v7: aliases and notice parties lose a normalised form nothing read.
    lambda connection: _drop_normalised(connection),
    # v8: a claim names the process holding it (host and pid), so a dead holder's lock is
    # taken over at once.
    lambda connection: _claims_name_their_process(connection),
    # v9: an entry's identity survives a changed address, country, alias or cite.
    lambda connection: rekey_entries(connection),
    # v10: the audit record of every answer.
    lambda connection: answer_records.create_table(connection),
    # v11: the stretches an entry was away from its list (answers as of a past date).
    lambda connection: create_absence_table(connection),
    # v12: the first and latest load found by index (each answer for a past date reads them).
    lambda connection: index_sightings(connection),
    # v13: channel watchlists, their change log and the alerts a refresh owes a channel.
    lambda connection: watchlists.create_tables(connection),
]
SCHEMA_VERSION = len(_MIGRATIONS)
# How long SQLite waits for another process's write to finish before it gives up; a
# `?timeout=` in the URL says otherwise.
SQLITE_BUSY_SECONDS = 30.0


class DatabaseError(RuntimeError):
    """The database cannot be reached or used; the message says which and why."""


def open_database(url: str) -> Engine:
    """An engine for `url` with the schema in place."""
    if url.startswith("sqlite:///"):
        parsed = make_url(url)
        Path(parsed.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
        connect_args: dict[str, object] = {"check_same_thread": False}
        if "timeout" not in parsed.query:
            connect_args["timeout"] = SQLITE_BUSY_SECONDS
        engine = create_engine(url, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        upgrade_schema(engine)
    except DBAPIError as exc:
        raise DatabaseError(f"cannot use the database at {_safe(url)}: {describe(exc)}") from exc
    except Exception as exc:
        raise DatabaseError(f"cannot use the database at {_safe(url)}: {exc}") from exc
    return engine


def describe(exc: DBAPIError) -> str:
    """What went wrong, in one line a person can act on: the driver's own first line, never
    the SQL, its parameters or a traceback."""
    said = str(exc.orig).strip()
    first_line = said.splitlines()[0].strip() if said else type(exc.orig).__name__
    if "database is locked" in first_line:
        return (
            "the database stayed locked by another process writing to it (another refresh "
            "loading?) for longer than entitybot waits; try again when it is done"
        )
    return f"the database failed: {first_line}"


def _sqlite_pragmas(connection: DBAPIConnection, _record: object) -> None:
    cursor = connection.cursor()
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
            connection.execute(insert(models.SchemaVersion).values(id=1, version=SCHEMA_VERSION))


def _history_holds_whole_entries(connection: Connection) -> None:
    for column, definition in (
        ("entry_id", "VARCHAR NOT NULL DEFAULT ''"),
        ("agency", "VARCHAR NOT NULL DEFAULT ''"),
        ("addresses", "JSON NOT NULL DEFAULT '[]'"),
        ("federal_register_notice", "TEXT NOT NULL DEFAULT ''"),
        ("end_date", "DATE"),
        ("license_policy", "TEXT NOT NULL DEFAULT ''"),
        ("remarks", "TEXT NOT NULL DEFAULT ''"),
        ("source_list_url", "VARCHAR NOT NULL DEFAULT ''"),
        ("source_information_url", "VARCHAR NOT NULL DEFAULT ''"),
    ):
        _add_column(connection, "listing_history", column, definition)
    if "source_url" in _columns(connection, "listing_history"):
        # It held the entry's own page, else its list's; EntryFields.source_url still reads
        # the same value from source_information_url.
        connection.execute(text("UPDATE listing_history SET source_information_url = source_url"))
        _drop_column(connection, "listing_history", "source_url")


def _drop_normalised(connection: Connection) -> None:
    _drop_column(connection, "alias", "normalised")
    _drop_column(connection, "notice_party", "normalised")


def _claims_name_their_process(connection: Connection) -> None:
    _add_column(connection, "claim", "host", "VARCHAR NOT NULL DEFAULT ''")
    _add_column(connection, "claim", "pid", "INTEGER NOT NULL DEFAULT 0")


def _columns(connection: Connection, table: str) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns(table)}


def _add_column(connection: Connection, table: str, column: str, definition: str) -> None:
    """ALTER TABLE ... ADD COLUMN, unless step 1 already made the table with it."""
    if column not in _columns(connection, table):
        connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {definition}"))


def _drop_column(connection: Connection, table: str, column: str) -> None:
    """ALTER TABLE ... DROP COLUMN, when the table has it. SQLite will not drop an indexed
    column, so its indexes go first."""
    if column not in _columns(connection, table):
        return
    for index in inspect(connection).get_indexes(table):
        if column in index["column_names"]:
            connection.execute(text(f"DROP INDEX {index['name']}"))
    connection.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))


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
