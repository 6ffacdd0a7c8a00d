"""Warnings that a flood cannot turn into a flood of log lines.

Anyone can send the web process requests; each refusal is worth a line in the log, but a
thousand refusals a second must not grow the log by a thousand lines a second.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# One line per reason a minute says that something is happening, and how much of it.
DEFAULT_INTERVAL_SECONDS = 60.0


@dataclass
class _Reason:
    last_logged: float
    suppressed: int = 0


class RateLimitedWarnings:
    """At most one WARNING line per reason per `interval` seconds; the next line that is
    written says how many were left out since the previous one."""

    def __init__(
        self,
        logger: logging.Logger,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger = logger
        self._interval = interval
        self._clock = clock
        self._reasons: dict[str, _Reason] = {}
        self._lock = threading.Lock()

    def warn(self, reason: str, detail: str = "") -> bool:
        """Log `reason` (and `detail`, which does not count as another reason) unless this
        reason was logged less than `interval` seconds ago; True when it was logged."""
        now = self._clock()
        with self._lock:
            seen = self._reasons.get(reason)
            if seen is not None and now - seen.last_logged < self._interval:
                seen.suppressed += 1
                return False
            suppressed = seen.suppressed if seen else 0
            self._reasons[reason] = _Reason(last_logged=now)
        line = f"{reason}: {detail}" if detail else reason
        if suppressed:
            line += f" (and {suppressed} more since the last such line)"
        self._logger.warning("%s", line)
        return True
