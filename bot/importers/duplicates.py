"""Entries a file holds more than once, the same in every field, kept once."""

from __future__ import annotations

from typing import Any

from bot.importers.entry import CslEntry


def collapse_duplicates(entries: list[CslEntry]) -> tuple[list[CslEntry], int]:
    """The entries with exact repeats dropped (first one kept), and how many were dropped.

    Only a record equal in every field is a repeat: two rows that differ in anything, even an
    id, are two entries as far as the list says.
    """
    # Records are compared only with those of the same id and name: exact repeats share
    # both, and a dictionary comparison over 26,000 records would cost more than the parse.
    seen: dict[tuple[str, str], list[dict[str, Any]]] = {}
    kept = []
    for entry in entries:
        alike = seen.setdefault((entry.entry_id, entry.name), [])
        if entry.raw in alike:
            continue
        alike.append(entry.raw)
        kept.append(entry)
    return kept, len(entries) - len(kept)
