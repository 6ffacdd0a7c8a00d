"""The JSON that `entitybot lookup --json` prints: a contract other tools rely on."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.answers.model import Answer, FormerListing, ListedParty


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
