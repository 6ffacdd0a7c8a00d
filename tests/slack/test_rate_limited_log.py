"""One warning line per reason per interval, and the next line says how many were left out."""

from __future__ import annotations

import logging

import pytest

from bot.slack.rate_limited_log import RateLimitedWarnings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "test.rate_limited"]


def test_a_reason_is_logged_once_per_interval_and_counts_what_it_left_out(clock, caplog):
    caplog.set_level(logging.WARNING)
    warnings = RateLimitedWarnings(logging.getLogger("test.rate_limited"), 60, clock)

    logged = [warnings.warn("refused a request", f"number {n}") for n in range(5)]
    clock.now += 59
    logged.append(warnings.warn("refused a request"))
    clock.now += 1
    logged.append(warnings.warn("refused a request", "number 6"))

    assert logged == [True, False, False, False, False, False, True]
    assert _lines(caplog) == [
        "refused a request: number 0",
        "refused a request: number 6 (and 5 more since the last such line)",
    ]


def test_each_reason_has_its_own_allowance(clock, caplog):
    caplog.set_level(logging.WARNING)
    warnings = RateLimitedWarnings(logging.getLogger("test.rate_limited"), 60, clock)

    for _ in range(3):
        warnings.warn("unsigned")
        warnings.warn("too big")

    assert _lines(caplog) == ["unsigned", "too big"]
