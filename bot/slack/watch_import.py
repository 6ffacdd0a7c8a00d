"""`/entity-watch import`: the newest CSV or text file shared in the channel, downloaded
with the bot token (files:read) and its names added to the channel's watchlist.

A slash command carries no file, so the channel's latest files are asked for (files.list);
the token is sent only to Slack's own host, and a file is read only up to MAX_BYTES.
"""

from __future__ import annotations

import logging
import urllib.request
from pathlib import PurePosixPath
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.screening.watch_import import names_in_file
from bot.screening.watchlists import WatchError
from bot.slack.blocks import watch
from bot.slack.blocks.kit import Message
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

# 500 names of a CSV fit many times in this; more is not a watchlist.
MAX_BYTES = 1024 * 1024
READABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
READABLE_TYPES = frozenset({"csv", "tsv", "text", "txt"})


def import_from_channel(
    services: SlackServices, client: WebClient, channel: str, user_id: str
) -> Message:
    try:
        listed = client.files_list(channel=channel, count=20)
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "refused")
        logger.warning("files.list refused for a watchlist import: %s", error)
        return watch.refused(f"Slack would not list this channel's files ({error}).")
    files = sorted(listed.get("files") or [], key=lambda f: -int(f.get("created") or 0))
    readable = next((f for f in files if _readable(f)), None)
    if readable is None:
        return watch.refused(
            "Share a CSV (a name column, or one name per row) in this channel first, "
            "then run /entity-watch import."
        )
    try:
        names = names_in_file(_download(client, readable))
        outcomes = services.screening.watchlists.add(channel, names, user_id)
    except WatchError as exc:
        return watch.refused(str(exc))
    return watch.added(outcomes)


def _readable(file: dict[str, Any]) -> bool:
    suffix = PurePosixPath(str(file.get("name") or "")).suffix.lower()
    return suffix in READABLE_SUFFIXES or str(file.get("filetype") or "").lower() in READABLE_TYPES


def _download(client: WebClient, file: dict[str, Any]) -> bytes:
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    parts, api = urlsplit(url), urlsplit(client.base_url)
    own_host = parts.hostname is not None and (
        parts.hostname == api.hostname
        or (parts.scheme == "https" and parts.hostname.endswith(".slack.com"))
    )
    if parts.scheme not in {"https", "http"} or not own_host:
        raise WatchError("Slack gave no download address for that file")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except (URLError, OSError) as exc:
        logger.warning("could not download a watchlist file: %s", type(exc).__name__)
        raise WatchError("the file could not be downloaded from Slack; try again") from None
    if len(data) > MAX_BYTES:
        raise WatchError("the file is over 1 MB; a watchlist takes at most 500 names at once")
    return data
