"""Progress bars of the CLI (tqdm): drawn on a terminal only, nothing when output goes to a
file or a pipe (a script reading stderr wants the outcome, not carriage returns)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Never, TextIO

from tqdm import tqdm

from bot.screening.batch import BatchProgress
from bot.sources import Progress


def download_progress(stream: TextIO) -> Progress | None:
    """Bytes downloaded of the whole (when the server says), on a terminal."""
    return _bar(stream, "download", unit="B", unit_scale=True)


def rows_progress(stream: TextIO) -> BatchProgress | None:
    """Rows screened of all, on a terminal."""
    return _bar(stream, "screening", unit=" rows", unit_scale=False)


def _bar(
    stream: TextIO, desc: str, unit: str, unit_scale: bool
) -> Callable[[int, int | None], None] | None:
    """A callback drawing `done` of `total` as one bar, made on the first call (when the
    total is first known) and closed when done reaches it."""
    if not stream.isatty():
        return None
    bars: list[tqdm[Never]] = []

    def draw(done: int, total: int | None) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit=unit, unit_scale=unit_scale, file=stream, desc=desc))
        bar = bars[0]
        bar.update(done - bar.n)
        if total and done >= total:
            bar.close()

    return draw
