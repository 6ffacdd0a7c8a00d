"""A CSV or text file shared with the bot (in a direct message, or with a mention): every
name in it screened, and the results sent back in the thread as a CSV file.

The file is downloaded with the bot token, which is sent only to Slack's own host; its type
and size are checked before it is downloaded, its rows before anything is screened.
"""

from __future__ import annotations

import io
import logging
import time
import urllib.request
from pathlib import PurePosixPath
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.answers.model import Mention, MessageAnswer
from bot.screening.batch import BatchRefused, BatchTable, decode, read_table, write_results
from bot.slack.blocks import batch
from bot.slack.blocks.kit import Message
from bot.slack.recording import Where, record_scan
from bot.slack.replies import post_in_thread
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

SCREENABLE_TYPES = frozenset({"csv", "tsv", "text", "txt", "plain"})
SCREENABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
# Files longer than this get a progress message, updated as the rows are screened.
PROGRESS_FROM_ROWS = 1000
# At most one chat.update this often: Slack rate-limits updates to about one a second.
PROGRESS_EVERY_SECONDS = 2.0


def screen_shared_file(
    services: SlackServices,
    client: WebClient,
    body: dict[str, Any],
    event: dict[str, Any],
    asker: Where,
) -> None:
    channel, ts = event.get("channel", ""), event.get("ts", "")
    if not services.screening.claim_event(body.get("event_id", ""), channel, ts):
        return
    thread = event.get("thread_ts") or ts
    shared = event.get("files") or [{}]
    file = shared[0] if isinstance(shared[0], dict) else {}
    name = str(file.get("name") or file.get("title") or "the file")
    settings = services.settings
    if not _screenable(file):
        post_in_thread(client, channel, thread, batch.wrong_type(name, _kind(file)))
        return
    cap = settings.batch_max_mb * 1024 * 1024
    if int(file.get("size") or 0) > cap:
        why = f"it is over {settings.batch_max_mb} MB, the most I screen at once; split it"
        post_in_thread(client, channel, thread, batch.refused(name, why))
        return
    try:
        data = _download(client, file, cap, settings.download_timeout_seconds)
        table = read_table(decode(data), max_rows=settings.batch_max_rows)
    except BatchRefused as exc:
        post_in_thread(client, channel, thread, batch.refused(name, str(exc)))
        return
    _screen(services, client, (channel, thread), name, table, asker)


def _screen(
    services: SlackServices,
    client: WebClient,
    where: tuple[str, str],
    name: str,
    table: BatchTable,
    asker: Where,
) -> None:
    channel, thread = where
    progress_ts = ""
    if len(table.rows) > PROGRESS_FROM_ROWS:
        started = batch.progress(name, 0, len(table.rows))
        posted = client.chat_postMessage(
            channel=channel, thread_ts=thread, text=started.text, blocks=started.blocks
        )
        progress_ts = str(posted.get("ts") or "")
    last = [time.monotonic()]

    def report(done: int, total: int) -> None:
        if progress_ts and done < total and time.monotonic() - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = time.monotonic()
            _update(client, channel, progress_ts, batch.progress(name, done, total))

    out = io.StringIO()
    screening = services.screening
    summary = write_results(table, out, screening.lookup_many, report)
    if progress_ts:
        _update(client, channel, progress_ts, batch.finished(name, summary))
    data = screening.data()
    # Recorded before it is sent, as every answer is: the parties the file named, in one
    # record; a record the store refuses is said in the results' place.
    asked = f"file {name[:200]}: {summary.describe()}"
    mentions = [Mention(0, 0, typed, f"row {row}", answer) for row, typed, answer in summary.found]
    unrecorded = record_scan(services, asker, asked, MessageAnswer(asked, mentions, [], data))
    if unrecorded is not None:
        post_in_thread(client, channel, thread, unrecorded)
        return
    as_of = data.as_of.isoformat() if data.as_of else "an unknown date"
    post_in_thread(client, channel, thread, batch.results(name, summary, table.layout, as_of))
    try:
        client.files_upload_v2(
            channel=channel,
            thread_ts=thread,
            content=out.getvalue().encode("utf-8"),
            filename=f"{PurePosixPath(name).stem or 'names'}-screened.csv",
            title=f"{name[:80]} screened",
        )
    except (SlackApiError, SlackClientError) as exc:
        error = exc.response.get("error") if isinstance(exc, SlackApiError) else "upload failed"
        logger.warning("could not upload the screened %s rows: %s", len(table.rows), error)
        why = f"Slack refused the results file ({error}); share the file again to retry"
        post_in_thread(client, channel, thread, batch.refused(name, why))
        return
    logger.info("screened a shared file: %s", summary.describe())


def _update(client: WebClient, channel: str, ts: str, message: Message) -> None:
    """Best effort: a progress line Slack refuses (rate limited) must not stop the
    screening, whose results are still sent."""
    try:
        client.chat_update(channel=channel, ts=ts, text=message.text, blocks=message.blocks)
    except SlackApiError as exc:
        logger.warning("could not update a screening's progress: %s", exc.response.get("error"))


def _screenable(file: dict[str, Any]) -> bool:
    suffix = PurePosixPath(str(file.get("name") or "")).suffix.lower()
    kind = str(file.get("filetype") or "").lower()
    mimetype = str(file.get("mimetype") or "").lower()
    if kind in SCREENABLE_TYPES or suffix in SCREENABLE_SUFFIXES:
        return True
    return mimetype in {"text/csv", "text/plain", "text/tab-separated-values"}


def _kind(file: dict[str, Any]) -> str:
    pretty = str(file.get("pretty_type") or file.get("filetype") or "")
    return f"{pretty[:40]} file" if pretty else ""


def _download(client: WebClient, file: dict[str, Any], cap: int, timeout: float) -> bytes:
    """The file's bytes, with the bot token; only from Slack's own host (the API's), so the
    token never goes anywhere a crafted event points it."""
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    if not url and file.get("id"):
        info = client.files_info(file=str(file["id"]))
        found = info.get("file") or {}
        url = str(found.get("url_private_download") or found.get("url_private") or "")
    if not _slack_host(url, client.base_url):
        raise BatchRefused("Slack gave no download address for it")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(cap + 1)
    except (URLError, OSError) as exc:
        logger.warning("could not download a shared file: %s", type(exc).__name__)
        raise BatchRefused("it could not be downloaded from Slack; try again") from None
    if len(data) > cap:
        raise BatchRefused(f"it is over {cap // 1024 // 1024} MB, the most I screen at once")
    return data


def _slack_host(url: str, api_url: str) -> bool:
    parts, api = urlsplit(url), urlsplit(api_url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        return False
    if parts.netloc == api.netloc:
        # The Web API's own host and port (a proxy, or the tests' fake Slack).
        return True
    return parts.scheme == "https" and (
        parts.hostname == "slack.com" or parts.hostname.endswith(".slack.com")
    )
