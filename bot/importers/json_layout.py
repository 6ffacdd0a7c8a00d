"""The CSL bulk JSON: `{"sources_used": [...], "total": N, "results": [...]}`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.importers.entry import (
    CslEntry,
    countries_from_addresses,
    is_country_code,
    parse_date,
    read_entry,
    split_list_field,
)
from bot.importers.errors import CslFormatError


def parse_json(text: str) -> tuple[list[CslEntry], date | None]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CslFormatError(
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg} "
            "(the file may be truncated)"
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise CslFormatError('JSON without a "results" list: not the CSL bulk layout')
    results = document["results"]
    total = document.get("total")
    if isinstance(total, int) and total != len(results):
        raise CslFormatError(
            f'the file says "total": {total} but holds {len(results)} results '
            "(truncated or paged download?)"
        )
    entries = [_entry(record, position) for position, record in enumerate(results, start=1)]
    return entries, _as_of(document)


def _as_of(document: dict[str, Any]) -> date | None:
    stamps = [
        parse_date(source.get("source_last_updated"))
        for source in document.get("sources_used") or []
        if isinstance(source, dict)
    ]
    known = [stamp for stamp in stamps if stamp]
    return max(known) if known else None


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value).strip()


def _addresses(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Address lines and ISO country codes, as the CSV layout would give them."""
    raw = record.get("addresses")
    if not isinstance(raw, list):
        lines = split_list_field(raw)
        return lines, countries_from_addresses(lines)
    lines, countries = [], []
    for item in raw:
        if isinstance(item, dict):
            parts = [
                str(item.get(key) or "").strip()
                for key in ("address", "city", "state", "postal_code", "country")
            ]
            line = ", ".join(part for part in parts if part)
            country = str(item.get("country") or "").strip()
            if is_country_code(country) and country not in countries:
                countries.append(country)
        else:
            line = str(item).strip()
            countries += [c for c in countries_from_addresses([line]) if c not in countries]
        if line:
            lines.append(line)
    return lines, countries


@dataclass(frozen=True)
class _JsonRecord:
    """A result object: a value may be null, text, or a list of text."""

    raw: dict[str, Any]

    def text(self, key: str) -> str:
        return _text(self.raw, key)

    def pieces(self, key: str) -> list[str]:
        return split_list_field(self.raw.get(key))

    def addresses(self) -> tuple[list[str], list[str]]:
        return _addresses(self.raw)


def _entry(record: Any, position: int) -> CslEntry:
    if not isinstance(record, dict):
        raise CslFormatError(f"result {position} is not an object")
    return read_entry(_JsonRecord(record), f"result {position}")
