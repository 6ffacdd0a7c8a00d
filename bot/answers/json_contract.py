"""The JSON that `entitybot lookup --json` prints: a contract other tools rely on."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.answers import on_date
from bot.answers.model import (
    Answer,
    DataSummary,
    FormerListing,
    ListedParty,
    ListingDate,
    Mention,
    MessageAnswer,
)
from bot.answers.on_date import on_date_json


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _listed(when: ListingDate) -> str | None:
    """ "2020-06-05" for a day, "2019" for a year (ISO 8601 either way), null unknown."""
    return when.text if when.precision != "unknown" else None


def result_json(party: ListedParty) -> dict[str, Any]:
    return {
        "name": party.name,
        "list": party.list_code,
        "list_name": party.list_name,
        "entry_type": party.entry_type,
        "party_number": party.party_number,
        "score": party.score,
        "matched_on": party.matched_on,
        "listing_date": _listed(party.listing_date),
        "date_precision": party.listing_date.precision,
        "date_source": party.listing_date.source,
        "federal_register": party.federal_register,
        "reason": party.reason,
        "programs": party.programs,
        "excerpt": party.excerpt,
        "excerpt_kind": party.excerpt_kind,
        "excerpt_source": party.excerpt_source,
        "source_url": party.source_url,
        "countries": party.countries,
        "aliases": party.aliases,
        "relation": party.relation,
        **on_date_json(party.on_date),
    }


def history_json(former: FormerListing) -> dict[str, Any]:
    last, gone = former.left_between or (None, None)
    return {
        "name": former.name,
        "list": former.list_code,
        "list_name": former.list_name,
        "score": former.score,
        "matched_on": former.matched_on,
        "listed_from": _listed(former.listed_from),
        "date_precision": former.listed_from.precision,
        "date_source": former.listed_from.source,
        "left_after": _day(last),
        "left_by": _day(gone),
        "federal_register": former.federal_register,
        "reason": former.reason,
        "excerpt": former.excerpt,
        "excerpt_kind": former.excerpt_kind,
        "excerpt_source": former.excerpt_source,
        "source_url": former.source_url,
        "note": former.summary,
        **on_date_json(former.on_date),
    }


def data_json(data: DataSummary, today: date | None = None) -> dict[str, Any]:
    """How old the data answering is: every answer says it, and flags it when stale."""
    return {
        "data_as_of": _day(data.as_of),
        "data_age_days": data.age_days(today),
        "data_stale": data.is_stale(today),
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    document: dict[str, Any] = {
        "query": answer.query,
        "status": answer.status,
        "formerly_listed": answer.formerly_listed,
        "results": [result_json(party) for party in answer.results],
        **data_json(answer.data),
    }
    if answer.history:
        document["history"] = [history_json(former) for former in answer.history]
    if answer.script_note:
        document["note"] = answer.script_note
    if answer.on is not None:
        # The status, and each party's on_date, are for this day.
        document["on"] = answer.on.isoformat()
        document["on_note"] = on_date.line(answer)
        document["data_held_from"] = _day(answer.held_since)
    return document


def refusal_json(query: str, message: str, data: DataSummary) -> dict[str, Any]:
    """A query that could not be looked up: status "error", with the reason in "error" (a
    script filtering on status must never read a refusal as a clean "no match")."""
    return {
        "query": query,
        "status": "error",
        "results": [],
        **data_json(data),
        "error": message,
    }


def scan_json(scan: MessageAnswer) -> dict[str, Any]:
    """`entitybot scan --json`: each part of the text that names a listed party (or may, or
    names one formerly listed), with its place in the text, and the names that matched
    nothing."""
    return {
        "found": [_mention_json(mention) for mention in scan.mentions],
        "unlisted": [
            {"start": span.start, "end": span.end, "text": span.text} for span in scan.unlisted
        ],
        **data_json(scan.data),
    }


def _mention_json(mention: Mention) -> dict[str, Any]:
    answer = mention.answer
    top = answer.results[0] if answer.results else None
    former = answer.history[0] if answer.history else None
    document: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "status": answer.status,
        "score": top.score if top else former.score if former else None,
        "why": mention.why,
        "party": result_json(top) if top else None,
    }
    if answer.status == "ambiguous":
        document["candidates"] = [result_json(party) for party in answer.results]
    if answer.history:
        document["history"] = [history_json(entry) for entry in answer.history]
    return document
