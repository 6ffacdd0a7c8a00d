"""`entitybot refresh --break-lock`: remove the refresh lock and say whose it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from bot.store.refresh_lock import LockHeldBySession, break_lock


@dataclass(frozen=True)
class LockBreak:
    """What breaking the refresh lock found and did."""

    found: bool  # whether anyone held the lock
    holder: str = ""
    since: datetime | None = None
    process: str = ""  # "pid 4242 on host-a"; empty when the lock did not say
    # Whether that process still runs; None when this host cannot tell.
    still_running: bool | None = None
    # Why the lock was left in place (PostgreSQL's lock ends only with its session).
    refused: str = ""

    def describe(self) -> str:
        if self.refused:
            return f"the refresh lock was not broken: {self.refused}."
        if not self.found:
            return "there was no refresh lock to break; nothing was changed."
        who = self.holder or "an unnamed holder"
        where = f" ({self.process})" if self.process else ""
        when = f" since {self.since:%Y-%m-%d %H:%M} UTC" if self.since else ""
        said = f"broke the refresh lock held by {who}{where}{when}"
        if self.still_running is False:
            return f"{said}; that process no longer runs."
        if self.still_running:
            return (
                f"{said}; that process still runs: its refresh will fail without changing the data."
            )
        return (
            f"{said}; this host cannot tell whether that process still runs (if it does, "
            "its refresh will fail without changing the data)."
        )


def break_refresh_lock(engine: Engine) -> LockBreak:
    try:
        broken = break_lock(engine)
    except LockHeldBySession as exc:
        return LockBreak(found=True, refused=str(exc))
    if broken is None:
        return LockBreak(found=False)
    holder = broken.holder
    return LockBreak(
        found=True,
        holder=holder.holder,
        since=holder.since,
        process=str(holder.process) if holder.process else "",
        still_running=broken.still_running,
    )
