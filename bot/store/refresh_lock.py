"""One refresh at a time, across workers and instances, held in the database itself.

On PostgreSQL a session-level advisory lock: the server releases it if the holder dies.
On SQLite, which has no such thing, a claim row with a lease that expires. Either way a
claim row also says who holds the lock and since when, for people asking.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, text

from bot.store import claims

KEY = "refresh"
# Any fixed 64-bit number, the same for every process of this application.
ADVISORY_LOCK_ID = 0x656E_7469_7479  # "entity"


class RefreshInProgress(RuntimeError):
    """Another refresh holds the lock; the message says who and since when."""

    def __init__(self, holder: str, since: datetime | None) -> None:
        self.holder = holder
        self.since = since
        who = f" by {holder}" if holder else ""
        when = f" since {since:%Y-%m-%d %H:%M} UTC" if since else ""
        super().__init__(f"a refresh is already running{who}{when}; try again when it is done")

    def __reduce__(self) -> tuple[type[RefreshInProgress], tuple[str, datetime | None]]:
        # Raised in a child process (Screening.refresh_in_child), it must cross back.
        return (RefreshInProgress, (self.holder, self.since))


@dataclass(frozen=True)
class LockHolder:
    holder: str
    since: datetime | None


def holder_of(engine: Engine) -> LockHolder | None:
    held = claims.current(engine, KEY)
    return LockHolder(held.holder, held.claimed_at) if held else None


def _in_progress(engine: Engine) -> RefreshInProgress:
    """The error for a lock held elsewhere; the holder's claim row may be gone already."""
    current = holder_of(engine)
    if current is None:
        return RefreshInProgress("", None)
    return RefreshInProgress(current.holder, current.since)


@contextmanager
def refresh_lock(engine: Engine, holder: str, lease: timedelta) -> Iterator[None]:
    """Hold the refresh lock for the block, or raise RefreshInProgress at once."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID}
            ).scalar()
            connection.commit()
            if not got:
                raise _in_progress(engine)
            # The advisory lock decides; a stale claim row left by a dead holder must not.
            claims.force_release(engine, KEY)
            held = claims.claim(engine, [KEY], lease, holder=holder)
            try:
                yield
            finally:
                if held:
                    claims.release(engine, held)
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
                connection.commit()
        return
    held = claims.claim(engine, [KEY], lease, holder=holder)
    if held is None:
        raise _in_progress(engine)
    try:
        yield
    finally:
        claims.release(engine, held)
