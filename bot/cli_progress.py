"""Progress bars of the CLI (tqdm): drawn on a terminal only, nothing when output goes to a
file or a pipe (a script reading stderr wants the outcome, not carriage returns)."""

from __future__ import annotations

from typing import Never, TextIO

from tqdm import tqdm

from bot.screening.batch import BatchProgress
from bot.sources import Progress


def download_progress(stream: TextIO) -> Progress | None:
    """Bytes downloaded of the whole (when the server says), on a terminal."""
    if not stream.isatty():
        return None
    bars: list[tqdm[Never]] = []

    def draw(done: int, total: int | None) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit="B", unit_scale=True, file=stream, desc="download"))
        bar = bars[0]
        bar.update(done - bar.n)
        if total and done >= total:
            bar.close()

    return draw


def rows_progress(stream: TextIO) -> BatchProgress | None:
    """Rows screened of all, on a terminal."""
    if not stream.isatty():
        return None
    bars: list[tqdm[Never]] = []

    def draw(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit=" rows", file=stream, desc="screening"))
        bar = bars[0]
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return draw
