"""The JSON that `entitybot lookup --json` prints: a contract other tools rely on."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.answers.model import Answer, FormerListing, ListedParty, Mention, MessageAnswer


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def result_json(party: ListedParty) -> dict[str, Any]:
    return {
        "name": party.name,
        "list": party.list_code,
        "list_name": party.list_name,
        "score": party.score,
        "matched_on": party.matched_on,
        "listing_date": _day(party.listing_date),
        "federal_register": party.federal_register,
        "reason": party.reason,
        "excerpt": party.excerpt,
        "source_url": party.source_url,
        "countries": party.countries,
        "aliases": party.aliases,
    }


def history_json(former: FormerListing) -> dict[str, Any]:
    last, gone = former.left_between or (None, None)
    return {
        "name": former.name,
        "list": former.list_code,
        "list_name": former.list_name,
        "score": former.score,
        "matched_on": former.matched_on,
        "listed_from": _day(former.listed_from),
        "left_after": _day(last),
        "left_by": _day(gone),
        "federal_register": former.federal_register,
        "reason": former.reason,
        "excerpt": former.excerpt,
        "source_url": former.source_url,
        "note": former.summary,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    document: dict[str, Any] = {
        "query": answer.query,
        "status": answer.status,
        "results": [result_json(party) for party in answer.results],
        "data_as_of": _day(answer.data.as_of),
    }
    if answer.history:
        document["history"] = [history_json(former) for former in answer.history]
    return document


def refusal_json(query: str, message: str, data_as_of: date | None) -> dict[str, Any]:
    """A query that could not be looked up: status none, with the reason in "error"."""
    return {
        "query": query,
        "status": "none",
        "results": [],
        "data_as_of": _day(data_as_of),
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
        "data_as_of": _day(scan.data.as_of),
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
