"""Claims in the store (event de-duplication, the refresh lease): one winner per key
across threads and processes, on both databases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from bot.screening.answered_once import first_delivery
from bot.store import claims
from bot.store.database import SCHEMA_VERSION, open_database


@pytest.fixture
def engine(database_url):
    engine = open_database(database_url)
    yield engine
    engine.dispose()


def test_an_event_is_let_through_once_however_many_deliveries_race(engine):
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: first_delivery(engine, "Ev1", "C1", "1.1"), range(16)))

    assert results.count(True) == 1


def test_the_same_message_as_a_second_event_is_not_answered_again(engine):
    assert first_delivery(engine, "Ev1", "C1", "1.1")
    assert not first_delivery(engine, "Ev2", "C1", "1.1")
    assert first_delivery(engine, "Ev3", "C1", "1.2")


def test_a_claim_is_exclusive_until_released_or_expired(engine):
    held = claims.claim(engine, ["refresh"], timedelta(minutes=5), holder="U0ADMIN")
    assert held is not None
    assert claims.claim(engine, ["refresh"], timedelta(minutes=5), holder="U0OTHER") is None
    assert claims.current(engine, "refresh").holder == "U0ADMIN"

    claims.release(engine, held)
    assert claims.current(engine, "refresh") is None

    stale = claims.claim(engine, ["refresh"], timedelta(seconds=-1), holder="U0GONE")
    assert stale is not None
    assert claims.current(engine, "refresh") is None
    assert claims.claim(engine, ["refresh"], timedelta(minutes=5), holder="U0NEW") is not None


def test_only_the_holder_can_release(engine):
    held = claims.claim(engine, ["refresh"], timedelta(minutes=5), holder="U0ADMIN")
    claims.release(
        engine, claims.Held("refresh", "U0ADMIN", "someone-elses-token", held.claimed_at)
    )
    assert claims.current(engine, "refresh") is not None


def test_a_store_made_before_claims_gets_the_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = open_database(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE claim"))
        connection.execute(text("UPDATE schema_version SET version = 1"))
    engine.dispose()

    engine = open_database(url)

    assert inspect(engine).has_table("claim")
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version FROM schema_version")).scalar()
    assert version == SCHEMA_VERSION
    assert first_delivery(engine, "Ev1", "C1", "1.1")
