"""The one entry point to the domain: look names up, refresh the data, report status.

The CLI and the Slack listeners both call this; nothing here knows about Slack.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.answers.build import AnswerBuilder
from bot.answers.model import Answer, DataSummary
from bot.bundle import bundled_path
from bot.changes import DatasetChanges, compare
from bot.federal_register.book import NoticeBook
from bot.federal_register.bundle import read_bundled_notices
from bot.importers import parse_csl
from bot.resolver import Listing, NameIndex, Resolver
from bot.resolver.index import core_key
from bot.settings import Settings
from bot.sources import DownloadPolicy, Progress, fetch_source
from bot.store import open_database
from bot.store.datasets import (
    active_dataset,
    aliases_of,
    designations,
    entry_summaries,
    index_rows,
    load_dataset,
)
from bot.store.models import DatasetVersion, NoticeParty
from bot.store.notices import all_notice_parties, all_notices, save_notices

BUNDLED_SNAPSHOT = "csl-2026-07-31.json.gz"
# How often a long-running process checks whether another one activated new data.
ACTIVE_CHECK_SECONDS = 5.0


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class RefreshReport:
    dataset: DatasetVersion
    previous: DatasetVersion | None
    changes: DatasetChanges
    seconds: float
    source: str


@dataclass
class _Loaded:
    """Everything a lookup needs, built once per active dataset."""

    dataset: DatasetVersion
    resolver: Resolver
    book: NoticeBook
    data: DataSummary
    former_parties: dict[int, NoticeParty]


class Screening:
    def __init__(self, settings: Settings, notify: Callable[[str], None] = _to_stderr) -> None:
        self.settings = settings
        self.notify = notify
        self.engine = open_database(settings.database_url)
        self._loaded: _Loaded | None = None
        self._checked_at = 0.0
        self._build_lock = threading.Lock()

    # -- data ---------------------------------------------------------------------------

    def ensure_data(self) -> DatasetVersion:
        """The active dataset; on first use, the bundled snapshot and notices are loaded."""
        self._ensure_notices()
        dataset = active_dataset(self.engine)
        if dataset is None:
            started = time.perf_counter()
            path = bundled_path(BUNDLED_SNAPSHOT)
            parsed = parse_csl(path.read_bytes())
            dataset = load_dataset(
                self.engine, parsed, source=f"bundled snapshot {path.name}", loaded_by="bundle"
            )
            self.notify(
                f"entitybot: first use, loaded the bundled Consolidated Screening List "
                f"({dataset.entry_count:,} entries, as of {dataset.as_of}) in "
                f"{time.perf_counter() - started:.1f} s."
            )
        return dataset

    def _ensure_notices(self) -> None:
        if not all_notices(self.engine):
            save_notices(self.engine, read_bundled_notices())

    def refresh(
        self,
        source: str | None = None,
        loaded_by: str = "cli",
        progress: Progress | None = None,
        as_of: date | None = None,
    ) -> RefreshReport:
        """Load a CSL file or URL as the new active dataset. On any error the previous
        dataset stays active and untouched."""
        started = time.perf_counter()
        source = source or self.settings.csl_url
        self._ensure_notices()
        previous = active_dataset(self.engine)
        fetched = fetch_source(
            source,
            DownloadPolicy(timeout_seconds=self.settings.download_timeout_seconds),
            progress=progress,
        )
        parsed = parse_csl(fetched.body)
        dataset = load_dataset(
            self.engine,
            parsed,
            source=source,
            loaded_by=loaded_by,
            fetched_at=datetime.now(UTC),
            # The file's own date first (JSON carries one), then when the source last changed.
            as_of=as_of
            or parsed.as_of
            or (fetched.last_modified.date() if fetched.last_modified else None),
        )
        changes = compare(
            entry_summaries(self.engine, previous.id or 0) if previous else [],
            entry_summaries(self.engine, dataset.id or 0),
        )
        self._loaded = None
        return RefreshReport(dataset, previous, changes, time.perf_counter() - started, source)

    def status(self) -> DatasetVersion:
        return self.ensure_data()

    # -- lookups ------------------------------------------------------------------------

    def lookup(self, query: str, limit: int = 5) -> Answer:
        loaded = self._current()
        resolution = loaded.resolver.resolve(query, limit=limit)
        ids = [listing for c in resolution.candidates for listing in c.party.listing_ids]
        ids += [c.listing_id for c in resolution.near_misses]
        builder = AnswerBuilder(
            book=loaded.book,
            data=loaded.data,
            entries=designations(self.engine, ids),
            aliases=aliases_of(self.engine, ids),
            former_parties=loaded.former_parties,
        )
        return builder.answer(resolution)

    def warm(self) -> None:
        """Build the index now rather than on the first lookup."""
        self._current()

    def _current(self) -> _Loaded:
        loaded = self._loaded
        now = time.monotonic()
        if loaded is not None and now - self._checked_at < ACTIVE_CHECK_SECONDS:
            return loaded
        with self._build_lock:
            active = self.ensure_data()
            self._checked_at = time.monotonic()
            if self._loaded is None or self._loaded.dataset.id != active.id:
                self._loaded = self._build(active)
            return self._loaded

    def _build(self, dataset: DatasetVersion) -> _Loaded:
        rows = index_rows(self.engine, dataset.id or 0)
        listings = [
            Listing(row.designation_id, row.list_code, row.name, row.aliases, row.entry_type)
            for row in rows
        ]
        current_keys = {core_key(row.name) for row in rows}
        current_keys |= {core_key(alias) for row in rows for alias in row.aliases}
        former: dict[int, NoticeParty] = {}
        parties = all_notice_parties(self.engine)
        for party in parties:
            if party.role == "added" and core_key(party.name) not in current_keys:
                former[-(party.id or 0)] = party
                listings.append(
                    Listing(-(party.id or 0), "EL", party.name, tuple(party.aliases), former=True)
                )
        return _Loaded(
            dataset=dataset,
            resolver=Resolver(NameIndex(listings)),
            book=NoticeBook(all_notices(self.engine), parties),
            data=DataSummary(
                as_of=dataset.as_of,
                entry_count=dataset.entry_count,
                lists=dict(dataset.counts_per_list),
            ),
            former_parties=former,
        )
