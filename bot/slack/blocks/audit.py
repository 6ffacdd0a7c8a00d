"""`/entity-admin audit`'s messages: usage, refusals, and what was sent."""

from __future__ import annotations

from datetime import date

from bot.screening.audit_export import describe_range
from bot.slack.blocks.kit import Message, plain, section
from bot.slack.safe_text import escape_line

USAGE_LINE = (
    "\u2022 `/entity-admin audit [SINCE] [UNTIL]` \u2014 every answer entitybot recorded "
    "between two days (UTC, both included; `2026-11-01 2026-11-30`), as a CSV file sent to "
    "you alone, in your direct messages with entitybot."
)


def with_audit_usage(message: Message) -> Message:
    """/entity-admin's usage with the audit line."""
    return Message(message.text, [*message.blocks, section(USAGE_LINE, "admin-audit-usage")])


def bad_range(why: str) -> Message:
    text = (
        f":no_entry: {escape_line(why)}. Give up to two days, like "
        "`/entity-admin audit 2026-11-01 2026-11-30`. Nothing was sent."
    )
    return Message("Not an audit range", [section(text, "refused")])


def preparing(since: date | None, until: date | None) -> Message:
    text = (
        f":hourglass_flowing_sand: Preparing the audit export of the answers recorded "
        f"{describe_range(since, until)} \u2026 I will send it to you in a direct message."
    )
    return Message("Preparing the audit export", [section(text, "audit")])


def file_comment(summary: str) -> str:
    """The message the file comes with, in the admin's direct messages."""
    return f"entitybot audit export: {summary} One row per party an answer named."


def sent(summary: str) -> Message:
    text = (
        f":white_check_mark: {escape_line(summary)} The CSV is in your direct messages with "
        "entitybot; no one else can see it."
    )
    return Message(plain(summary), [section(text, "audit")])


def nothing_to_send(summary: str) -> Message:
    return Message(plain(summary), [section(f"{escape_line(summary)} No file was sent.", "audit")])


def not_sent(why: str) -> Message:
    text = f":x: The audit export could not be sent: {escape_line(why)}."
    return Message("The audit export could not be sent", [section(text, "audit")])
