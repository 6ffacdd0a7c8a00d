"""The audit trail as rows: one per answered party (an answer naming no party is one row
too), as CSV or JSON lines, streamed, with a summary of what was exported.

`entitybot audit` and `/entity-admin audit` both write through here, so the file an admin
gets in Slack and the one a terminal prints are the same.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol, TextIO

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.screening.facade import StoreUnavailable
from bot.store.database import describe

ExportFormat = Literal["csv", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl")

COLUMNS = (
    "answer",
    "at_utc",
    "team_id",
    "enterprise_id",
    "user_id",
    "os_user",
    "channel_id",
    "surface",
    "asked",
    "status",
    "list_code",
    "entry_id",
    "party_name",
    "party_status",
    "data_version_id",
    "data_as_of",
)
# A spreadsheet runs a cell starting with one of these as a formula; a name typed in Slack
# ("=HYPERLINK(...)") must not become one when an auditor opens the CSV (OWASP's advice:
# a leading apostrophe). The JSON lines keep the text exactly as sent.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The statuses a summary counts by name; CHOSEN is a party picked from possible matches.
_COUNTED = ("match", "ambiguous", "none")
CHOSEN = "chosen"

# The columns holding text someone typed, or a list wrote (the rest are ids, codes, dates).
_FREE_TEXT = tuple(COLUMNS.index(name) for name in ("os_user", "asked", "party_name"))

_Write = Callable[[list[Any]], None]


class RecordedPartyLike(Protocol):
    @property
    def list_code(self) -> str: ...
    @property
    def entry_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...


class AnswerRecordLike(Protocol):
    """What an export reads of a record (bot.screening.records.AnswerRecord)."""

    @property
    def at(self) -> datetime: ...
    @property
    def team_id(self) -> str: ...
    @property
    def enterprise_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def channel_id(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def asked(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def parties(self) -> tuple[RecordedPartyLike, ...]: ...
    @property
    def data_version_id(self) -> int: ...
    @property
    def data_as_of(self) -> date: ...
    @property
    def os_user(self) -> str: ...


class AnswerRecordSource(Protocol):
    """Where records are read from (bot.screening.records.AnswerRecords)."""

    def between(
        self, since: date | None, until: date | None, user_id: str | None = None
    ) -> Iterator[AnswerRecordLike]: ...


@dataclass
class ExportSummary:
    """What an export held: answers, rows, answers per status, the first and last time."""

    answers: int = 0
    rows: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None

    def add(self, record: AnswerRecordLike, rows: int) -> None:
        self.answers += 1
        self.rows += rows
        self.statuses[record.status] += 1
        at = utc(record.at)
        self.first = at if self.first is None or at < self.first else self.first
        self.last = at if self.last is None or at > self.last else self.last

    def describe(self, since: date | None, until: date | None) -> str:
        """ "12 answers (15 rows) recorded from 2026-11-01 to 2026-12-02: 3 matches,
        1 ambiguous, 8 no match." """
        span = describe_range(since, until)
        if not self.answers:
            return f"No answers were recorded {span}."
        noun = "answer" if self.answers == 1 else "answers"
        rows = "row" if self.rows == 1 else "rows"
        matches = self.statuses["match"]
        counts = [
            f"{matches:,} {'match' if matches == 1 else 'matches'}",
            f"{self.statuses['ambiguous']:,} ambiguous",
            f"{self.statuses['none']:,} no match",
        ]
        if chosen := self.statuses[CHOSEN]:
            counts.append(f"{chosen:,} chosen from possible matches")
        others = self.answers - sum(self.statuses[s] for s in (*_COUNTED, CHOSEN))
        if others:
            counts.append(f"{others:,} other")
        first, last = self.first, self.last
        seen = (
            f" (first {first:%Y-%m-%d %H:%M}, last {last:%Y-%m-%d %H:%M} UTC)"
            if first and last
            else ""
        )
        return (
            f"{self.answers:,} {noun} ({self.rows:,} {rows}) recorded {span}{seen}: "
            f"{', '.join(counts)}."
        )


def describe_range(since: date | None, until: date | None) -> str:
    """ "from 2026-11-01 to 2026-12-02", "since 2026-11-01", "up to ...", "since records
    began" (both ends included, UTC days)."""
    if since and until:
        return f"from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    if until:
        return f"up to {until.isoformat()}"
    return "since records began"


def utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time the store writes is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def rows_of(record: AnswerRecordLike, number: int) -> Iterator[list[Any]]:
    """The record's rows, as values in COLUMNS order: one per answered party, or one with
    empty party fields."""
    at = utc(record.at).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    head = [number, at, record.team_id, record.enterprise_id, record.user_id, record.os_user,
            record.channel_id, record.surface, record.asked, record.status]  # fmt: skip
    tail = [record.data_version_id, record.data_as_of.isoformat()]
    if not record.parties:
        yield [*head, "", "", "", "", *tail]
    for party in record.parties:
        yield [*head, party.list_code, party.entry_id, party.name, party.status, *tail]


def export_between(
    records: AnswerRecordSource,
    out: TextIO,
    export_format: ExportFormat = "csv",
    *,
    since: date | None = None,
    until: date | None = None,
    user_id: str | None = None,
) -> ExportSummary:
    """The records from `since` to `until` (UTC days, both included), oldest first, written
    to `out`; StoreUnavailable, in one line, when the store stops answering part-way."""
    try:
        return export(records.between(since, until, user_id=user_id), out, export_format)
    except DBAPIError as exc:
        raise StoreUnavailable(describe(exc)) from None
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"cannot read the answer records: {type(exc).__name__}") from None


def export(
    records: Iterable[AnswerRecordLike], out: TextIO, export_format: ExportFormat = "csv"
) -> ExportSummary:
    """Write `records` to `out` as they come (nothing is held), and say what was written."""
    summary = ExportSummary()
    write = _csv_writer(out) if export_format == "csv" else _jsonl_writer(out)
    for record in records:
        rows = 0
        for row in rows_of(record, summary.answers + 1):
            write(row)
            rows += 1
        summary.add(record, rows)
    return summary


def _csv_writer(out: TextIO) -> _Write:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)

    def write(row: list[Any]) -> None:
        for column in _FREE_TEXT:
            value = row[column]
            if value.startswith(_FORMULA_STARTS):
                row[column] = "'" + value
        writer.writerow(row)

    return write


def _jsonl_writer(out: TextIO) -> _Write:
    def write(row: list[Any]) -> None:
        out.write(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n")

    return write
