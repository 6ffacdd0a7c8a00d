"""Claims: insert-if-absent rows that let exactly one process do a thing.

Slack delivers an event again when it thinks the first delivery failed, possibly to another
gunicorn worker; the refresh must run once at a time across workers. Both take a claim: a row
whose primary key is the thing claimed. The database's unique key decides who wins, on SQLite
and PostgreSQL alike; an expired claim is deleted before a new one is taken.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select
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


def _now() -> datetime:
    return datetime.now(UTC)


def claim(engine: Engine, keys: Sequence[str], ttl: timedelta, holder: str = "") -> Held | None:
    """Take every key in `keys`, or none of them: None when any is held and unexpired."""
    if not keys:
        raise ValueError("claim needs at least one key")
    now = _now()
    token = uuid.uuid4().hex
    rows = [
        {"key": key, "holder": holder, "token": token, "claimed_at": now, "expires_at": now + ttl}
        for key in keys
    ]
    try:
        with engine.begin() as connection:
            connection.execute(delete(Claim).where(col(Claim.expires_at) <= now))
            connection.execute(insert(Claim), rows)
    except IntegrityError:
        return None
    return Held(keys[0], holder, token, now)


def release(engine: Engine, held: Held) -> None:
    """Give a claim back early; only the one who took it can."""
    with engine.begin() as connection:
        connection.execute(
            delete(Claim).where(col(Claim.key) == held.key, col(Claim.token) == held.token)
        )


def current(engine: Engine, key: str) -> Held | None:
    """Who holds `key` now, if anyone."""
    with engine.connect() as connection:
        row = connection.execute(
            select(
                col(Claim.key), col(Claim.holder), col(Claim.token), col(Claim.claimed_at)
            ).where(col(Claim.key) == key, col(Claim.expires_at) > _now())
        ).first()
    return Held(row.key, row.holder, row.token, row.claimed_at) if row else None


def force_release(engine: Engine, key: str) -> None:
    """Remove `key` whoever holds it: for a lock decided elsewhere (PostgreSQL's)."""
    with engine.begin() as connection:
        connection.execute(delete(Claim).where(col(Claim.key) == key))
