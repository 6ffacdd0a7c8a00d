"""`entitybot`: the same answers as the Slack bot, from a terminal or a script.

Exit codes: 0 answered (match or not), 2 usage error, 1 failure, 141 the reader of the output
stopped early (`entitybot lookup ... | head`), as a shell reports a command ended by SIGPIPE.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.answers import display
from bot.answers.json_contract import answer_json, data_json, refusal_json, scan_json
from bot.answers.text import render_scan_text, render_text
from bot.answers.typed_dates import FORMS, DateError, parse_day
from bot.cli_audit import add_audit_parser, run_audit
from bot.cli_progress import download_progress
from bot.cli_record import RecordNotWritten, add_record_option, record_answer, record_scan
from bot.cli_screen import add_screen_parser, run_screen
from bot.cli_watch import add_watch_parser, run_watch
from bot.screening import (
    QueryError,
    RefreshFailure,
    RefreshOutcome,
    RefreshReport,
    Screening,
    StoreUnavailable,
)
from bot.settings import Settings, SettingsError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE
MAX_LIMIT = 50
# A contract or a long e-mail thread; a whole book is better split.
MAX_SCAN_CHARACTERS = 1_000_000


def _whole_number(most: int | None) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 up to `most` (no cap when None)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if most is not None and not 1 <= number <= most:
            raise argparse.ArgumentTypeError(f"--limit must be between 1 and {most}")
        if number < 1:
            raise argparse.ArgumentTypeError("--limit must be 1 or more")
        return number

    return parse


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-07-31") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entitybot",
        description="Is a company on a US sanctions or export-control list, and why?",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lookup = commands.add_parser(
        "lookup",
        help="look a name up",
        description="Look a company or person up on the US screening lists. "
        "Give - to read one query per line from standard input.",
    )
    lookup.add_argument("query", nargs="*", metavar="QUERY", help="the name, or - for stdin")
    add_record_option(lookup)
    lookup.add_argument("--json", action="store_true", help="one JSON object per query")
    lookup.add_argument(
        "--limit", type=_whole_number(MAX_LIMIT), default=5, help="most results per query (5)"
    )
    lookup.add_argument("--on", metavar="DATE", help=f"answer for a past day: {FORMS}")
    refresh = commands.add_parser("refresh", help="load a new CSL file or URL")
    refresh.add_argument(
        "--source", help="path or URL (default: ENTITYBOT_CSL_URL or the trade.gov CSV)"
    )
    refresh.add_argument(
        "--force",
        action="store_true",
        help="load even when a list would lose more than ENTITYBOT_MAX_SHRINK of its entries",
    )
    refresh.add_argument(
        "--as-of",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date the data is as of, for a file that does not say (the CSV): by default "
        "the JSON's own date, else when the source last changed",
    )
    refresh.add_argument(
        "--break-lock",
        action="store_true",
        help="load nothing: remove the refresh lock (one a killed refresh left) and say whose "
        "it was",
    )
    enrich = commands.add_parser(
        "enrich",
        help="ask the Federal Register API about cites no stored notice covers",
        description="For each Federal Register cite in the data that no stored notice "
        "covers, find its document, store it, and take from its text what it says of each "
        "party (ENTITYBOT_FR_API_URL). Resumable: cites already asked about are skipped.",
    )
    enrich.add_argument(
        "--limit", type=_whole_number(None), help="ask about at most this many cites"
    )
    scan = commands.add_parser(
        "scan",
        help="find every listed party a text names (an e-mail, an invoice, a contract)",
        description="Read a text and report every part of it that names a party on the US "
        "screening lists, where it stands and why, and the names it read that are on no list.",
    )
    scan.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="the text (default: standard input)"
    )
    scan.add_argument("--json", action="store_true", help="the spans as one JSON object")
    add_record_option(scan)
    add_audit_parser(commands)
    add_screen_parser(commands)
    add_watch_parser(commands)
    status = commands.add_parser("status", help="the active dataset and its counts")
    status.add_argument("--json", action="store_true", help="as JSON")
    commands.add_parser(
        "serve",
        help="run the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdout = stdout or sys.stdout
    try:
        code = _command(argv, stdin or sys.stdin, stdout)
        stdout.flush()
    except BrokenPipeError:
        # Whoever read the output stopped early (`| head`): not an error worth a traceback.
        # As Python's documentation advises, stdout goes to devnull so that the interpreter's
        # last flush, at exit, does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


def _command(argv: Sequence[str] | None, stdin: TextIO, stdout: TextIO) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if arguments.command == "lookup":
            if not arguments.query or not " ".join(arguments.query).strip():
                print(
                    'entitybot lookup: give a name to look up, e.g. entitybot lookup "Qihoo 360"',
                    file=sys.stderr,
                )
                return EXIT_USAGE
            arguments.on = parse_day(arguments.on) if arguments.on else None
            _quiet_logging()
            screening = Screening(settings)
            if arguments.query == ["-"]:
                return _lookup_lines(screening, arguments, stdin, stdout)
            return _lookup_one(screening, " ".join(arguments.query), arguments, stdout)
        if arguments.command == "serve":
            # Imported here: lookups from a terminal need not load Slack's libraries.
            from bot.slack.serve import serve

            return serve(settings)
        if arguments.command == "audit":
            return run_audit(settings, arguments, stdout)
        if arguments.command == "screen":
            return run_screen(settings, arguments, stdout)
        if arguments.command == "watch":
            return run_watch(settings, arguments, stdout)
        _quiet_logging()
        screening = Screening(settings)
        if arguments.command == "scan":
            return _scan(screening, arguments, stdin, stdout)
        if arguments.command == "refresh":
            return _refresh(screening, arguments, stdout)
        if arguments.command == "enrich":
            report = screening.enrich(limit=arguments.limit)
            stdout.write(report.describe() + "\n")
            return EXIT_FAILURE if report.stopped else EXIT_OK
        return _status(screening, arguments.json, stdout)
    except DateError as exc:
        print(f"entitybot lookup: --on {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (SettingsError, StoreUnavailable, RecordNotWritten) as exc:
        print(f"entitybot: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _quiet_logging() -> None:
    """A terminal hears outcomes from the command itself; the log says only what went
    wrong unexpectedly (a refusal is already the command's own message)."""
    logging.basicConfig(level=logging.ERROR, format="entitybot: %(message)s")


def _scan(
    screening: Screening, arguments: argparse.Namespace, stdin: TextIO, stdout: TextIO
) -> int:
    try:
        if arguments.file == "-":
            text = stdin.read()
        else:
            text = Path(arguments.file).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"entitybot scan: cannot read {arguments.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    if len(text) > MAX_SCAN_CHARACTERS:
        print(
            f"entitybot scan: the text is {len(text):,} characters; at most "
            f"{MAX_SCAN_CHARACTERS:,} are read at once, so split it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    scan = screening.scan(text)
    record_scan(screening, arguments, text, scan)
    if arguments.json:
        stdout.write(json.dumps(scan_json(scan), ensure_ascii=False) + "\n")
    else:
        stdout.write(render_scan_text(scan) + "\n")
    return EXIT_OK


def _lookup_one(
    screening: Screening, query: str, arguments: argparse.Namespace, stdout: TextIO
) -> int:
    try:
        answer = screening.lookup(query, limit=arguments.limit, on=arguments.on)
    except QueryError as exc:
        print(f"entitybot lookup: {exc}", file=sys.stderr)
        return EXIT_USAGE
    record_answer(screening, arguments, query, answer)
    if arguments.json:
        stdout.write(json.dumps(answer_json(answer), ensure_ascii=False) + "\n")
    else:
        stdout.write(render_text(answer) + "\n")
    return EXIT_OK


def _lookup_lines(
    screening: Screening, arguments: argparse.Namespace, stdin: TextIO, stdout: TextIO
) -> int:
    """One answer per input line, in order; the index is built once for all of them."""
    screening.warm()
    for line in stdin:
        query = line.rstrip("\r\n")
        try:
            answer = screening.lookup(query, limit=arguments.limit, on=arguments.on)
        except QueryError as exc:
            if arguments.json:
                refused = refusal_json(query[:200], str(exc), screening.data())
                stdout.write(json.dumps(refused) + "\n")
            else:
                stdout.write(f"REFUSED: {exc}\n\n")
            stdout.flush()
            continue
        record_answer(screening, arguments, query, answer)
        if arguments.json:
            stdout.write(json.dumps(answer_json(answer), ensure_ascii=False) + "\n")
        else:
            stdout.write(render_text(answer) + "\n\n")
        stdout.flush()
    return EXIT_OK


def _refresh(screening: Screening, arguments: argparse.Namespace, stdout: TextIO) -> int:
    if arguments.break_lock:
        return _break_lock(screening, arguments, stdout)

    def report(outcome: RefreshOutcome) -> None:
        if isinstance(outcome, RefreshReport):
            stdout.write(describe_refresh(outcome) + "\n")
        else:
            print(describe_failure(outcome), file=sys.stderr)

    outcome = screening.run_refresh(
        "cli",
        report,
        in_child=False,
        source=arguments.source,
        as_of=arguments.as_of,
        force=arguments.force,
        progress=download_progress(sys.stderr),
    )
    return EXIT_OK if isinstance(outcome, RefreshReport) else EXIT_FAILURE


def _break_lock(screening: Screening, arguments: argparse.Namespace, stdout: TextIO) -> int:
    if arguments.source or arguments.force or arguments.as_of:
        print(
            "entitybot refresh: --break-lock loads nothing; run refresh again without it to load",
            file=sys.stderr,
        )
        return EXIT_USAGE
    broken = screening.break_refresh_lock()
    if broken.refused:
        print(f"entitybot refresh: {broken.describe()}", file=sys.stderr)
        return EXIT_FAILURE
    stdout.write(f"entitybot refresh: {broken.describe()}\n")
    return EXIT_OK


def describe_refresh(report: RefreshReport) -> str:
    dataset = report.dataset
    lines = [
        f"Loaded {dataset.entry_count:,} entries from {report.source} "
        f"(as of {dataset.as_of}) in {report.seconds:.1f} s.",
        f"Compared with the previous data: {report.changes.added} added, "
        f"{report.changes.removed} removed, {report.changes.changed} changed.",
    ]
    if report.duplicates_collapsed:
        lines.insert(1, f"{report.duplicates_collapsed:,} duplicate rows collapsed into one each.")
    if report.future_date_ignored:
        lines.insert(
            1,
            f"The source claims to be as of {report.future_date_ignored}, later than today; "
            f"taken as of {dataset.as_of} (give --as-of to say otherwise).",
        )
    for changes in report.changes.per_list.values():
        if changes.count:
            lines.append(
                f"  {changes.list_code}: +{len(changes.added)} -{len(changes.removed)} "
                f"~{len(changes.changed)}"
            )
    return "\n".join(lines)


def describe_failure(failure: RefreshFailure) -> str:
    said = f"entitybot refresh: failed: {failure.reason}. Nothing was changed"
    active = failure.active
    if active is None:
        return said + "."
    return (
        f"{said}: the data as of {active.as_of} ({active.entry_count:,} entries) is still "
        "the one answering."
    )


def _status(screening: Screening, as_json: bool, stdout: TextIO) -> int:
    dataset = screening.status()
    if as_json:
        stdout.write(
            json.dumps(
                {
                    "source": dataset.source,
                    "as_of": dataset.as_of.isoformat() if dataset.as_of else None,
                    "loaded_at": dataset.loaded_at.isoformat(),
                    "loaded_by": dataset.loaded_by,
                    "entries": dataset.entry_count,
                    "counts_per_list": dataset.counts_per_list,
                    "sha256": dataset.sha256,
                    **data_json(dataset.summary),
                }
            )
            + "\n"
        )
        return EXIT_OK
    lines = [
        f"Active data: {dataset.source}",
        f"  {display.as_of(dataset.summary)}, loaded {dataset.loaded_at:%Y-%m-%d %H:%M} UTC "
        f"by {dataset.loaded_by}, {dataset.entry_count:,} entries",
    ]
    lines += [f"  {code:<8}{count:>7,}" for code, count in dataset.counts_per_list.items()]
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
