"""`/entity-admin audit`: the recorded answers as a CSV file, sent privately to the admin
who asked (in their direct messages with the bot, where no one else sees it)."""

from __future__ import annotations

import io
import logging
from datetime import date

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.screening import Screening, StoreUnavailable
from bot.screening.audit_export import describe_range, export_between
from bot.slack.blocks import audit
from bot.slack.blocks.kit import Message

logger = logging.getLogger(__name__)

AuditRange = tuple[date | None, date | None]


def audit_range(text: str) -> AuditRange | str:
    """ "[SINCE] [UNTIL]" as days, or why not (one line)."""
    words = text.split()
    if len(words) > 2:
        return f"`/entity-admin audit` takes at most two days, not {len(words)} words"
    days: list[date] = []
    for word in words:
        try:
            days.append(date.fromisoformat(word))
        except ValueError:
            return f"{word[:40]!r} is not a date like 2026-07-31"
    since = days[0] if days else None
    until = days[1] if len(days) > 1 else None
    if since and until and since > until:
        return f"{since} is after {until}"
    return since, until


def send_audit(screening: Screening, client: WebClient, user_id: str, asked: AuditRange) -> Message:
    """Export the range's records to CSV and upload it to the admin's direct messages; what
    to tell them (the summary, or why nothing was sent)."""
    since, until = asked
    buffer = io.StringIO()
    try:
        summary = export_between(screening.records, buffer, "csv", since=since, until=until)
    except StoreUnavailable as exc:
        return audit.not_sent(str(exc))
    said = summary.describe(since, until)
    if not summary.answers:
        return audit.nothing_to_send(said)
    try:
        # The DM channel with the admin: a file shared there is theirs alone.
        opened = client.conversations_open(users=user_id)
        client.files_upload_v2(
            channel=opened["channel"]["id"],
            content=buffer.getvalue().encode("utf-8"),
            filename=_filename(since, until),
            title=f"entitybot audit export {describe_range(since, until)}",
            initial_comment=audit.file_comment(said),
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "an error")
        logger.warning("could not send %s the audit export: %s", user_id, error)
        return audit.not_sent(f"Slack answered {error}")
    except SlackClientError as exc:
        # The upload URL refused the bytes: the message names the status, never a token.
        logger.warning("could not upload the audit export for %s: %s", user_id, type(exc).__name__)
        return audit.not_sent("the file upload failed")
    logger.info("sent %s the audit export: %s", user_id, said)
    return audit.sent(said)


def _filename(since: date | None, until: date | None) -> str:
    start = since.isoformat() if since else "start"
    end = until.isoformat() if until else date.today().isoformat()
    return f"entitybot-audit-{start}-to-{end}.csv"
