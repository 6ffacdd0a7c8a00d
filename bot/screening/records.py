"""The audit record of every answer: who asked what, where, when, what they were told, and
from which data.

A surface (a Slack listener, the CLI) makes the record from the answer it is about to send,
writes it, and sends the answer only once it is written: no answer goes out without its
record. A record that cannot be written raises RecordNotWritten, whose message takes the
answer's place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, Row
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.answers.model import (
    Answer,
    DataSummary,
    FormerListing,
    ListedParty,
    MessageAnswer,
    OnDate,
)
from bot.store import answer_records as store
from bot.store.database import describe

logger = logging.getLogger(__name__)

# Where an answer was given; the export and a user's history name them so.
SLASH_COMMAND = "slash_command"
MENTION = "mention"
DIRECT_MESSAGE = "direct_message"
SHORTCUT = "shortcut"
BUTTON = "button"
SHARE = "share"
CLI = "cli"
CLI_SCAN = "cli_scan"
WORKFLOW_STEP = "workflow_step"
# The status of a record made when someone chose one party from possible matches.
CHOSEN = "chosen"
# Which of a message's answers its record is named by: the strongest one.
_STRENGTH = {"match": 3, "ambiguous": 2, "none": 1}


@dataclass(frozen=True)
class RecordedParty:
    list_code: str
    entry_id: str
    name: str
    # The status of the answer that named it: in a message naming several parties, one may
    # be a match and another only a possible one. "none" for a formerly listed party.
    status: str = ""


@dataclass(frozen=True)
class AnswerRecord:
    at: datetime  # UTC
    team_id: str
    enterprise_id: str
    user_id: str
    channel_id: str
    surface: str
    asked: str  # the text asked, as sent
    status: str  # the answer's status
    parties: tuple[RecordedParty, ...]
    data_version_id: int
    data_as_of: date
    os_user: str = ""  # CLI records


@dataclass(frozen=True)
class Asker:
    """Who asked, and where: a Slack workspace, user and channel, or an OS user."""

    team_id: str = ""
    enterprise_id: str = ""
    user_id: str = ""
    channel_id: str = ""
    os_user: str = ""


class RecordNotWritten(RuntimeError):
    """The record of an answer could not be written; the message, one line, says so to the
    person who asked, in the answer's place."""


def answer_record(answer: Answer, asker: Asker, surface: str, asked: str) -> AnswerRecord:
    """The record of an answer to one name."""
    return _record(asker, surface, asked, answer.status, _parties(answer), answer.data)


def scan_record(scan: MessageAnswer, asker: Asker, surface: str, asked: str) -> AnswerRecord:
    """The record of an answer to a whole message: each party it answered, and the status of
    the strongest of its answers ("none" when it named no listed party)."""
    answers = [mention.answer for mention in scan.distinct_mentions()]
    status = max((a.status for a in answers), key=_STRENGTH.__getitem__, default="none")
    parties = (party for answer in answers for party in _parties(answer))
    return _record(asker, surface, asked, status, parties, scan.data)


def choice_record(
    party: ListedParty, answer: Answer, asker: Asker, surface: str, asked: str
) -> AnswerRecord:
    """The record of one party chosen from an answer's possible matches."""
    chosen = RecordedParty(party.list_code, party.entry_id, party.name, CHOSEN)
    return _record(asker, surface, asked, CHOSEN, [chosen], answer.data)


def _parties(answer: Answer) -> Iterator[RecordedParty]:
    parties: list[ListedParty | FormerListing] = [*answer.results, *answer.history]
    for party in parties:
        status = _status_on(party.on_date, answer.status)
        yield RecordedParty(party.list_code, party.entry_id, party.name, status)


def _status_on(on_date: OnDate | None, status: str) -> str:
    """A party's own status: in an answer for a past date, whether it was listed that day
    (one party of the answer may have been, another not yet); otherwise the answer's."""
    if on_date is None:
        return status
    if on_date.listed is None:
        return "unknown"
    return "match" if on_date.listed else "none"


def _record(
    asker: Asker,
    surface: str,
    asked: str,
    status: str,
    parties: Iterable[RecordedParty],
    data: DataSummary,
) -> AnswerRecord:
    return AnswerRecord(
        at=datetime.now(UTC),
        team_id=asker.team_id,
        enterprise_id=asker.enterprise_id,
        user_id=asker.user_id,
        channel_id=asker.channel_id,
        surface=surface,
        asked=asked,
        status=status,
        parties=tuple(dict.fromkeys(parties)),
        data_version_id=data.version_id,
        # Every dataset a refresh or the bundle loads has its day; one without (loaded by
        # hand into a store) is recorded as of the earliest day, never a day it is not.
        data_as_of=data.as_of or date.min,
        os_user=asker.os_user,
    )


class AnswerRecords:
    """The audit trail in the store: appended to, read, and pruned by age only."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write(self, record: AnswerRecord) -> None:
        """Append `record`; RecordNotWritten, saying why in one line, when the store
        refuses it."""
        try:
            store.insert_record(self._engine, _values(record))
        except DBAPIError as exc:
            raise RecordNotWritten(_not_shown(describe(exc))) from None
        except SQLAlchemyError as exc:
            raise RecordNotWritten(_not_shown(type(exc).__name__)) from None

    def between(
        self, since: date | None, until: date | None, user_id: str | None = None
    ) -> Iterator[AnswerRecord]:
        """Records answered from the start of `since` to the end of `until` (UTC days,
        either open), oldest first, streamed; only one user's when `user_id` is given (a
        Slack user ID, or the OS user of CLI records)."""
        start = _midnight(since) if since else None
        end = _midnight(until + timedelta(days=1)) if until else None
        for row in store.rows_between(self._engine, start, end, user_id):
            yield _from_row(row)

    def recent(self, user_id: str, limit: int = 10) -> list[AnswerRecord]:
        """A Slack user's latest records, newest first."""
        return [_from_row(row) for row in store.latest_rows(self._engine, user_id, limit)]

    def prune(self, keep_days: int | None) -> int:
        """Delete the records older than `keep_days` days (None keeps every one); how many
        went."""
        if keep_days is None:
            return 0
        cutoff = datetime.now(UTC) - timedelta(days=keep_days)
        return store.delete_before(self._engine, cutoff)


def prune_with_refresh(engine: Engine, keep_days: int | None) -> None:
    """Records older than ENTITYBOT_AUDIT_DAYS go with every refresh, refused or not: a
    source that stays down must not keep records past their time. A store that cannot prune
    now is said in the log, and the refresh goes on."""
    try:
        pruned = AnswerRecords(engine).prune(keep_days)
    except SQLAlchemyError as exc:
        why = describe(exc) if isinstance(exc, DBAPIError) else type(exc).__name__
        logger.warning("could not prune the answer records: %s", why)
        return
    if pruned:
        logger.info("pruned %s answer records older than %s days", pruned, keep_days)


def _not_shown(why: str) -> str:
    return f"this answer could not be recorded, so it is not shown: {why}"


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _values(record: AnswerRecord) -> dict[str, Any]:
    return {
        "answered_at": record.at.astimezone(UTC),
        "team_id": record.team_id,
        "enterprise_id": record.enterprise_id,
        "user_id": record.user_id,
        "channel_id": record.channel_id,
        "surface": record.surface,
        "asked": record.asked,
        "status": record.status,
        "parties": [[p.list_code, p.entry_id, p.name, p.status] for p in record.parties],
        "data_version_id": record.data_version_id,
        "data_as_of": record.data_as_of,
        "os_user": record.os_user,
    }


def _from_row(row: Row[Any]) -> AnswerRecord:
    return AnswerRecord(
        at=row.answered_at.astimezone(UTC),
        team_id=row.team_id,
        enterprise_id=row.enterprise_id,
        user_id=row.user_id,
        channel_id=row.channel_id,
        surface=row.surface,
        asked=row.asked,
        status=row.status,
        parties=tuple(RecordedParty(*party) for party in row.parties or ()),
        data_version_id=row.data_version_id,
        data_as_of=row.data_as_of or date.min,
        os_user=row.os_user,
    )
