"""Each answer's audit record, written in the job that sends the answer, before it is sent.

Every listener that answers asks here first: None means the record is written and the answer
may go; a Message means it could not be, and that message goes in the answer's place. No
answer leaves without its record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from slack_bolt import BoltContext

from bot.answers.model import MessageAnswer
from bot.screening.records import (
    AnswerRecord,
    Asker,
    RecordNotWritten,
    answer_record,
    choice_record,
    scan_record,
)
from bot.slack.blocks.kit import Message, section
from bot.slack.lookups import ChosenParty, Outcome, Refusal
from bot.slack.safe_text import escape_line
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Where:
    """Who asked, in which workspace and channel, and on which surface."""

    asker: Asker
    surface: str

    def in_channel(self, channel_id: str) -> Where:
        return replace(self, asker=replace(self.asker, channel_id=channel_id))


def where(context: BoltContext, surface: str, user_id: str, channel_id: str) -> Where:
    """Read on the request's thread: Bolt's context names the workspace and org."""
    asker = Asker(
        team_id=context.team_id or "",
        enterprise_id=context.enterprise_id or "",
        user_id=user_id,
        channel_id=channel_id,
    )
    return Where(asker, surface)


def where_event(context: BoltContext, surface: str, event: dict[str, Any]) -> Where:
    return where(context, surface, str(event.get("user") or ""), str(event.get("channel") or ""))


def record_outcome(
    services: SlackServices, at: Where, asked: str, outcome: Outcome
) -> Message | None:
    """Record the answer to one name; a query refused as it was typed answered nothing, and
    is not recorded."""
    if isinstance(outcome, Refusal):
        return None
    return _written(services, answer_record(outcome, at.asker, at.surface, asked))


def record_scan(
    services: SlackServices, at: Where, asked: str, scan: MessageAnswer
) -> Message | None:
    return _written(services, scan_record(scan, at.asker, at.surface, asked))


def record_choice(
    services: SlackServices, at: Where, asked: str, chosen: ChosenParty
) -> Message | None:
    record = choice_record(chosen.party, chosen.answer, at.asker, at.surface, asked)
    return _written(services, record)


def _written(services: SlackServices, record: AnswerRecord) -> Message | None:
    try:
        services.screening.records.write(record)
    except RecordNotWritten as exc:
        # Never the text asked: it is the asker's, and logs are not the audit trail.
        logger.warning("an answer to %s (%s) was not sent: %s", record.user_id, record.surface, exc)
        return not_recorded(str(exc))
    return None


def not_recorded(reason: str) -> Message:
    said = reason[:1].upper() + reason[1:]
    return Message(
        said[:300],
        [
            section(
                f":warning: {escape_line(said)}. Ask again in a moment; if this goes on, "
                "tell an admin.",
                "not_recorded",
            )
        ],
    )
