"""`--record` (or ENTITYBOT_AUDIT_CLI=1): the CLI's answers leave their audit record, under
the OS user, before they are printed.

Kept apart from cli.py, which holds the commands; cli.py adds the option and calls here once
per answer. A record the store refuses raises RecordNotWritten, which cli.py prints as its
one line instead of the answer.
"""

from __future__ import annotations

import argparse
import getpass
import os

from bot.answers.model import Answer, MessageAnswer
from bot.screening import Screening
from bot.screening.records import (
    CLI,
    CLI_SCAN,
    Asker,
    RecordNotWritten,
    answer_record,
    scan_record,
)

__all__ = ["RecordNotWritten", "add_record_option", "record_answer", "record_scan"]


def add_record_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--record",
        action="store_true",
        help="keep an audit record of each answer, under your OS user, before it is printed "
        "(ENTITYBOT_AUDIT_CLI=1 always does)",
    )


def record_answer(
    screening: Screening, arguments: argparse.Namespace, asked: str, answer: Answer
) -> None:
    if _recording(screening, arguments):
        # Slack's text holds the day asked about ("NAME on DATE"); the CLI's is an option,
        # written as typed would be, so that the record says which day its status is for.
        if answer.on is not None:
            asked = f"{asked} --on {answer.on.isoformat()}"
        screening.records.write(answer_record(answer, _asker(), CLI, asked))


def record_scan(
    screening: Screening, arguments: argparse.Namespace, asked: str, scan: MessageAnswer
) -> None:
    if _recording(screening, arguments):
        screening.records.write(scan_record(scan, _asker(), CLI_SCAN, asked))


def _recording(screening: Screening, arguments: argparse.Namespace) -> bool:
    return bool(getattr(arguments, "record", False)) or screening.settings.audit_cli


def _asker() -> Asker:
    return Asker(os_user=os_user())


def os_user() -> str:
    """Who runs the command, as the OS knows them; a process with no login name (a container
    running as a bare uid) is named by its uid."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
