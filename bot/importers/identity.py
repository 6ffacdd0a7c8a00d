"""Which entries of two dataset versions are the same listing, and whether it changed.

An entry's identity must survive everything a list revises about it (an address, a country,
an alias, a cite), so it is built from what names the listing, never from what describes it:

- the list and OFAC's entity number, when the entry has one (the Treasury lists): OFAC
  keeps that number for the life of a listing;
- else the list, the name's core (legal forms and stop words dropped) and the entry type.
  The CSL's `_id` is no help for these lists (Entity List, DPL, ...): there it is a digest,
  not a number a list keeps, and it is not stable from one version to the next.

Entries of one list can share that identity and still be distinct (DPL lists "PAYLING
WANG" twice, one person per order; "A. ROSENTHAL (PTY) LTD." under ZA and under NA), so a
dataset's keys are assigned together, each entry paired with the most alike entry of the
version before it, and the rest numbered: `base`, then `base|+2`, `base|+3`...
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.importers.entry import CslEntry
from bot.names import analyse

# What separates a base identity from the number of a same-named entry. Neither list codes,
# name cores (words of letters and digits) nor entry types hold it.
_NUMBERED = "|+"


def fingerprint(entry: CslEntry) -> str:
    """Changes when anything the list says of the entry changes."""
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


def entity_number(raw: Mapping[str, Any]) -> str:
    """OFAC's entity number, as both layouts give it (CSV text, JSON text or a number)."""
    value = raw.get("entity_number")
    return "" if value is None else str(value).strip()


def base_identity(list_code: str, name: str, entry_type: str, number: str = "") -> str:
    if number:
        return f"{list_code}|#{number}"
    return f"{list_code}|{analyse(name).core_text}|{entry_type.strip()}"


@dataclass(frozen=True)
class Traits:
    """What pairing an entry with one of the version before looks at."""

    base: str
    fingerprint: str
    name: str
    countries: tuple[str, ...]
    addresses: tuple[str, ...]


def traits(entry: CslEntry) -> Traits:
    return Traits(
        base_identity(entry.list_code, entry.name, entry.entry_type, entity_number(entry.raw)),
        fingerprint(entry),
        entry.name,
        tuple(sorted(entry.countries)),
        tuple(sorted(entry.addresses)),
    )


def base_of(key: str) -> str:
    return key.split(_NUMBERED, 1)[0]


def assign_keys(entries: Sequence[Traits], previous: Mapping[str, Traits]) -> list[str]:
    """A key for each entry, unique within them: the key of the entry of the previous
    version (by key) that it continues, else a new one.

    Within one base identity, pairs are made most alike first (same fingerprint, then same
    name as written, same countries, same addresses); a lone entry on each side is always
    the same listing, whatever else changed.
    """
    known: dict[str, list[str]] = defaultdict(list)
    for key in previous:
        known[base_of(key)].append(key)
    fresh: dict[str, list[int]] = defaultdict(list)
    for at, entry in enumerate(entries):
        fresh[entry.base].append(at)
    keys: list[str] = [""] * len(entries)
    for base, members in fresh.items():
        candidates = sorted(known.get(base, []))
        for key, at in _pairs(candidates, members, entries, previous):
            keys[at] = key
        taken = {keys[at] for at in members if keys[at]}
        unpaired = sorted(
            (at for at in members if not keys[at]),
            key=lambda at: _order(entries[at]),
        )
        numbers = _free_keys(base, taken)
        for at in unpaired:
            keys[at] = next(numbers)
    return keys


def _pairs(
    candidates: list[str],
    members: list[int],
    entries: Sequence[Traits],
    previous: Mapping[str, Traits],
) -> Iterable[tuple[str, int]]:
    ranked = sorted(
        ((_likeness(previous[key], entries[at]), key, at) for key in candidates for at in members),
        key=lambda scored: (tuple(-part for part in scored[0]), scored[1], scored[2]),
    )
    used_keys: set[str] = set()
    used_entries: set[int] = set()
    for _, key, at in ranked:
        if key not in used_keys and at not in used_entries:
            used_keys.add(key)
            used_entries.add(at)
            yield key, at


def _likeness(before: Traits, now: Traits) -> tuple[int, int, int, int]:
    return (
        int(before.fingerprint == now.fingerprint),
        int(before.name == now.name),
        int(before.countries == now.countries),
        int(before.addresses == now.addresses),
    )


def _order(entry: Traits) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
    """New same-named entries are numbered in an order that does not depend on the file's."""
    return (entry.name, entry.countries, entry.addresses, entry.fingerprint)


def _free_keys(base: str, taken: set[str]) -> Iterator[str]:
    number = 1
    while True:
        key = base if number == 1 else f"{base}{_NUMBERED}{number}"
        if key not in taken:
            yield key
        number += 1
