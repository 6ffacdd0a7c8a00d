"""The audit trail: one row per answer the bot gave, written before the answer is sent.

Rows are only ever inserted, read, and deleted by age (ENTITYBOT_AUDIT_DAYS): nothing
updates one. They name the dataset version they were answered from by number, not by a
foreign key, because versions are pruned long before an audit trail may be.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Engine, Index, Row, Text, delete, insert, or_, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel, col

# What the database says to an UPDATE of a record.
APPEND_ONLY = "answer records are append-only: a record is never changed"
# Rows a streamed read fetches from the server at a time: an export of a year's records
# never holds them all in memory.
STREAM_ROWS = 2000


class AnswerRecordRow(SQLModel, table=True):
    __tablename__ = "answer_record"
    # A user's own history and an export for one user read by user, newest or oldest first;
    # CLI records name their asker by the OS user instead.
    __table_args__ = (
        Index("ix_answer_record_user_at", "user_id", "answered_at"),
        Index("ix_answer_record_os_user_at", "os_user", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # UTC (SQLModel stores it with its zone where the database keeps one, else as UTC).
    answered_at: datetime = Field(index=True)
    team_id: str = ""
    enterprise_id: str = ""
    user_id: str = ""
    channel_id: str = ""
    surface: str
    asked: str = Field(sa_type=Text)
    status: str
    # [[list_code, entry_id, name, status], ...]: one JSON value keeps a record one insert.
    parties: list[list[str]] = Field(default_factory=list, sa_type=JSON)
    data_version_id: int = 0
    data_as_of: date | None = None
    os_user: str = ""


_TABLE = AnswerRecordRow.__table__  # type: ignore[attr-defined]
_COLUMNS = [column for column in _TABLE.columns if column.name != "id"]


def create_table(connection: Connection) -> None:
    """The schema step that adds the table (with its indexes) to a store made before it, and
    has the database itself refuse to change a row: a record is evidence, and an UPDATE is
    no way to amend evidence, whoever sends it."""
    _TABLE.create(connection, checkfirst=True)
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(
                "CREATE TRIGGER IF NOT EXISTS answer_record_append_only BEFORE UPDATE ON "
                f"answer_record BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
        )
    elif connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "CREATE OR REPLACE FUNCTION answer_record_append_only() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
            )
        )
        # Not CREATE OR REPLACE TRIGGER, which PostgreSQL before 14 lacks.
        connection.execute(
            text("DROP TRIGGER IF EXISTS answer_record_append_only ON answer_record")
        )
        connection.execute(
            text(
                "CREATE TRIGGER answer_record_append_only BEFORE UPDATE ON answer_record "
                "FOR EACH ROW EXECUTE PROCEDURE answer_record_append_only()"
            )
        )


def insert_record(engine: Engine, values: dict[str, Any]) -> None:
    with engine.begin() as connection:
        connection.execute(insert(_TABLE), values)


def rows_between(
    engine: Engine, start: datetime | None, end: datetime | None, user: str | None
) -> Iterator[Row[Any]]:
    """Rows answered from `start` (inclusive) to `end` (exclusive), oldest first, by a Slack
    user or an OS user when `user` is given; streamed, STREAM_ROWS at a time."""
    query = select(*_COLUMNS).order_by(_TABLE.c.answered_at, _TABLE.c.id)
    if start is not None:
        query = query.where(_TABLE.c.answered_at >= start)
    if end is not None:
        query = query.where(_TABLE.c.answered_at < end)
    if user is not None:
        query = query.where(or_(_TABLE.c.user_id == user, _TABLE.c.os_user == user))
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=STREAM_ROWS).execute(query)
        yield from result


def latest_rows(engine: Engine, user_id: str, limit: int) -> list[Row[Any]]:
    """A Slack user's latest rows, newest first."""
    query = (
        select(*_COLUMNS)
        .where(_TABLE.c.user_id == user_id)
        .order_by(_TABLE.c.answered_at.desc(), _TABLE.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as connection:
        return list(connection.execute(query))


def delete_before(engine: Engine, cutoff: datetime) -> int:
    """Delete the rows answered before `cutoff`; how many went."""
    with engine.begin() as connection:
        result = connection.execute(delete(_TABLE).where(col(AnswerRecordRow.answered_at) < cutoff))
        return int(result.rowcount or 0)
