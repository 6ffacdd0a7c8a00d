"""The plain values the domain hands to the CLI and Slack about its data and refreshes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.answers.model import DataSummary
from bot.changes import DatasetChanges
from bot.sources import public_source
from bot.store.models import DatasetVersion

# Who loaded the snapshot that ships with entitybot (DatasetVersion.loaded_by).
BUNDLE_LOADER = "bundle"


@dataclass(frozen=True)
class DataStatus:
    """The data answering lookups: where it came from, as of when, how much of it."""

    version_id: int
    source: str
    layout: str
    as_of: date | None
    loaded_at: datetime
    loaded_by: str
    entry_count: int
    counts_per_list: dict[str, int]
    # "EL" -> "Entity List", as the data itself names its lists.
    list_names: dict[str, str]
    sha256: str
    stale_after_days: float = 7.0

    @property
    def summary(self) -> DataSummary:
        """The data as every answer describes it (as of when, how old)."""
        return DataSummary(
            as_of=self.as_of,
            entry_count=self.entry_count,
            lists=self.counts_per_list,
            list_names=self.list_names,
            stale_after_days=self.stale_after_days,
        )

    @property
    def is_bundled(self) -> bool:
        return self.loaded_by == BUNDLE_LOADER

    @classmethod
    def of(
        cls, version: DatasetVersion, list_names: dict[str, str], stale_after_days: float
    ) -> DataStatus:
        loaded_at = version.fetched_at
        if loaded_at.tzinfo is None:
            # SQLite gives back naive datetimes; every time the store writes is UTC.
            loaded_at = loaded_at.replace(tzinfo=UTC)
        return cls(
            version_id=version.id or 0,
            # Versions stored before sources were stored without secrets may still hold them.
            source=public_source(version.source),
            layout=version.layout,
            as_of=version.as_of,
            loaded_at=loaded_at,
            loaded_by=version.loaded_by,
            entry_count=version.entry_count,
            counts_per_list=dict(version.counts_per_list),
            list_names=list_names,
            sha256=version.sha256,
            stale_after_days=stale_after_days,
        )


@dataclass(frozen=True)
class RefreshReport:
    """A refresh that loaded new data: what it replaced and what changed."""

    dataset: DataStatus
    previous: DataStatus | None
    changes: DatasetChanges
    seconds: float
    source: str
    # Rows the file held twice or more, the same in every field, loaded once.
    duplicates_collapsed: int = 0
    # The later-than-today date the source claimed (its mtime, Last-Modified or own date);
    # the data was taken as of today instead.
    future_date_ignored: date | None = None


@dataclass(frozen=True)
class RefreshFailure:
    """A refresh that changed nothing, and why."""

    reason: str
    # The data still answering; None only when the store has none at all.
    active: DataStatus | None


RefreshOutcome = RefreshReport | RefreshFailure


@dataclass(frozen=True)
class RefreshBusy:
    """The refresh running now, somewhere: who started it and when."""

    holder: str
    since: datetime | None
