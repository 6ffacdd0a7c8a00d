"""A refresh someone asked for, held from the moment it is accepted.

An admin's refresh runs in a child process, which takes the refresh lock only once it is up,
a second or more after the request was accepted; a second request meanwhile would find no
lock, be accepted too, and fail later. So an accepted request takes a claim at once, in the
store, where every worker and instance sharing the database sees it, until its refresh ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.screening.values import RefreshBusy
from bot.store import claims

KEY = "refresh-accepted"
# Long enough for the child process to start and take the refresh lock, which says who is
# refreshing from then on; a request whose process died holds nobody up for longer.
STARTING_FOR = timedelta(minutes=5)


@dataclass(frozen=True)
class AcceptedRefresh:
    """A refresh request that holds the one slot; `end` it when its refresh is over."""

    requested_by: str
    since: datetime
    token: str


def accept(engine: Engine, requested_by: str) -> AcceptedRefresh | RefreshBusy:
    """The slot for `requested_by`, or who holds it and since when."""
    for _ in range(2):
        held = claims.claim(engine, [KEY], STARTING_FOR, holder=requested_by)
        if held is not None:
            return AcceptedRefresh(requested_by, held.claimed_at, held.token)
        current = claims.current(engine, KEY)
        if current is not None:
            return RefreshBusy(current.holder, current.claimed_at)
        # Given back between the two reads: the slot is free again, so try once more.
    return RefreshBusy("", None)


def end(engine: Engine, accepted: AcceptedRefresh) -> None:
    """Give the slot back (only the request that took it can)."""
    claims.release(engine, claims.Held(KEY, accepted.requested_by, accepted.token, accepted.since))
