"""ENTITYBOT_REFRESH_EVERY: the web process refreshes the data by itself.

Every worker of every instance runs a schedule; the refresh itself takes the database lock,
and a schedule only refreshes when the active data is older than the interval, so however
many run, one refresh happens per interval. A refresh that changed something is announced
in ENTITYBOT_ANNOUNCE_CHANNEL when that is set; then the Federal Register is asked about
new cites. None of it delays an answer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.screening import RefreshOutcome, RefreshReport, Screening

logger = logging.getLogger(__name__)

SCHEDULE_HOLDER = "schedule"
# How often a schedule looks at the age of the data (at most; less for short intervals).
CHECK_SECONDS = 600.0

Announce = Callable[[RefreshReport], None]


class RefreshSchedule:
    def __init__(
        self,
        screening: Screening,
        interval_seconds: float,
        announce: Announce | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.screening = screening
        self.interval_seconds = interval_seconds
        self.announce = announce
        self.clock = clock

    def due(self) -> bool:
        """The shipped snapshot is always due; loaded data once it is an interval old."""
        active = self.screening.status()
        if active.is_bundled:
            return True
        return (self.clock() - active.loaded_at).total_seconds() >= self.interval_seconds

    def run_once(self) -> RefreshOutcome | None:
        """Refresh if due and nobody else is; None when there was nothing to do."""
        if not self.due() or self.screening.refresh_running():
            return None
        return self.screening.run_refresh(
            SCHEDULE_HOLDER,
            self._announce_changes,
            enrich=self.screening.settings.enrich_from_federal_register,
            # Checked again under the lock: another schedule may have refreshed meanwhile.
            unless_loaded_after=self.clock() - timedelta(seconds=self.interval_seconds),
        )

    def _announce_changes(self, outcome: RefreshOutcome) -> None:
        if not isinstance(outcome, RefreshReport):
            return
        logger.info(
            "scheduled refresh: %s entries as of %s; %s added, %s removed, %s changed",
            outcome.dataset.entry_count,
            outcome.dataset.as_of,
            outcome.changes.added,
            outcome.changes.removed,
            outcome.changes.changed,
        )
        if outcome.changes.any and self.announce:
            self.announce(outcome)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._loop, name="entitybot-schedule", daemon=True)
        thread.start()
        return thread

    def _loop(self) -> None:
        pause = min(CHECK_SECONDS, self.interval_seconds)
        while True:
            time.sleep(pause)
            try:
                self.run_once()
            except Exception:
                logger.exception("the refresh schedule failed; it will try again")
