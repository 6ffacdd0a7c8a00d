"""The one entry point to the domain: look names up, refresh the data, report status.

The CLI and the Slack listeners both call this; nothing here knows about Slack.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.answers.build import AnswerBuilder
from bot.answers.model import Answer, DataSummary
from bot.bundle import bundled_path
from bot.changes import DatasetChanges, compare
from bot.federal_register.api import FederalRegisterApi
from bot.federal_register.book import NoticeBook
from bot.federal_register.bundle import bundled_notices_version, read_bundled_notices
from bot.federal_register.enrich import Enricher, EnrichReport
from bot.importers import parse_csl
from bot.refresh_guard import RefreshGuard
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
    prune_versions,
)
from bot.store.history import departed, record_history
from bot.store.models import DatasetVersion, ListingHistory, NoticeParty
from bot.store.notices import (
    all_notice_parties,
    all_notices,
    meta,
    notices_signature,
    save_notices,
    set_meta,
)
from bot.store.refresh_lock import LockHolder, holder_of, refresh_lock

logger = logging.getLogger(__name__)

BUNDLED_SNAPSHOT = "csl-2026-07-31.json.gz"
BUNDLED_NOTICES_KEY = "bundled_notices_version"
# How often a long-running process checks whether another one activated new data.
ACTIVE_CHECK_SECONDS = 5.0
# A refresh whose process died gives its lock up this long after its downloads could last.
LOCK_MARGIN = timedelta(minutes=15)


def _refresh_in_child(
    settings: Settings,
    source: str | None,
    loaded_by: str,
    force: bool,
    unless_loaded_after: datetime | None,
) -> RefreshReport:
    return Screening(settings, notify=lambda message: None).refresh(
        source, loaded_by=loaded_by, force=force, unless_loaded_after=unless_loaded_after
    )


class RefreshNotDue(RuntimeError):
    """The active data is fresh enough: another process refreshed it meanwhile."""


def _raise_if_loaded_after(active: DatasetVersion, moment: datetime) -> None:
    loaded_at = active.fetched_at
    if loaded_at.tzinfo is None:
        loaded_at = loaded_at.replace(tzinfo=UTC)
    if active.loaded_by != "bundle" and loaded_at > moment:
        raise RefreshNotDue(f"the data was refreshed at {loaded_at:%Y-%m-%d %H:%M} UTC")


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
    """Everything a lookup needs, built once per active dataset and set of notices."""

    dataset: DatasetVersion
    notices: tuple[int, int]
    resolver: Resolver
    book: NoticeBook
    data: DataSummary
    former_parties: dict[int, NoticeParty]
    former_entries: dict[int, ListingHistory]


# Former listings share the index with current ones under ids no designation has.
_NOTICE_PARTY_IDS = -1
_DEPARTED_IDS = -10_000_000


class Screening:
    def __init__(self, settings: Settings, notify: Callable[[str], None] = _to_stderr) -> None:
        self.settings = settings
        self.notify = notify
        self.engine = open_database(settings.database_url)
        self.guard = RefreshGuard(min_entries=settings.min_entries, max_shrink=settings.max_shrink)
        self._loaded: _Loaded | None = None
        self._notices_ensured = False
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
            record_history(self.engine, parsed.entries, dataset.as_of or date.today())
            self.notify(
                f"entitybot: first use, loaded the bundled Consolidated Screening List "
                f"({dataset.entry_count:,} entries, as of {dataset.as_of}) in "
                f"{time.perf_counter() - started:.1f} s."
            )
        return dataset

    def _ensure_notices(self) -> None:
        """Load the curated notices shipped with this release, once per version of them.

        Checked once per process: ensure_data runs on every periodic check of a web worker,
        and the shipped table cannot change under a running process.
        """
        if self._notices_ensured:
            return
        version = bundled_notices_version()
        if meta(self.engine, BUNDLED_NOTICES_KEY) != version:
            save_notices(self.engine, read_bundled_notices())
            set_meta(self.engine, BUNDLED_NOTICES_KEY, version)
        self._notices_ensured = True

    def refresh(
        self,
        source: str | None = None,
        loaded_by: str = "cli",
        progress: Progress | None = None,
        as_of: date | None = None,
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshReport:
        """Load a CSL file or URL as the new active dataset.

        One refresh runs at a time across every process (RefreshInProgress otherwise). The
        download is checked (SourceError), parsed (CslFormatError) and weighed against the
        active data (RefreshRefused: too few entries, or a list shrinking past the guard
        unless `force`) before anything is written; the new version becomes active in the
        transaction that writes it. On any error the previous data stays active, untouched.
        """
        started = time.perf_counter()
        source = source or self.settings.csl_url
        lease = timedelta(seconds=self.settings.download_timeout_seconds * 3) + LOCK_MARGIN
        with refresh_lock(self.engine, loaded_by, lease):
            self._ensure_notices()
            previous = active_dataset(self.engine)
            if unless_loaded_after is not None and previous is not None:
                _raise_if_loaded_after(previous, unless_loaded_after)
            fetched = fetch_source(
                source,
                DownloadPolicy(
                    timeout_seconds=self.settings.download_timeout_seconds,
                    max_bytes=self.settings.max_download_mb * 1024 * 1024,
                ),
                progress=progress,
            )
            parsed = parse_csl(fetched.body)
            counts = dict(Counter(entry.list_code for entry in parsed.entries))
            self.guard.check(previous.counts_per_list if previous else None, counts, force)
            dataset = load_dataset(
                self.engine,
                parsed,
                source=source,
                loaded_by=loaded_by,
                fetched_at=datetime.now(UTC),
                # The file's own date first (JSON carries one), then when the source changed.
                as_of=as_of
                or parsed.as_of
                or (fetched.last_modified.date() if fetched.last_modified else None),
            )
            changes = compare(
                entry_summaries(self.engine, previous.id or 0) if previous else [],
                entry_summaries(self.engine, dataset.id or 0),
            )
            record_history(self.engine, parsed.entries, dataset.as_of or date.today())
            prune_versions(self.engine, self.settings.keep_versions)
        self._after_refresh()
        return RefreshReport(dataset, previous, changes, time.perf_counter() - started, source)

    def refresh_in_child(
        self,
        source: str | None = None,
        loaded_by: str = "cli",
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshReport:
        """The same refresh, run in a child process: its parsing and writing would otherwise
        hold this process's interpreter lock for seconds on end (most of the time while
        SQLite writes), and a web process must go on answering at full speed meanwhile."""
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as child:
            report = child.submit(
                _refresh_in_child, self.settings, source, loaded_by, force, unless_loaded_after
            ).result()
        self._after_refresh()
        return report

    def _after_refresh(self) -> None:
        """An index already in use is rebuilt now, in this thread, so that lookups after
        the refresh returns answer from the new data; until the swap, the old answers."""
        if self._loaded is not None:
            self.warm()

    def status(self) -> DatasetVersion:
        return self.ensure_data()

    def enrich(
        self, limit: int | None = None, api: FederalRegisterApi | None = None
    ) -> EnrichReport:
        """Ask the Federal Register about cites no stored notice covers (see Enricher).

        Lookups go on meanwhile, and answer from the new notices once it returns.
        """
        dataset = self.ensure_data()
        api = api or FederalRegisterApi(self.settings.fr_api_url)
        report = Enricher(self.engine, api).run(dataset.id or 0, limit)
        if report.notices_added:
            self._after_refresh()
        return report

    def refresh_running(self) -> LockHolder | None:
        """Who is refreshing now, if anyone."""
        return holder_of(self.engine)

    # -- lookups ------------------------------------------------------------------------

    def lookup(self, query: str, limit: int = 5) -> Answer:
        loaded = self._current()
        resolution = loaded.resolver.resolve(query, limit=limit)
        ids = [listing for c in resolution.candidates for listing in c.party.listing_ids]
        ids += [c.listing_id for c in resolution.near_misses]
        entries = designations(self.engine, ids)
        if len(entries) < len(set(ids)):
            # This process still had a version that refreshes elsewhere have since pruned:
            # only the active data will do now, however long it takes to load.
            with self._build_lock:
                active = self.ensure_data()
                self._loaded = self._build(active, notices_signature(self.engine))
                self._checked_at = time.monotonic()
            return self.lookup(query, limit)
        builder = AnswerBuilder(
            book=loaded.book,
            data=loaded.data,
            entries=entries,
            aliases=aliases_of(self.engine, ids),
            former_parties=loaded.former_parties,
            former_entries=loaded.former_entries,
        )
        return builder.answer(resolution)

    def warm(self) -> None:
        """Have the index of the active data built now, not on a later lookup."""
        with self._build_lock:
            active = self.ensure_data()
            notices = notices_signature(self.engine)
            loaded = self._loaded
            if loaded is None or (loaded.dataset.id, loaded.notices) != (active.id, notices):
                self._loaded = self._build(active, notices)
            self._checked_at = time.monotonic()

    def _current(self) -> _Loaded:
        """The index and notices of the active data, rebuilt when they change.

        A rebuild runs in a thread of its own while lookups go on answering from what is
        loaded (the version a refresh replaced stays in the store); a lookup only waits
        when nothing is loaded at all.
        """
        loaded = self._loaded
        if loaded is not None and time.monotonic() - self._checked_at < ACTIVE_CHECK_SECONDS:
            return loaded
        if loaded is None:
            with self._build_lock:
                if self._loaded is None:
                    active = self.ensure_data()
                    self._loaded = self._build(active, notices_signature(self.engine))
                    self._checked_at = time.monotonic()
                return self._loaded
        if self._build_lock.acquire(blocking=False):
            self._checked_at = time.monotonic()
            try:
                active = self.ensure_data()
                notices = notices_signature(self.engine)
            except Exception:
                self._build_lock.release()
                raise
            if (loaded.dataset.id, loaded.notices) == (active.id, notices):
                self._build_lock.release()
            else:
                threading.Thread(
                    target=self._rebuild,
                    args=(active, notices),
                    name="entitybot-index",
                    daemon=True,
                ).start()
        return loaded

    def _rebuild(self, active: DatasetVersion, notices: tuple[int, int]) -> None:
        """Build the new data's index, then swap it in; the build lock is held throughout."""
        try:
            self._loaded = self._build(active, notices)
        except Exception:
            logger.exception("could not build the index of dataset %s", active.id)
        finally:
            self._checked_at = time.monotonic()
            self._build_lock.release()

    def _build(self, dataset: DatasetVersion, notices: tuple[int, int]) -> _Loaded:
        rows = index_rows(self.engine, dataset.id or 0)
        listings = [
            Listing(row.designation_id, row.list_code, row.name, row.aliases, row.entry_type)
            for row in rows
        ]
        former_entries: dict[int, ListingHistory] = {}
        for number, entry in enumerate(departed(self.engine)):
            listing_id = _DEPARTED_IDS - number
            former_entries[listing_id] = entry
            listings.append(
                Listing(
                    listing_id,
                    entry.list_code,
                    entry.name,
                    tuple(entry.aliases),
                    entry.entry_type,
                    former=True,
                )
            )
        # A party a notice added is former when no current Entity List entry, and no
        # departed one already indexed, bears its name.
        known = {core_key(e.name) for e in former_entries.values()}
        known |= {
            core_key(name)
            for row in rows
            if row.list_code == "EL"
            for name in (row.name, *row.aliases)
        }
        former_parties: dict[int, NoticeParty] = {}
        parties = all_notice_parties(self.engine)
        for party in parties:
            if party.role == "added" and core_key(party.name) not in known:
                listing_id = _NOTICE_PARTY_IDS - (party.id or 0)
                former_parties[listing_id] = party
                listings.append(
                    Listing(listing_id, "EL", party.name, tuple(party.aliases), former=True)
                )
        return _Loaded(
            dataset=dataset,
            notices=notices,
            resolver=Resolver(NameIndex(listings)),
            book=NoticeBook(all_notices(self.engine), parties),
            data=DataSummary(
                as_of=dataset.as_of,
                entry_count=dataset.entry_count,
                lists=dict(dataset.counts_per_list),
            ),
            former_parties=former_parties,
            former_entries=former_entries,
        )
