"""One refresh at a time, across workers and instances, held in the database itself.

On PostgreSQL a session-level advisory lock: the server releases it if the holder dies. Its
id is derived from the database and schema, so that deployments, schemas and test runs
sharing a server each have their own. On SQLite, which has no such thing, a claim row with a
short lease that the holder renews while it works (bot.store.heartbeat) and that names the
holder's host and pid: a holder on this host that no longer runs is taken over at once, one
elsewhere when its lease runs out.

Either way a claim row says who holds the lock and since when, for people asking, and the
holder checks that it still holds the lock in the transaction that makes its work active
(HeldLock.verify): a lock broken by hand, or lost with its connection, cannot let an older
refresh overwrite a newer one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from bot.store import claims
from bot.store.database import describe
from bot.store.heartbeat import heartbeat
from bot.store.processes import ProcessId, running, this_process

logger = logging.getLogger(__name__)

KEY = "refresh"
# Short, because the holder renews it every third of it while it works: a holder that died
# where its process cannot be seen blocks refreshes this long at most.
LEASE = timedelta(minutes=2)


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


class RefreshLockLost(RuntimeError):
    """The refresh no longer held the lock when it came to make its data active."""

    def __init__(self) -> None:
        super().__init__(
            "this refresh lost the refresh lock before its data could become active (the "
            "lock was broken, or the database connection holding it closed)"
        )

    def __reduce__(self) -> tuple[type[RefreshLockLost], tuple[()]]:
        return (RefreshLockLost, ())


class LockHeldBySession(RuntimeError):
    """A live PostgreSQL session holds the lock: only its end releases it."""


@dataclass(frozen=True)
class LockHolder:
    holder: str
    since: datetime | None
    process: ProcessId | None = None


@dataclass(frozen=True)
class BrokenLock:
    """The lock `refresh --break-lock` removed, and whether its process still runs (None:
    this host cannot tell)."""

    holder: LockHolder
    still_running: bool | None


def _holder(held: claims.Held) -> LockHolder:
    process = ProcessId(held.host, held.pid) if held.pid else None
    return LockHolder(held.holder, held.claimed_at, process)


def holder_of(engine: Engine) -> LockHolder | None:
    held = claims.current(engine, KEY)
    return _holder(held) if held else None


def _in_progress(engine: Engine) -> RefreshInProgress:
    """The error for a lock held elsewhere; the holder's claim row may be gone already."""
    current = holder_of(engine)
    if current is None:
        return RefreshInProgress("", None)
    return RefreshInProgress(current.holder, current.since)


def advisory_lock_id(connection: Connection) -> int:
    """The PostgreSQL advisory-lock id of the store this connection uses: a stable hash of
    its database and schema, as a positive bigint."""
    database, schema = connection.execute(
        text("SELECT current_database(), coalesce(current_schema(), '')")
    ).one()
    digest = hashlib.blake2b(f"entitybot refresh|{database}|{schema}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1


@dataclass(frozen=True)
class _Advisory:
    """An advisory lock and the server process (backend) of the session holding it."""

    lock_id: int
    backend_pid: int

    def still_held(self, connection: Connection) -> bool:
        # A bigint key shows in pg_locks as its high half (classid) and low half (objid).
        return bool(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND pid = :backend AND classid::bigint = :high AND objid::bigint = :low"
                    " AND objsubid = 1 AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {
                    "backend": self.backend_pid,
                    "high": self.lock_id >> 32,
                    "low": self.lock_id & 0xFFFF_FFFF,
                },
            ).scalar()
        )


class HeldLock:
    """The refresh lock as its holder has it."""

    def __init__(self, claim: claims.Held, advisory: _Advisory | None) -> None:
        self._claim = claim
        self._advisory = advisory

    def verify(self, connection: Connection) -> None:
        """Raise RefreshLockLost unless the lock is still this holder's. Called inside the
        transaction that makes the refresh's data active, which it keeps others from taking
        the lock until it ends."""
        if not claims.still_held(connection, self._claim):
            raise RefreshLockLost()
        if self._advisory is not None and not self._advisory.still_held(connection):
            raise RefreshLockLost()


@contextmanager
def refresh_lock(engine: Engine, holder: str, lease: timedelta = LEASE) -> Iterator[HeldLock]:
    """Hold the refresh lock for the block, or raise RefreshInProgress at once."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, holder, lease) as held:
            yield held
        return
    claim = _take_claim(engine, holder, lease)
    try:
        with heartbeat(engine, claim, lease):
            yield HeldLock(claim, None)
    finally:
        _quietly("give the refresh lock back", lambda: claims.release(engine, claim))


def _take_claim(engine: Engine, holder: str, lease: timedelta) -> claims.Held:
    me = this_process()
    claim = claims.claim(engine, [KEY], lease, holder=holder, host=me.host, pid=me.pid)
    if claim is not None:
        return claim
    current = claims.current(engine, KEY)
    if current is not None and running(ProcessId(current.host, current.pid)) is False:
        logger.warning(
            "took over the refresh lock of %s (pid %d on %s), which no longer runs",
            current.holder,
            current.pid,
            current.host,
        )
        # By its token: a lock another process took over meanwhile stays theirs.
        claims.release(engine, current)
        claim = claims.claim(engine, [KEY], lease, holder=holder, host=me.host, pid=me.pid)
        if claim is not None:
            return claim
    raise _in_progress(engine)


@contextmanager
def _advisory_lock(engine: Engine, holder: str, lease: timedelta) -> Iterator[HeldLock]:
    with engine.connect() as connection:
        lock_id = advisory_lock_id(connection)
        got = connection.execute(text("SELECT pg_try_advisory_lock(:id)"), {"id": lock_id})
        taken = bool(got.scalar())
        backend_pid = int(connection.execute(text("SELECT pg_backend_pid()")).scalar() or 0)
        connection.commit()
        if not taken:
            raise _in_progress(engine)
        try:
            # The advisory lock decides; a stale claim row left by a dead holder must not.
            claims.force_release(engine, KEY)
            me = this_process()
            claim = claims.claim(engine, [KEY], lease, holder=holder, host=me.host, pid=me.pid)
            if claim is None:
                raise _in_progress(engine)
            try:
                with heartbeat(engine, claim, lease):
                    yield HeldLock(claim, _Advisory(lock_id, backend_pid))
            finally:
                _quietly("give the refresh lock back", lambda: claims.release(engine, claim))
        finally:
            _quietly("unlock the refresh lock", lambda: _unlock(connection, lock_id))


def _unlock(connection: Connection, lock_id: int) -> None:
    connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
    connection.commit()


def _quietly(what: str, step: Callable[[], object]) -> None:
    """A clean-up step that must not hide the error that ended the block: a lock the
    database could not take back is freed when its lease runs out or its session ends."""
    try:
        step()
    except DBAPIError as exc:
        logger.warning("could not %s: %s", what, describe(exc))


def break_lock(engine: Engine) -> BrokenLock | None:
    """Remove the refresh lock whoever holds it (`refresh --break-lock`), and say whose it
    was; None when nobody held it. A refresh still running then fails before its data
    becomes active (HeldLock.verify). On PostgreSQL a live session's lock cannot be broken,
    only ended with its process (LockHeldBySession); what is left to remove is a claim row
    its holder could not take back."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            lock_id = advisory_lock_id(connection)
            free = bool(
                connection.execute(
                    text("SELECT pg_try_advisory_lock(:id)"), {"id": lock_id}
                ).scalar()
            )
            connection.commit()
            if not free:
                current = holder_of(engine)
                who = f" by {current.holder}" if current and current.holder else ""
                raise LockHeldBySession(
                    f"a running refresh{who} holds the PostgreSQL lock; PostgreSQL releases "
                    "it when that process ends, so stop the process to end its refresh"
                )
            try:
                removed = claims.force_release(engine, KEY)
            finally:
                _unlock(connection, lock_id)
        return BrokenLock(_holder(removed), still_running=False) if removed else None
    removed = claims.force_release(engine, KEY)
    if removed is None:
        return None
    holder = _holder(removed)
    is_running = running(holder.process) if holder.process else None
    return BrokenLock(holder, still_running=is_running)
