"""Progress bars of the CLI: drawn on a terminal only, nothing when output goes to a file or
a pipe (a script reading stderr wants the outcome, not carriage returns)."""

from __future__ import annotations

import time
from typing import TextIO

from bot.screening.batch import BatchProgress
from bot.sources import Progress


def download_progress(stream: TextIO) -> Progress | None:
    """A download progress bar on a terminal; nothing when output goes to a file or pipe."""
    if not stream.isatty():
        return None
    last = [-1]

    def draw(done: int, total: int | None) -> None:
        if total:
            percent = done * 100 // total
            if percent != last[0]:
                last[0] = percent
                filled = percent // 4
                stream.write(
                    f"\r[{'#' * filled}{'.' * (25 - filled)}] {percent:3d}% of {total / 1e6:.1f} MB"
                )
        else:
            stream.write(f"\r{done / 1e6:.1f} MB")
        if total and done >= total:
            stream.write("\n")
        stream.flush()

    return draw


def rows_progress(stream: TextIO) -> BatchProgress | None:
    """Rows screened of all, on a terminal; nothing when stderr goes to a file or pipe."""
    if not stream.isatty():
        return None
    started = time.monotonic()

    def draw(done: int, total: int) -> None:
        filled = done * 25 // max(total, 1)
        stream.write(
            f"\r[{'#' * filled}{'.' * (25 - filled)}] {done:,}/{total:,} rows "
            f"{time.monotonic() - started:.0f} s"
        )
        if done >= total:
            stream.write("\n")
        stream.flush()

    return draw
