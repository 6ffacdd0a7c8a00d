"""Waits with an end: every wait in the tests fails with a message after a bounded time,
so a broken test fails in CI instead of hanging it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Long enough for a slow, shared CI machine; a passing test never waits this long.
TIMEOUT = 10.0


def wait_until(
    condition: Callable[[], T], message: str, timeout: float = TIMEOUT, interval: float = 0.01
) -> T:
    """Ask `condition` until it gives something true, and return that; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"waited {timeout:g} s for {message}, in vain")
        time.sleep(interval)


def stays_true(
    condition: Callable[[], object], seconds: float, message: str, interval: float = 0.01
) -> None:
    """For what must NOT happen, where there is no event to wait for: watch `condition` for
    `seconds` and fail as soon as it stops holding."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert condition(), message
        time.sleep(interval)
    assert condition(), message


def join_all(threads: list[threading.Thread], message: str, timeout: float = TIMEOUT) -> None:
    """Join every thread, all within `timeout` in total; fail naming the ones still running."""
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    running = [thread.name for thread in threads if thread.is_alive()]
    assert not running, f"waited {timeout:g} s for {message}, in vain (still running: {running})"
