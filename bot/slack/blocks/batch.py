"""The replies to a file shared with the bot to screen: progress, summary and matches, and
the one-line refusals."""

from __future__ import annotations

from bot.answers.model import Answer
from bot.screening.batch import BatchSummary
from bot.slack.blocks.kit import Message, context, section
from bot.slack.safe_text import escape_line

# The matches a reply names; the rest are in the results file.
MATCHES_SHOWN = 20


def refused(file_name: str, why: str) -> Message:
    text = f":warning: I could not screen *{escape_line(file_name)}*: {escape_line(why)}."
    return Message(f"Could not screen {file_name[:80]}: {why[:200]}", [section(text, "refused")])


def wrong_type(file_name: str, kind: str) -> Message:
    return refused(
        file_name,
        f"it is a {kind or 'file of an unknown kind'}, and I screen CSV files (UTF-8, any "
        "common delimiter) or text files of one name per line. Save it as *CSV UTF-8* and "
        "share it again",
    )


def progress(file_name: str, done: int, total: int) -> Message:
    percent = done * 100 // max(total, 1)
    text = (
        f":hourglass_flowing_sand: Screening *{escape_line(file_name)}*: "
        f"{done:,} of {total:,} rows ({percent}%)"
    )
    return Message(f"Screening {done:,} of {total:,} rows", [section(text, "progress")])


def finished(file_name: str, summary: BatchSummary) -> Message:
    text = f":white_check_mark: Screened *{escape_line(file_name)}*: {summary.describe()}."
    return Message(summary.describe(), [section(text, "progress")])


def results(file_name: str, summary: BatchSummary, layout: str, as_of: str) -> Message:
    blocks = [section(f"*{escape_line(file_name)}*: {summary.describe()}.", "summary")]
    lines = [_found_line(row, name, answer) for row, name, answer in summary.found]
    if lines:
        shown = "\n".join(lines[:MATCHES_SHOWN])
        if len(lines) > MATCHES_SHOWN:
            shown += f"\n… and {len(lines) - MATCHES_SHOWN:,} more in the results file."
        blocks.append(section(shown, "matches"))
    else:
        blocks.append(section("No row matched or came close to a listed party.", "matches"))
    blocks.append(
        context(
            f"Read as {escape_line(layout)}; data as of {as_of}. Every row, with its result, "
            "is in the CSV file below. A row with no match is not a clearance.",
            "searched",
        )
    )
    return Message(summary.describe(), blocks)


def _found_line(row: int, name: str, answer: Answer) -> str:
    top = answer.results[0]
    kind = "match" if answer.status == "match" else "possible match"
    return (
        f"• row {row:,}: {escape_line(name[:80])} → *{escape_line(top.name[:120])}* "
        f"({escape_line(top.list_code)}, {kind})"
    )
