"""The curated Federal Register table shipped in data/federal_register_notices.json."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from bot.bundle import bundled_path
from bot.store.models import FederalRegisterNotice, NoticeParty

BUNDLED_NOTICES = "federal_register_notices.json"
# FederalRegisterNotice.source of the notices this table gives.
BUNDLED_SOURCE = "bundled"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_bundled_notices(
    path: Path | None = None,
) -> list[tuple[FederalRegisterNotice, list[NoticeParty]]]:
    table: dict[str, Any] = json.loads(
        (path or bundled_path(BUNDLED_NOTICES)).read_text(encoding="utf-8")
    )
    notices = []
    for raw in table["notices"]:
        quote = raw.get("quote") or {}
        notice = FederalRegisterNotice(
            cite=raw["cite"],
            volume=raw["volume"],
            first_page=raw["first_page"],
            last_page=raw["last_page"],
            document_number=raw.get("document_number", ""),
            document_number_verified=raw.get("document_number_verified", False),
            publication_date=_date(raw.get("publication_date")),
            effective_date=_date(raw.get("effective_date")),
            agency=raw.get("agency", ""),
            action=raw.get("action", ""),
            title=raw.get("title", ""),
            url=raw.get("url", ""),
            reason=raw.get("reason", ""),
            quote=quote.get("text", ""),
            quote_source=quote.get("source", ""),
            source=BUNDLED_SOURCE,
        )
        parties = [
            NoticeParty(
                notice_cite=raw["cite"],
                name=party["name"],
                aliases=party.get("aliases", []),
                countries=party.get("countries", []),
                role=party.get("role", "added"),
                excerpt=party.get("excerpt", ""),
                excerpt_source=party.get("excerpt_source", ""),
            )
            for party in raw["parties"]
        ]
        notices.append((notice, parties))
    return notices


def bundled_notices_version(path: Path | None = None) -> str:
    """Changes whenever the shipped table does, so a store takes a new release's table."""
    return hashlib.sha256((path or bundled_path(BUNDLED_NOTICES)).read_bytes()).hexdigest()[:16]
