"""A claim kept alive while its holder works: its lease is renewed every third of it.

The lease can then be short (a holder that dies, on any host, stops renewing and loses the
claim within one lease), and a slow refresh never outlives its own lease while it still runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bot.store import claims
from bot.store.database import describe

logger = logging.getLogger(__name__)


@contextmanager
def heartbeat(engine: Engine, held: claims.Held, lease: timedelta) -> Iterator[None]:
    """Renew `held` from a background thread for as long as the block runs."""
    stopped = threading.Event()
    beating = threading.Thread(
        target=_renew_until,
        args=(engine, held, lease, stopped),
        name=f"heartbeat {held.key}",
        daemon=True,
    )
    beating.start()
    try:
        yield
    finally:
        stopped.set()
        # A renewal under way waits at most for the database's own busy timeout.
        beating.join()


def _renew_until(
    engine: Engine, held: claims.Held, lease: timedelta, stopped: threading.Event
) -> None:
    interval = lease.total_seconds() / 3
    while not stopped.wait(interval):
        try:
            if not claims.renew(engine, held, lease):
                # Broken by hand (refresh --break-lock) or taken over: the holder finds out
                # when it checks the claim before committing its work.
                logger.warning("the %s lock held by %s was taken away", held.key, held.holder)
                return
        except DBAPIError as exc:
            # A write may wait behind the holder's own long transaction; the next beat tries
            # again, well inside the lease.
            logger.warning("could not renew the %s lock: %s", held.key, describe(exc))
