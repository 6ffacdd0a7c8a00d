"""/entity-admin refresh: one refresh at a time, run in the background, reported when done."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.importers import CslFormatError
from bot.screening import RefreshReport, Screening
from bot.sources import SourceError
from bot.store import claims
from bot.store.models import DatasetVersion

logger = logging.getLogger(__name__)

REFRESH_KEY = "refresh"
# A refresh whose process died gives its claim up after this long past the download timeout.
LEASE_MARGIN = timedelta(minutes=15)


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
    def __init__(self, screening: Screening) -> None:
        self._screening = screening
        self._lease = timedelta(seconds=screening.settings.download_timeout_seconds) + LEASE_MARGIN

    def claim(self, user_id: str) -> claims.Held | RefreshBusy:
        """The right to refresh, or who has it now."""
        held = claims.claim(self._screening.engine, [REFRESH_KEY], self._lease, holder=user_id)
        if held is not None:
            return held
        current = claims.current(self._screening.engine, REFRESH_KEY)
        return RefreshBusy(current.holder, current.claimed_at) if current else RefreshBusy("", None)

    def running(self) -> claims.Held | None:
        return claims.current(self._screening.engine, REFRESH_KEY)

    def start(self, held: claims.Held, report: Callable[[RefreshOutcome], None]) -> None:
        """Refresh from the configured source in a background thread, then `report`."""
        thread = threading.Thread(
            target=self._run, args=(held, report), name="entitybot-refresh", daemon=True
        )
        thread.start()

    def _run(self, held: claims.Held, report: Callable[[RefreshOutcome], None]) -> None:
        try:
            outcome = self._refresh(held.holder)
        finally:
            claims.release(self._screening.engine, held)
        try:
            report(outcome)
        except Exception:
            logger.exception("could not report the refresh to %s", held.holder)
        if isinstance(outcome, RefreshReport):
            # Build the new index now, so the next lookup does not pay for it.
            self._screening.warm()

    def _refresh(self, user_id: str) -> RefreshOutcome:
        # No source argument: only the configured one (ENTITYBOT_CSL_URL) is ever fetched.
        try:
            outcome: RefreshOutcome = self._screening.refresh(loaded_by=user_id)
        # The domain refuses bad input with a ValueError saying why (CslFormatError among
        # them); that reason is what the admin needs to read.
        except (SourceError, CslFormatError, ValueError) as exc:
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
