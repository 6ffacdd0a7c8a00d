"""`entitybot screen FILE`: every name of a CSV or text file screened, as CSV out.

Kept apart from cli.py, which holds the other commands; cli.py registers it and hands it
the parsed arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli_progress import rows_progress
from bot.screening import Screening
from bot.screening.batch import BatchRefused, decode, read_table, write_results
from bot.settings import Settings

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# The CLI reads the file whole; past this it is no list of names but a mistake.
MAX_FILE_BYTES = 200 * 1024 * 1024


def add_screen_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    screen = commands.add_parser(
        "screen",
        help="screen every name of a CSV or text file, writing each row with its result",
        description="Screen every name of a CSV (any common delimiter, UTF-8) or a text file "
        "of one name per line. Each row is written in order, with its own columns and status, "
        "matched_name, list, listing_date, reason, federal_register, score and why.",
    )
    screen.add_argument("file", metavar="FILE", help="the CSV or text file (- for stdin)")
    screen.add_argument(
        "--column", metavar="NAME", help="the column holding the names (default: by header)"
    )
    screen.add_argument("--out", metavar="OUT.csv", help="write the results here, not stdout")


def run_screen(settings: Settings, arguments: argparse.Namespace, stdout: TextIO) -> int:
    """Read and check the file first: a file that cannot be screened is one line and
    writes nothing."""
    try:
        data = _read(arguments.file)
        table = read_table(decode(data), column=arguments.column)
    except (OSError, BatchRefused) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"entitybot screen: {arguments.file}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    screening = Screening(settings)
    screening.warm()
    progress = rows_progress(sys.stderr)
    if arguments.out:
        try:
            with open(arguments.out, "w", encoding="utf-8", newline="") as out:
                summary = write_results(table, out, screening.lookup_many, progress)
        except OSError as exc:
            print(
                f"entitybot screen: cannot write {arguments.out}: {exc.strerror}", file=sys.stderr
            )
            return EXIT_FAILURE
        stdout.write(f"{summary.describe()}; results in {arguments.out}\n")
    else:
        summary = write_results(table, stdout, screening.lookup_many, progress)
        stdout.flush()
        print(summary.describe(), file=sys.stderr)
    return EXIT_OK


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    path = Path(name)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BatchRefused(f"the file is over {MAX_FILE_BYTES // 1024 // 1024} MB; split it")
    return path.read_bytes()
