"""`entitybot refresh` in a process that kills itself with SIGKILL at one step of the load.

Test-only: run as `python -m tests.refresh_killed_at STEP ENTITYBOT-ARGS...`. It wraps a step
of bot.store.datasets in this process alone, so production code carries no fault point.

STEP is one of:
  before-history   the new version's entries are written, the history not yet brought up
  before-prune     the history is written, old versions not yet pruned
  before-commit    everything is written, the transaction not yet committed
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import bot.store.datasets as datasets
from bot.cli import main


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _killing(step: Callable[..., Any], *, after: bool) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        if not after:
            _die()
        result = step(*args, **kwargs)
        _die()
        return result

    return run


STEPS = {
    "before-history": lambda: setattr(
        datasets, "record_history", _killing(datasets.record_history, after=False)
    ),
    "before-prune": lambda: setattr(
        datasets, "prune_versions", _killing(datasets.prune_versions, after=False)
    ),
    "before-commit": lambda: setattr(
        datasets, "prune_versions", _killing(datasets.prune_versions, after=True)
    ),
}


if __name__ == "__main__":
    STEPS[sys.argv[1]]()
    sys.exit(main(sys.argv[2:]))
