"""What a refresh checks before its data becomes active: that it is not older than the data
answering now, and, in the very transaction that activates it, that it still holds the
refresh lock (so a refresh that lost the lock cannot overwrite a newer one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from bot.store.models import DatasetVersion
from bot.store.refresh_lock import HeldLock


class OlderThanActive(ValueError):
    """The new data is as of an earlier day than the data answering now."""

    def __init__(self, as_of: date, active_as_of: date) -> None:
        self.as_of = as_of
        self.active_as_of = active_as_of
        super().__init__(
            f"the new data is as of {as_of}, older than the data answering now (as of "
            f"{active_as_of}); if that is right, refresh again with --force"
        )

    def __reduce__(self) -> tuple[type[OlderThanActive], tuple[date, date]]:
        # Raised in a child process (Screening.refresh_in_child), it must cross back.
        return (OlderThanActive, (self.as_of, self.active_as_of))


def refuse_older(as_of: date, active_as_of: date | None, force: bool) -> None:
    """Raise OlderThanActive for data older than the active data's, unless `force`. The same
    day is not older: a list can change twice a day."""
    if not force and active_as_of is not None and as_of < active_as_of:
        raise OlderThanActive(as_of, active_as_of)


def activation_check(lock: HeldLock, as_of: date, force: bool) -> Callable[[Session], None]:
    """The check load_dataset runs in its transaction just before the new version becomes
    active; it raises (and the transaction rolls back) when the version must not."""

    def check(session: Session) -> None:
        lock.verify(session.connection())
        active_as_of = session.execute(
            select(col(DatasetVersion.as_of)).where(col(DatasetVersion.active))
        ).scalar()
        refuse_older(as_of, active_as_of, force)

    return check
