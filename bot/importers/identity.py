"""How one entry is recognised across two dataset versions, and whether it changed."""

from __future__ import annotations

import hashlib
import json

from bot.importers.entry import CslEntry
from bot.names import analyse


def stable_key(list_code: str, name: str, countries: list[str]) -> str:
    """List + normalised name + countries: the CSL's `_id` is not stable for Entity List
    rows, so it cannot say that two versions hold the same entry."""
    core = " ".join(analyse(name).core)
    return f"{list_code}|{core}|{','.join(sorted(countries))}"


def fingerprint(entry: CslEntry) -> str:
    content = [
        entry.name,
        entry.entry_type,
        sorted(entry.alt_names),
        sorted(entry.addresses),
        sorted(entry.programs),
        entry.federal_register_notice,
        entry.start_date.isoformat() if entry.start_date else "",
        entry.end_date.isoformat() if entry.end_date else "",
        entry.license_requirement,
        entry.license_policy,
        entry.remarks,
    ]
    return hashlib.sha1(json.dumps(content).encode("utf-8")).hexdigest()
