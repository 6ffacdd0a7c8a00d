"""Dataset versions: load one whole, switch the active one in a single transaction."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlmodel import Session, col

from bot.importers import ParsedCsl
from bot.importers.entry import CslEntry
from bot.importers.identity import Traits, assign_keys, base_of, traits
from bot.store.database import session as open_session
from bot.store.history import record_history
from bot.store.models import Alias, DatasetVersion, Designation, entry_columns

_BATCH = 2000


@dataclass(frozen=True)
class IndexRow:
    """What the name index needs of one designation."""

    designation_id: int
    list_code: str
    name: str
    entry_type: str
    aliases: tuple[str, ...]


def load_dataset(
    engine: Engine,
    parsed: ParsedCsl,
    source: str,
    loaded_by: str,
    fetched_at: datetime | None = None,
    as_of: date | None = None,
    keep_versions: int | None = None,
    # refresh-lock hook: raises, inside the transaction, to keep the version from becoming
    # active (the lock was lost, or newer data is active by now); see screening.activation.
    before_activation: Callable[[Session], None] | None = None,
) -> DatasetVersion:
    """Write every entry as a new dataset version, bring the history of listings up to it,
    make it the active one and prune all but the newest `keep_versions` versions.

    It all happens in one transaction: readers see the old version and its history until
    the commit, and the new ones after, never a half-loaded set; a failure, or a process
    that dies at any point, leaves nothing behind.
    """
    started = time.perf_counter()
    fetched_at = fetched_at or datetime.now(UTC)
    as_of = as_of or parsed.as_of or fetched_at.date()
    counts = dict(sorted(Counter(entry.list_code for entry in parsed.entries).items()))
    with open_session(engine) as session, session.begin():
        # Each entry continues the listing of the active version it is most alike.
        entry_traits = [traits(entry) for entry in parsed.entries]
        keys = assign_keys(entry_traits, _active_traits(session))
        dataset = DatasetVersion(
            source=source,
            layout=parsed.layout,
            fetched_at=fetched_at,
            as_of=as_of,
            sha256=parsed.sha256,
            entry_count=len(parsed.entries),
            counts_per_list=counts,
            loaded_by=loaded_by,
        )
        session.add(dataset)
        session.flush()
        assert dataset.id is not None
        _write_entries(session, dataset.id, parsed.entries, keys, entry_traits)
        record_history(session, list(zip(keys, parsed.entries, strict=True)), as_of)
        if before_activation is not None:  # refresh-lock hook (see the parameter)
            before_activation(session)
        session.execute(update(DatasetVersion).values(active=col(DatasetVersion.id) == dataset.id))
        dataset.active = True
        if keep_versions is not None:
            prune_versions(session, keep_versions)
        dataset.load_seconds = round(time.perf_counter() - started, 3)
    return dataset


def _write_entries(
    session: Session,
    dataset_id: int,
    entries: list[CslEntry],
    keys: list[str],
    entry_traits: list[Traits],
) -> None:
    for start in range(0, len(entries), _BATCH):
        stop = start + _BATCH
        batch = entries[start:stop]
        rows = [
            {
                **entry_columns(entry),
                "dataset_id": dataset_id,
                "stable_key": key,
                "fingerprint": known.fingerprint,
                "raw": entry.raw,
            }
            for entry, key, known in zip(
                batch, keys[start:stop], entry_traits[start:stop], strict=True
            )
        ]
        ids = (
            session.execute(
                insert(Designation).returning(col(Designation.id), sort_by_parameter_order=True),
                rows,
            )
            .scalars()
            .all()
        )
        aliases = [
            {"designation_id": designation_id, "dataset_id": dataset_id, "alias": alias}
            for designation_id, entry in zip(ids, batch, strict=True)
            for alias in entry.alt_names
        ]
        if aliases:
            session.execute(insert(Alias), aliases)


def _active_traits(session: Session) -> dict[str, Traits]:
    """The active version's entries by key, as pairing a new version with it needs them."""
    rows = session.execute(
        select(
            col(Designation.stable_key),
            col(Designation.fingerprint),
            col(Designation.name),
            col(Designation.countries),
            col(Designation.addresses),
        )
        .join(DatasetVersion, col(DatasetVersion.id) == col(Designation.dataset_id))
        .where(col(DatasetVersion.active))
    )
    return {
        key: Traits(
            base_of(key), fingerprint, name, tuple(sorted(countries)), tuple(sorted(addresses))
        )
        for key, fingerprint, name, countries, addresses in rows
    }


def active_dataset(engine: Engine) -> DatasetVersion | None:
    with open_session(engine) as session:
        return (
            session.execute(select(DatasetVersion).where(col(DatasetVersion.active)))
            .scalars()
            .first()
        )


def index_rows(engine: Engine, dataset_id: int) -> list[IndexRow]:
    with open_session(engine) as session:
        aliases: dict[int, list[str]] = defaultdict(list)
        for designation_id, alias in session.execute(
            select(col(Alias.designation_id), col(Alias.alias))
            .where(col(Alias.dataset_id) == dataset_id)
            .order_by(col(Alias.id))
        ):
            aliases[designation_id].append(alias)
        return [
            IndexRow(row.id, row.list_code, row.name, row.entry_type, tuple(aliases[row.id]))
            for row in session.execute(
                select(
                    col(Designation.id),
                    col(Designation.list_code),
                    col(Designation.name),
                    col(Designation.entry_type),
                )
                .where(col(Designation.dataset_id) == dataset_id)
                .order_by(col(Designation.id))
            )
        ]


def designations(engine: Engine, ids: Iterable[int]) -> dict[int, Designation]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    with open_session(engine) as session:
        rows = session.execute(select(Designation).where(col(Designation.id).in_(wanted)))
        return {row.id or 0: row for row in rows.scalars().all()}


def aliases_of(engine: Engine, ids: Iterable[int]) -> dict[int, list[str]]:
    wanted = list(dict.fromkeys(ids))
    found: dict[int, list[str]] = defaultdict(list)
    if not wanted:
        return found
    with open_session(engine) as session:
        for designation_id, alias in session.execute(
            select(col(Alias.designation_id), col(Alias.alias))
            .where(col(Alias.designation_id).in_(wanted))
            .order_by(col(Alias.id))
        ):
            found[designation_id].append(alias)
    return found


@dataclass(frozen=True)
class EntrySummary:
    """An entry as a diff between versions sees it."""

    stable_key: str
    fingerprint: str
    list_code: str
    name: str


def entry_summaries(engine: Engine, dataset_id: int) -> list[EntrySummary]:
    with open_session(engine) as session:
        return [
            EntrySummary(*row)
            for row in session.execute(
                select(
                    col(Designation.stable_key),
                    col(Designation.fingerprint),
                    col(Designation.list_code),
                    col(Designation.name),
                ).where(col(Designation.dataset_id) == dataset_id)
            )
        ]


def prune_versions(session: Session, keep: int) -> list[int]:
    """Delete all but the newest `keep` dataset versions (never the active one), in the
    caller's transaction."""
    ids = list(
        session.execute(
            select(col(DatasetVersion.id), col(DatasetVersion.active)).order_by(
                col(DatasetVersion.id).desc()
            )
        )
    )
    doomed = [
        dataset_id for at, (dataset_id, active) in enumerate(ids) if at >= keep and not active
    ]
    if doomed:
        session.execute(delete(Alias).where(col(Alias.dataset_id).in_(doomed)))
        session.execute(delete(Designation).where(col(Designation.dataset_id).in_(doomed)))
        session.execute(delete(DatasetVersion).where(col(DatasetVersion.id).in_(doomed)))
    return doomed


@dataclass(frozen=True)
class CitedEntry:
    """An entry with the Federal Register cites it gives."""

    designation_id: int
    name: str
    aliases: tuple[str, ...]
    cites: tuple[str, ...]


def cited_entries(engine: Engine, dataset_id: int) -> list[CitedEntry]:
    with open_session(engine) as session:
        rows = [
            (row.id, row.name, row.federal_register_cites)
            for row in session.execute(
                select(
                    col(Designation.id),
                    col(Designation.name),
                    col(Designation.federal_register_cites),
                )
                .where(col(Designation.dataset_id) == dataset_id)
                .order_by(col(Designation.id))
            )
            if row.federal_register_cites
        ]
    aliases = aliases_of(engine, [row[0] for row in rows])
    return [
        CitedEntry(designation_id, name, tuple(aliases.get(designation_id, ())), tuple(cites))
        for designation_id, name, cites in rows
    ]


def list_names(engine: Engine, dataset_id: int) -> dict[str, str]:
    """Each list code of a dataset with the name its entries give the list ("EL": "Entity
    List"), so that messages name lists as the data does."""
    with open_session(engine) as session:
        rows = session.execute(
            select(col(Designation.list_code), col(Designation.list_name))
            .where(col(Designation.dataset_id) == dataset_id)
            .distinct()
        )
        return dict(sorted((code, name) for code, name in rows))
