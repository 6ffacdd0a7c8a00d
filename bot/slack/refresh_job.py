"""/entity-admin refresh: one refresh at a time, run in the background, reported when done."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.importers import CslFormatError
from bot.screening import RefreshNotDue, RefreshReport, Screening
from bot.sources import SourceError
from bot.store.models import DatasetVersion
from bot.store.refresh_lock import RefreshInProgress

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefreshBusy:
    holder: str
    since: datetime | None


@dataclass(frozen=True)
class RefreshFailure:
    reason: str
    # The data still answering; None only when the store has none at all.
    active: DatasetVersion | None


RefreshOutcome = RefreshReport | RefreshFailure


class RefreshRunner:
    """Runs refreshes in the background; the domain's lock keeps them one at a time."""

    def __init__(self, screening: Screening) -> None:
        self._screening = screening

    def busy(self) -> RefreshBusy | None:
        """Who is refreshing now, if anyone (in this process or any other)."""
        running = self._screening.refresh_running()
        return RefreshBusy(running.holder, running.since) if running else None

    def start(self, user_id: str, report: Callable[[RefreshOutcome], None]) -> threading.Thread:
        """Refresh from the configured source in a background thread, then `report`."""
        thread = threading.Thread(
            target=self._run, args=(user_id, report), name="entitybot-refresh", daemon=True
        )
        thread.start()
        return thread

    def _run(self, user_id: str, report: Callable[[RefreshOutcome], None]) -> None:
        outcome = self.refresh(user_id)
        if isinstance(outcome, RefreshReport):
            # The new data's index is built before the admin hears it is done, so what the
            # report announces is what the next lookup answers from.
            self._screening.warm()
        try:
            report(outcome)
        except Exception:
            logger.exception("could not report the refresh to %s", user_id)
        if (
            isinstance(outcome, RefreshReport)
            and self._screening.settings.enrich_from_federal_register
        ):
            # Then the Federal Register, about the cites the new data brought.
            logger.info("%s", self._screening.enrich().describe())

    def refresh(self, user_id: str, unless_loaded_after: datetime | None = None) -> RefreshOutcome:
        # No source argument: only the configured one (ENTITYBOT_CSL_URL) is ever fetched.
        try:
            outcome: RefreshOutcome = self._screening.refresh_in_child(
                loaded_by=user_id, unless_loaded_after=unless_loaded_after
            )
        # The domain refuses bad input, a busy lock or a shrinking list with an error saying
        # why (CslFormatError and RefreshRefused are ValueErrors); that is what to report.
        except (SourceError, CslFormatError, ValueError, RefreshInProgress, RefreshNotDue) as exc:
            logger.warning("refresh by %s failed: %s", user_id, exc)
            outcome = RefreshFailure(str(exc), self._active())
        except Exception:
            logger.exception("refresh by %s failed", user_id)
            outcome = RefreshFailure("an unexpected error; it was logged", self._active())
        else:
            logger.info("refresh by %s loaded %s", user_id, outcome.dataset.as_of)
        return outcome

    def _active(self) -> DatasetVersion | None:
        try:
            return self._screening.status()
        except Exception:
            logger.exception("cannot read the active dataset")
            return None
