"""`entitybot watch add|remove|list --channel ID`: a channel's watchlist from a terminal.

Kept apart from cli.py, which holds the other commands; cli.py registers the parser and
hands `run_watch` the parsed arguments. Changes made here
are recorded under the OS user, as `--record` names its asker.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TextIO

from bot.cli_record import os_user
from bot.screening import Screening
from bot.screening.watchlists import Watched, WatchError, split_names
from bot.settings import Settings

EXIT_OK, EXIT_USAGE = 0, 2
# Slack channel ids: C (public), G (private), D (direct message), then letters and digits.
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,20}$")


def add_watch_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = commands.add_parser(
        "watch",
        help="a channel's watchlist: the names a refresh alerts it about",
        description="Add names to a Slack channel's watchlist (comma-separated), remove one, "
        "or list them. After every refresh the channel is told of each watched name that was "
        "newly listed, changed, or left a list.",
    )
    # One parser per action, so that `add --channel C NAME` and `add NAME --channel C` both
    # read: a lone parser would take its positionals before seeing the option.
    actions = watch.add_subparsers(dest="action", required=True, metavar="add|remove|list")
    for action, said in (
        ("add", "watch these names (comma-separated)"),
        ("remove", "stop watching a name"),
        ("list", "the names the channel watches"),
    ):
        parser = actions.add_parser(action, help=said)
        if action != "list":
            parser.add_argument("names", nargs="*", metavar="NAME", help="the name(s)")
        parser.add_argument("--channel", metavar="ID", help="the Slack channel id, e.g. C0123ABCD")


def run_watch(settings: Settings, arguments: argparse.Namespace, stdout: TextIO) -> int:
    """Check what was typed first: a mistake is one line on stderr and changes nothing."""
    action = (arguments.action or "").strip().lower()
    channel = (arguments.channel or "").strip()
    if action not in ("add", "remove", "list"):
        return _usage(f"{action[:20]!r} is not add, remove or list")
    if not CHANNEL_ID.match(channel):
        return _usage("give the Slack channel id with --channel, e.g. --channel C0123ABCD")
    text = " ".join(getattr(arguments, "names", []))
    watchlists = Screening(settings).watchlists
    try:
        if action == "list":
            return _list(watchlists.names(channel), channel, stdout)
        if action == "remove":
            removed = watchlists.remove(channel, text, os_user())
            stdout.write(f"{channel} no longer watches {removed}\n")
            return EXIT_OK
        for outcome in watchlists.add(channel, split_names(text), os_user()):
            if not outcome.added:
                stdout.write(f"{outcome.name}: already watched in {channel}\n")
            elif outcome.listed_as:
                stdout.write(
                    f"{outcome.name}: now watched; already listed: {'; '.join(outcome.listed_as)}\n"
                )
            else:
                stdout.write(f"{outcome.name}: now watched (not on the lists today)\n")
    except WatchError as exc:
        return _usage(str(exc))
    return EXIT_OK


def _list(names: list[Watched], channel: str, stdout: TextIO) -> int:
    if not names:
        stdout.write(f"{channel} watches no names\n")
    for watched in names:
        stdout.write(
            f"{watched.name}\tadded by {watched.added_by} "
            f"{watched.added_at.strftime('%Y-%m-%d %H:%M')} UTC\n"
        )
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"entitybot watch: {message}", file=sys.stderr)
    return EXIT_USAGE
