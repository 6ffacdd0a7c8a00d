"""Claims: insert-if-absent rows that let exactly one process do a thing.

Slack delivers an event again when it thinks the first delivery failed, possibly to another
gunicorn worker; the refresh must run once at a time across workers. Both take a claim: a row
whose primary key is the thing claimed. The database's unique key decides who wins, on SQLite
and PostgreSQL alike; an expired claim is deleted before a new one is taken. A claim held for
long (the refresh lock) is renewed by its holder while it works, and names the process
holding it, so that a holder that died can be told from one still at work.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from bot.store.models import Claim


@dataclass(frozen=True)
class Held:
    """A claim this process took; `token` releases it."""

    key: str
    holder: str
    token: str
    claimed_at: datetime
    host: str = ""
    pid: int = 0


def _now() -> datetime:
    return datetime.now(UTC)


def claim(
    engine: Engine,
    keys: Sequence[str],
    ttl: timedelta,
    holder: str = "",
    host: str = "",
    pid: int = 0,
) -> Held | None:
    """Take every key in `keys`, or none of them: None when any is held and unexpired."""
    if not keys:
        raise ValueError("claim needs at least one key")
    now = _now()
    token = uuid.uuid4().hex
    rows = [
        {
            "key": key,
            "holder": holder,
            "token": token,
            "claimed_at": now,
            "expires_at": now + ttl,
            "host": host,
            "pid": pid,
        }
        for key in keys
    ]
    try:
        with engine.begin() as connection:
            connection.execute(delete(Claim).where(col(Claim.expires_at) <= now))
            connection.execute(insert(Claim), rows)
    except IntegrityError:
        return None
    return Held(keys[0], holder, token, now, host, pid)


def release(engine: Engine, held: Held) -> bool:
    """Give a claim back early; only the one who took it can. False when it was gone."""
    with engine.begin() as connection:
        removed = connection.execute(
            delete(Claim).where(col(Claim.key) == held.key, col(Claim.token) == held.token)
        )
    return bool(removed.rowcount)


def renew(engine: Engine, held: Held, ttl: timedelta) -> bool:
    """Push the claim's expiry `ttl` past now; False when it is no longer this holder's."""
    with engine.begin() as connection:
        renewed = connection.execute(
            update(Claim)
            .where(col(Claim.key) == held.key, col(Claim.token) == held.token)
            .values(expires_at=_now() + ttl)
        )
    return bool(renewed.rowcount)


def still_held(connection: Connection, held: Held) -> bool:
    """Whether `held` is still its holder's, inside the caller's transaction. The row is
    locked until that transaction ends (PostgreSQL; a SQLite writer excludes every other),
    so nobody can take the claim between this check and the caller's commit. An expired
    claim nobody took is still held: only a claim taken over or removed is lost."""
    token = connection.execute(
        select(col(Claim.token)).where(col(Claim.key) == held.key).with_for_update()
    ).scalar()
    return token == held.token


_HELD_COLUMNS = (
    col(Claim.key),
    col(Claim.holder),
    col(Claim.token),
    col(Claim.claimed_at),
    col(Claim.host),
    col(Claim.pid),
)


def current(engine: Engine, key: str) -> Held | None:
    """Who holds `key` now, if anyone."""
    with engine.connect() as connection:
        row = connection.execute(
            select(*_HELD_COLUMNS).where(col(Claim.key) == key, col(Claim.expires_at) > _now())
        ).first()
    return Held(*row) if row else None


def force_release(engine: Engine, key: str) -> Held | None:
    """Remove `key` whoever holds it, and say who did (None when nobody, or only an expired
    claim, held it): for a lock decided elsewhere (PostgreSQL's), or broken by hand."""
    with engine.begin() as connection:
        row = connection.execute(
            select(*_HELD_COLUMNS, col(Claim.expires_at)).where(col(Claim.key) == key)
        ).first()
        connection.execute(delete(Claim).where(col(Claim.key) == key))
    if row is None or _aware(row.expires_at) <= _now():
        return None
    return Held(*row[:-1])


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; every time the store writes is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
