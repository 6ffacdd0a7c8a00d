"""`entitybot audit`: the recorded answers, one row per answered party, to standard output.

Kept apart from cli.py, which holds the other commands; cli.py registers it and hands it
the parsed arguments.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TextIO

from bot.screening import Screening
from bot.screening.audit_export import FORMATS, ExportFormat, export_between
from bot.settings import Settings

EXIT_OK, EXIT_USAGE = 0, 2


def add_audit_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser(
        "audit",
        help="print the recorded answers (the audit trail) as CSV or JSON lines",
        description="Print every recorded answer between two days (UTC, both included), "
        "oldest first: one row per party an answer named, and one row for an answer that "
        "named none.",
    )
    # Dates and the format are checked by the command, not argparse, so that a mistake is
    # told in one line rather than a usage screen.
    audit.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (default: the first)")
    audit.add_argument("--until", metavar="YYYY-MM-DD", help="to this day (default: today)")
    audit.add_argument("--user", metavar="ID", help="only the answers given to this user")
    audit.add_argument(
        "--format", default="csv", metavar="csv|jsonl", help="csv (default) or jsonl"
    )


def run_audit(settings: Settings, arguments: argparse.Namespace, stdout: TextIO) -> int:
    """Check what was typed first: a mistake is one line on stderr and reads nothing."""
    try:
        since = _day("--since", arguments.since)
        until = _day("--until", arguments.until)
        export_format = _format(arguments.format)
    except ValueError as exc:
        print(f"entitybot audit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if since and until and since > until:
        print(
            f"entitybot audit: --since {since} is after --until {until}; nothing to print",
            file=sys.stderr,
        )
        return EXIT_USAGE
    user = (arguments.user or "").strip() or None
    records = Screening(settings).records
    export_between(records, stdout, export_format, since=since, until=until, user_id=user)
    return EXIT_OK


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{option} {value[:40]!r} is not a date like 2026-07-31") from None


def _format(value: str) -> ExportFormat:
    wanted = value.strip().lower()
    for known in FORMATS:
        if wanted == known:
            return known
    raise ValueError(f"--format {value[:40]!r} is not one of {', '.join(FORMATS)}")
