"""Whether an entry changed between two dataset versions (CslEntry.stable_key says which
entries to compare)."""

from __future__ import annotations

import hashlib
import json

from bot.importers.entry import CslEntry


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
