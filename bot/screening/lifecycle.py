"""The data's life: the bundled snapshot on first use, refreshes, Federal Register enrichment.

It knows nothing of the name index: a refresh returns its report, and whoever holds an index
(the facade) rebuilds it.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bot.bundle import bundled_path
from bot.changes import compare
from bot.federal_register.api import FederalRegisterApi
from bot.federal_register.bundle import bundled_notices_version, read_bundled_notices
from bot.federal_register.enrich import Enricher, EnrichReport
from bot.importers import CslFormatError, parse_csl
from bot.refresh_guard import RefreshGuard, RefreshRefused
from bot.screening.activation import OlderThanActive, activation_check, refuse_older
from bot.screening.as_of import FutureAsOf, as_of_for, refuse_future
from bot.screening.lock_break import LockBreak, break_refresh_lock
from bot.screening.records import prune_with_refresh
from bot.screening.values import (
    BUNDLE_LOADER,
    DataStatus,
    RefreshBusy,
    RefreshFailure,
    RefreshOutcome,
    RefreshReport,
)
from bot.settings import Settings
from bot.sources import DownloadPolicy, Progress, SourceError, fetch_source, public_source
from bot.store import open_database
from bot.store.database import describe
from bot.store.datasets import active_dataset, entry_summaries, list_names, load_dataset
from bot.store.models import DatasetVersion
from bot.store.notices import meta, save_notices, set_meta
from bot.store.refresh_lock import RefreshInProgress, RefreshLockLost, holder_of, refresh_lock

logger = logging.getLogger(__name__)

BUNDLED_SNAPSHOT = "csl-2026-07-31.json.gz"
BUNDLED_NOTICES_KEY = "bundled_notices_version"


class RefreshNotDue(RuntimeError):
    """The active data is fresh enough: another process refreshed it meanwhile."""


# What a refresh may be refused with, each error saying why in words a person can act on.
REFRESH_REFUSALS = (
    SourceError,
    CslFormatError,
    RefreshRefused,
    RefreshInProgress,
    RefreshNotDue,
    RefreshLockLost,
    OlderThanActive,
    FutureAsOf,
)


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _refresh_in_child(
    settings: Settings,
    source: str | None,
    loaded_by: str,
    force: bool,
    unless_loaded_after: datetime | None,
) -> RefreshReport:
    lifecycle = DataLifecycle(settings, open_database(settings.database_url), notify=None)
    return lifecycle.refresh(
        source, loaded_by=loaded_by, force=force, unless_loaded_after=unless_loaded_after
    )


class DataLifecycle:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        notify: Callable[[str], None] | None = to_stderr,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.notify = notify
        self.guard = RefreshGuard(min_entries=settings.min_entries, max_shrink=settings.max_shrink)
        self._notices_ensured = False

    def ensure_data(self) -> DatasetVersion:
        """The active dataset; on first use, the bundled snapshot and notices are loaded."""
        self._ensure_notices()
        dataset = active_dataset(self.engine)
        if dataset is None:
            started = time.perf_counter()
            path = bundled_path(BUNDLED_SNAPSHOT)
            parsed = parse_csl(path.read_bytes())
            dataset = load_dataset(
                self.engine,
                parsed,
                source=f"bundled snapshot {path.name}",
                loaded_by=BUNDLE_LOADER,
            )
            if self.notify:
                self.notify(
                    f"entitybot: first use, loaded the bundled Consolidated Screening List "
                    f"({dataset.entry_count:,} entries, as of {dataset.as_of}) in "
                    f"{time.perf_counter() - started:.1f} s."
                )
        return dataset

    def status(self) -> DataStatus:
        return self.status_of(self.ensure_data())

    def status_of(self, version: DatasetVersion) -> DataStatus:
        return DataStatus.of(
            version, list_names(self.engine, version.id or 0), self.settings.stale_after_days
        )

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
        active data (RefreshRefused: too few entries, or a list shrinking past the guard;
        OlderThanActive: data as of an earlier day; both unless `force`) before anything is
        written; the new version becomes active in the transaction that writes it, and only
        if this refresh still holds the lock then (RefreshLockLost). On any error the
        previous data stays active, untouched.
        """
        started = time.perf_counter()
        source = source or self.settings.csl_url
        refuse_future(as_of)
        with refresh_lock(self.engine, loaded_by) as lock:
            self._ensure_notices()
            previous = active_dataset(self.engine)
            if unless_loaded_after is not None and previous is not None:
                _raise_if_loaded_after(self.status_of(previous), unless_loaded_after)
            fetched = fetch_source(source, DownloadPolicy.of(self.settings), progress=progress)
            parsed = parse_csl(fetched.body, self.settings.max_unpacked_mb * 1024 * 1024)
            counts = dict(Counter(entry.list_code for entry in parsed.entries))
            self.guard.check(previous.counts_per_list if previous else None, counts, force)
            fetched_at = datetime.now(UTC)
            dated = as_of_for(as_of, parsed.as_of, fetched.last_modified)
            as_of = dated.day
            if dated.future_date_ignored:
                logger.warning(
                    "refresh by %s: %s claims to be as of %s, later than today; taken as of %s",
                    loaded_by,
                    public_source(source),
                    dated.future_date_ignored,
                    as_of,
                )
            refuse_older(as_of, previous.as_of if previous else None, force)
            dataset = load_dataset(
                self.engine,
                parsed,
                source=public_source(source),
                loaded_by=loaded_by,
                fetched_at=fetched_at,
                as_of=as_of,
                # The history and the pruning commit with the new version, or nothing does.
                keep_versions=self.settings.keep_versions,
                before_activation=activation_check(lock, as_of, force),
            )
            changes = compare(
                entry_summaries(self.engine, previous.id or 0) if previous else [],
                entry_summaries(self.engine, dataset.id or 0),
            )
        return RefreshReport(
            dataset=self.status_of(dataset),
            previous=self.status_of(previous) if previous else None,
            changes=changes,
            seconds=time.perf_counter() - started,
            source=public_source(source),
            duplicates_collapsed=parsed.duplicates_collapsed,
            future_date_ignored=dated.future_date_ignored,
        )

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
            return child.submit(
                _refresh_in_child, self.settings, source, loaded_by, force, unless_loaded_after
            ).result()

    def attempt_refresh(
        self,
        requested_by: str,
        *,
        in_child: bool,
        source: str | None = None,
        progress: Progress | None = None,
        as_of: date | None = None,
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshOutcome:
        """A refresh that reports a refusal or a fault as its outcome instead of raising."""
        prune_with_refresh(self.engine, self.settings.audit_days)
        try:
            if in_child:
                report = self.refresh_in_child(source, requested_by, force, unless_loaded_after)
            else:
                report = self.refresh(
                    source, requested_by, progress, as_of, force, unless_loaded_after
                )
        except REFRESH_REFUSALS as exc:
            logger.warning("refresh by %s failed: %s", requested_by, exc)
            return RefreshFailure(str(exc), self._active_or_none())
        except DBAPIError as exc:
            # The database went away or stayed locked: a reason, not a traceback.
            logger.warning("refresh by %s failed: %s", requested_by, describe(exc))
            return RefreshFailure(describe(exc), self._active_or_none())
        except Exception:
            logger.exception("refresh by %s failed", requested_by)
            return RefreshFailure("an unexpected error; it was logged", self._active_or_none())
        logger.info("refresh by %s loaded %s", requested_by, report.dataset.as_of)
        return report

    def _active_or_none(self) -> DataStatus | None:
        try:
            return self.status()
        except DBAPIError as exc:
            logger.warning("cannot read the active dataset: %s", describe(exc))
            return None
        except Exception:
            logger.exception("cannot read the active dataset")
            return None

    def enrich(
        self, limit: int | None = None, api: FederalRegisterApi | None = None
    ) -> EnrichReport:
        """Ask the Federal Register about cites no stored notice covers (see Enricher)."""
        dataset = self.ensure_data()
        api = api or FederalRegisterApi(self.settings.fr_api_url)
        return Enricher(self.engine, api).run(dataset.id or 0, limit)

    def refresh_running(self) -> RefreshBusy | None:
        """Who is refreshing now, if anyone, in this process or any other."""
        holder = holder_of(self.engine)
        return RefreshBusy(holder.holder, holder.since) if holder else None

    def break_refresh_lock(self) -> LockBreak:
        """Remove the refresh lock, whoever holds it, and say whose it was."""
        return break_refresh_lock(self.engine)


def _raise_if_loaded_after(active: DataStatus, moment: datetime) -> None:
    if not active.is_bundled and active.loaded_at > moment:
        raise RefreshNotDue(f"the data was refreshed at {active.loaded_at:%Y-%m-%d %H:%M} UTC")
