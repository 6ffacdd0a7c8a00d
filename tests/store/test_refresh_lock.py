"""The refresh lock on SQLite and PostgreSQL: a lease kept alive while its holder works, a
holder killed with SIGKILL taken over at once, breaking the lock by hand, one lock per
PostgreSQL schema, and a holder that checks it still holds the lock before activating."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
import sqlalchemy

from bot.store import open_database
from bot.store.refresh_lock import (
    RefreshInProgress,
    RefreshLockLost,
    advisory_lock_id,
    break_lock,
    holder_of,
    refresh_lock,
)
from tests.conftest import REPO
from tests.waiting import TIMEOUT, stays_true, wait_until

HOLD_THE_LOCK = textwrap.dedent(
    """
    import sys, time
    from bot.store import open_database
    from bot.store.refresh_lock import refresh_lock

    with refresh_lock(open_database(sys.argv[1]), "U1"):
        print("held", flush=True)
        time.sleep(60)
    """
)


def refused(engine: sqlalchemy.Engine, holder: str = "U2") -> bool:
    try:
        with refresh_lock(engine, holder):
            return False
    except RefreshInProgress:
        return True


def test_a_short_lease_is_renewed_while_its_holder_works(database_url):
    engine, other = open_database(database_url), open_database(database_url)
    with refresh_lock(engine, "U1", lease=timedelta(seconds=0.6)):
        # Three leases long: without renewal the claim would lapse and the lock be taken.
        stays_true(
            lambda: refused(other) and holder_of(other) is not None,
            1.8,
            "a lease its holder renews to stay held",
            interval=0.1,
        )
    assert not refused(other)


def test_a_holder_killed_with_sigkill_is_taken_over_at_once(database_url):
    engine = open_database(database_url)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, database_url],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "held\n"
        holder = holder_of(engine)
        assert holder is not None and holder.holder == "U1"
        assert holder.process is not None and holder.process.pid == child.pid
        assert refused(engine)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=TIMEOUT)
    # Not once the two-minute lease has run out: at once, since its process is gone (on
    # PostgreSQL, as soon as the server sees its session end).
    wait_until(lambda: not refused(engine), "the dead holder's lock to be taken", timeout=2)
    with refresh_lock(engine, "U2"):
        assert holder_of(engine).holder == "U2"


def test_breaking_the_lock_says_whose_it_was_and_the_holder_cannot_activate(sqlite_url):
    engine = open_database(sqlite_url)
    assert break_lock(engine) is None
    with refresh_lock(engine, "U1") as held:
        broken = break_lock(engine)
        assert broken is not None and broken.holder.holder == "U1"
        assert broken.still_running is True  # this very process
        assert not refused(engine, "U2")  # the lock is free for the next refresh
        with engine.begin() as connection, pytest.raises(RefreshLockLost):
            held.verify(connection)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_postgresql_lock_held_by_a_live_session_is_not_broken(database_url):
    from bot.store.refresh_lock import LockHeldBySession

    engine = open_database(database_url)
    with refresh_lock(engine, "U1") as held:
        with pytest.raises(LockHeldBySession, match="by U1"):
            break_lock(engine)
        with engine.begin() as connection:
            held.verify(connection)


def test_each_postgresql_schema_has_its_own_refresh_lock(postgres_schemas):
    first, second = postgres_schemas(), postgres_schemas()
    one, two, one_again = open_database(first), open_database(second), open_database(first)
    with one.connect() as a, two.connect() as b:
        assert advisory_lock_id(a) != advisory_lock_id(b)
    with refresh_lock(one, "deployment-one"), refresh_lock(two, "deployment-two"):
        assert holder_of(two).holder == "deployment-two"
        with (
            pytest.raises(RefreshInProgress, match="by deployment-one"),
            refresh_lock(one_again, "someone-else"),
        ):
            pass


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_holder_whose_postgresql_session_ended_cannot_activate(database_url):
    engine = open_database(database_url)
    admin = sqlalchemy.create_engine(database_url)
    with admin.connect() as connection:
        lock_id = advisory_lock_id(connection)
    holding_the_lock = (
        "FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = :high"
        " AND objid::bigint = :low"
    )
    the_lock = {"high": lock_id >> 32, "low": lock_id & 0xFFFF_FFFF}

    def sessions_holding_it() -> int:
        with admin.connect() as connection:
            query = sqlalchemy.text(f"SELECT count(*) {holding_the_lock}")
            return int(connection.execute(query, the_lock).scalar() or 0)

    with refresh_lock(engine, "U1") as held:
        with admin.begin() as connection:
            query = sqlalchemy.text(f"SELECT pg_terminate_backend(pid) {holding_the_lock}")
            assert connection.execute(query, the_lock).all() == [(True,)]
        wait_until(lambda: sessions_holding_it() == 0, "the server to end the session")
        # Its claim row is still there: only the advisory lock says it was lost.
        assert holder_of(engine).holder == "U1"
        with engine.begin() as connection, pytest.raises(RefreshLockLost):
            held.verify(connection)
    admin.dispose()
