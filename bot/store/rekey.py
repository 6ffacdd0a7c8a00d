"""A schema step: stable keys made of list, core name and countries become the identity of
bot.importers.identity, in every kept version and in the history.

Under the old keys an entry that gained a country was a new entry, and its old key a
departed one; the history may hold both. Rekeyed, they are one entry again: its rows are
merged into the latest, which stays listed if either is.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from bot.importers.identity import Traits, assign_keys, base_identity, entity_number

_BATCH = 2000


def rekey_entries(connection: Connection) -> None:
    renamed = _rekey_designations(connection)
    _rekey_history(connection, renamed)


def _rekey_designations(connection: Connection) -> dict[str, str]:
    """Each kept version's entries, oldest version first, paired with the version before as a
    load pairs them; returns each old key's new key, as the newest version holding it has it."""
    designations = _table("designation")
    versions = _table("dataset_version")
    dataset_ids = connection.execute(select(versions.c.id).order_by(versions.c.id)).scalars()
    renamed: dict[str, str] = {}
    previous: dict[str, Traits] = {}
    for dataset_id in list(dataset_ids):
        rows = connection.execute(
            select(
                designations.c.id,
                designations.c.stable_key,
                designations.c.list_code,
                designations.c.name,
                designations.c.entry_type,
                designations.c.fingerprint,
                designations.c.countries,
                designations.c.addresses,
                designations.c.raw,
            )
            .where(designations.c.dataset_id == dataset_id)
            .order_by(designations.c.id)
        ).all()
        traits = [_traits(row) for row in rows]
        keys = assign_keys(traits, previous)
        updates = [{"row_id": row.id, "new_key": key} for row, key in zip(rows, keys, strict=True)]
        for start in range(0, len(updates), _BATCH):
            connection.execute(
                update(designations)
                .where(designations.c.id == bindparam("row_id"))
                .values(stable_key=bindparam("new_key")),
                updates[start : start + _BATCH],
            )
        # The old history kept the first entry of a key it met twice; so does this.
        first_of_old_key: dict[str, str] = {}
        for row, key in zip(rows, keys, strict=True):
            first_of_old_key.setdefault(row.stable_key, key)
        renamed.update(first_of_old_key)
        previous = dict(zip(keys, traits, strict=True))
    return renamed


def _traits(row: Any) -> Traits:
    raw = row.raw if isinstance(row.raw, dict) else {}
    return Traits(
        base_identity(row.list_code, row.name, row.entry_type, entity_number(raw)),
        row.fingerprint,
        row.name,
        tuple(sorted(row.countries or [])),
        tuple(sorted(row.addresses or [])),
    )


def _rekey_history(connection: Connection, renamed: dict[str, str]) -> None:
    history = _table("listing_history")
    merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in connection.execute(select(history)).mappings():
        # An entry no kept version holds is known by its fields alone.
        new_key = renamed.get(row["stable_key"]) or base_identity(
            row["list_code"], row["name"], row["entry_type"]
        )
        merged[new_key].append({**row, "stable_key": new_key})
    rows = [_merge(versions) for versions in merged.values()]
    connection.execute(delete(history))
    for start in range(0, len(rows), _BATCH):
        connection.execute(insert(history), rows[start : start + _BATCH])


def _merge(versions: list[dict[str, Any]]) -> dict[str, Any]:
    """One entry's rows as one: the latest fields, seen since the first sighting, listed when
    any row is."""

    def recency(row: dict[str, Any]) -> tuple[bool, date]:
        return (row["gone_by"] is None, row["last_seen"])

    newest = max(versions, key=recency)
    latest = dict(newest)
    latest["first_seen"] = min(row["first_seen"] for row in versions)
    return latest


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]
