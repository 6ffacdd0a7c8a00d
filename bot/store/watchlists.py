"""Channel watchlists: the names each channel watches, every change made to them (who,
when, what), and the alerts a refresh owes a channel until Slack has taken them.

An alert row is keyed by (dataset version, channel): the database's unique key is the claim
that makes one refresh alert a channel once, however many processes see the refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, Engine, Index, Text, UniqueConstraint, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, col

PENDING, SENT, REPORTED = "pending", "sent", "reported"


class WatchedName(SQLModel, table=True):
    __tablename__ = "watched_name"
    # One name once per channel, as folded by the domain ("zephyr optics" = "Zephyr  Optics").
    __table_args__ = (UniqueConstraint("channel_id", "folded", name="uq_watched_name_folded"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(index=True)
    name: str = Field(sa_type=Text)
    folded: str = Field(sa_type=Text)
    added_by: str
    added_at: datetime


class WatchChange(SQLModel, table=True):
    """Every edit of a watchlist, kept: who, when, what."""

    __tablename__ = "watch_change"
    __table_args__ = (Index("ix_watch_change_channel_at", "channel_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    changed_at: datetime
    channel_id: str
    changed_by: str
    action: str
    name: str = Field(sa_type=Text)


class WatchAlert(SQLModel, table=True):
    """One refresh's message to one channel, until sent (or reported to the admins)."""

    __tablename__ = "watch_alert"
    __table_args__ = (
        UniqueConstraint("dataset_version_id", "channel_id", name="uq_watch_alert_refresh"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dataset_version_id: int
    channel_id: str
    created_at: datetime
    # [{watched, name, list_code, list_name, cites, happened}, ...]
    hits: list[dict[str, object]] = Field(default_factory=list, sa_type=JSON)
    state: str = Field(default=PENDING, index=True)
    attempts: int = 0
    # A sender holds an alert until then; another process takes it only after.
    leased_until: datetime | None = None
    last_error: str = Field(default="", sa_type=Text)


_TABLES = [WatchedName, WatchChange, WatchAlert]


def create_tables(connection: Connection) -> None:
    """The schema step that adds the watchlist tables to a store made before them."""
    for table in _TABLES:
        table.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Watched:
    channel_id: str
    name: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class StoredAlert:
    id: int
    dataset_version_id: int
    channel_id: str
    hits: list[dict[str, object]]
    attempts: int


def add(engine: Engine, channel: str, name: str, folded: str, by: str) -> bool:
    """Watch `name` in `channel`; False when the channel already watches it."""
    now = _now()
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(WatchedName).values(
                    channel_id=channel, name=name, folded=folded, added_by=by, added_at=now
                )
            )
            _log(connection, now, channel, by, "add", name)
    except IntegrityError:
        return False
    return True


def remove(engine: Engine, channel: str, folded: str, by: str) -> str | None:
    """Stop watching; the name as it was added, or None when it was not watched."""
    with engine.begin() as connection:
        found = connection.execute(
            select(WatchedName.name).where(  # type: ignore[call-overload]
                col(WatchedName.channel_id) == channel, col(WatchedName.folded) == folded
            )
        ).scalar()
        if found is None:
            return None
        connection.execute(
            delete(WatchedName).where(
                col(WatchedName.channel_id) == channel, col(WatchedName.folded) == folded
            )
        )
        _log(connection, _now(), channel, by, "remove", str(found))
        return str(found)


def _log(
    connection: Connection, at: datetime, channel: str, by: str, action: str, name: str
) -> None:
    connection.execute(
        insert(WatchChange).values(
            changed_at=at, channel_id=channel, changed_by=by, action=action, name=name
        )
    )


def watched(engine: Engine, channel: str | None = None) -> list[Watched]:
    """The names one channel watches (every channel's, for None), oldest first."""
    query = select(
        col(WatchedName.channel_id),
        col(WatchedName.name),
        col(WatchedName.added_by),
        col(WatchedName.added_at),
    ).order_by(col(WatchedName.id))
    if channel is not None:
        query = query.where(col(WatchedName.channel_id) == channel)
    with engine.connect() as connection:
        return [Watched(*row) for row in connection.execute(query)]


def changes(engine: Engine, channel: str) -> list[tuple[datetime, str, str, str]]:
    """(when, who, action, name) for every edit of a channel's watchlist, oldest first."""
    query = (
        select(
            col(WatchChange.changed_at),
            col(WatchChange.changed_by),
            col(WatchChange.action),
            col(WatchChange.name),
        )
        .where(col(WatchChange.channel_id) == channel)
        .order_by(col(WatchChange.id))
    )
    with engine.connect() as connection:
        return [(row[0], row[1], row[2], row[3]) for row in connection.execute(query)]


def queue_alert(
    engine: Engine, version_id: int, channel: str, hits: list[dict[str, object]]
) -> bool:
    """Owe `channel` this refresh's alert; False when some process already queued it."""
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(WatchAlert).values(
                    dataset_version_id=version_id,
                    channel_id=channel,
                    created_at=_now(),
                    hits=hits,
                    state=PENDING,
                    attempts=0,
                    last_error="",
                )
            )
    except IntegrityError:
        return False
    return True


def take_pending(engine: Engine, lease: timedelta) -> list[StoredAlert]:
    """Alerts still owed whose lease is free, each leased to this caller: a row is taken by
    the process whose UPDATE changed it, so two senders never send one alert."""
    now = _now()
    taken: list[StoredAlert] = []
    with engine.connect() as connection:
        rows = list(
            connection.execute(
                select(WatchAlert).where(col(WatchAlert.state) == PENDING)
            ).mappings()
        )
    for row in rows:
        leased = row["leased_until"]
        if leased is not None and leased.replace(tzinfo=leased.tzinfo or UTC) > now:
            continue
        with engine.begin() as connection:
            won = connection.execute(
                update(WatchAlert)
                .where(
                    col(WatchAlert.id) == row["id"],
                    col(WatchAlert.state) == PENDING,
                    col(WatchAlert.attempts) == row["attempts"],
                )
                .values(leased_until=now + lease, attempts=row["attempts"] + 1)
            ).rowcount
        if won:
            taken.append(
                StoredAlert(
                    row["id"],
                    row["dataset_version_id"],
                    row["channel_id"],
                    list(row["hits"]),
                    row["attempts"] + 1,
                )
            )
    return taken


def settle(engine: Engine, alert_id: int, state: str, error: str = "") -> None:
    """Mark an alert sent or reported; PENDING with an error frees it for a retry."""
    with engine.begin() as connection:
        connection.execute(
            update(WatchAlert)
            .where(col(WatchAlert.id) == alert_id)
            .values(state=state, last_error=error[:500], leased_until=None)
        )
