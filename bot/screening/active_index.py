"""The name index of the active data, rebuilt when the data or the notices change.

It never loads data itself: whoever builds it hands it a way to get the active dataset.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from bot.answers.build import AnswerBuilder
from bot.answers.model import Answer, DataSummary, Mention, MessageAnswer
from bot.federal_register.book import NoticeBook
from bot.resolver import Listing, NameIndex, Resolution, Resolver
from bot.resolver.resolve import QueryError
from bot.screening.former_listings import CurrentName, former_listings
from bot.spotting.spotter import Spot, Spotter
from bot.store.datasets import aliases_of, designations, index_rows, list_names
from bot.store.history import departed
from bot.store.models import DatasetVersion, ListingHistory, NoticeParty
from bot.store.notices import all_notice_parties, all_notices, notices_signature

logger = logging.getLogger(__name__)

# How often a long-running process checks whether another one activated new data.
ACTIVE_CHECK_SECONDS = 5.0


@dataclass
class _Loaded:
    """Everything a lookup needs, built once per active dataset and set of notices."""

    dataset_id: int
    notices: tuple[int, int]
    resolver: Resolver
    spotter: Spotter
    book: NoticeBook
    data: DataSummary
    notice_parties: dict[int, NoticeParty]
    departed_entries: dict[int, ListingHistory]

    def is_for(self, dataset: DatasetVersion, notices: tuple[int, int]) -> bool:
        return (self.dataset_id, self.notices) == (dataset.id, notices)


class ActiveIndex:
    def __init__(
        self,
        engine: Engine,
        active_dataset: Callable[[], DatasetVersion],
        stale_after_days: float,
    ) -> None:
        self._engine = engine
        self._active_dataset = active_dataset
        self._stale_after_days = stale_after_days
        self._loaded: _Loaded | None = None
        self._checked_at = 0.0
        self._build_lock = threading.Lock()

    def answer(self, query: str, limit: int) -> Answer:
        loaded = self._current()
        resolution = loaded.resolver.resolve(query, limit=limit)
        builder = self._builder(loaded, [resolution])
        if builder is None:
            return self.answer(query, limit)
        return builder.answer(resolution)

    def answers(self, queries: Sequence[str], limit: int) -> list[Answer | QueryError]:
        """Many names at once (a file being screened), their entries read from the store
        in one go rather than once a name: each answer, or why its name was refused."""
        loaded = self._current()
        resolved: list[Resolution | QueryError] = []
        for query in queries:
            try:
                resolved.append(loaded.resolver.resolve(query, limit=limit))
            except QueryError as exc:
                resolved.append(exc)
        builder = self._builder(loaded, [r for r in resolved if isinstance(r, Resolution)])
        if builder is None:
            return self.answers(queries, limit)
        return [r if isinstance(r, QueryError) else builder.answer(r) for r in resolved]

    def scan(self, text: str) -> MessageAnswer:
        loaded = self._current()
        spotting = loaded.spotter.spot(text)
        builder = self._builder(loaded, [spot.resolution for spot in spotting.spots])
        if builder is None:
            return self.scan(text)
        mentions = [
            Mention(spot.start, spot.end, spot.text, _why(spot), builder.answer(spot.resolution))
            for spot in spotting.spots
        ]
        return MessageAnswer(text, mentions, spotting.unlisted, loaded.data)

    def _builder(self, loaded: _Loaded, resolutions: list[Resolution]) -> AnswerBuilder | None:
        """What answers these resolutions, with their entries read from the store in one
        go; None when the store no longer holds them (and the index is rebuilt)."""
        ids = [
            listing
            for resolution in resolutions
            for candidate in (*resolution.candidates, *resolution.family)
            for listing in candidate.party.listing_ids
        ]
        ids += [c.listing_id for resolution in resolutions for c in resolution.near_misses]
        entries = designations(self._engine, ids)
        if len(entries) < len(set(ids)):
            # This process still had a version that refreshes elsewhere have since pruned:
            # only the active data will do now, however long it takes to load.
            with self._build_lock:
                self._loaded = self._build(self._active_dataset())
                self._checked_at = time.monotonic()
            return None
        return AnswerBuilder(
            book=loaded.book,
            data=loaded.data,
            entries=entries,
            aliases=aliases_of(self._engine, ids),
            former_parties=loaded.notice_parties,
            former_entries=loaded.departed_entries,
        )

    def data(self) -> DataSummary:
        return self._current().data

    def warm(self) -> None:
        """Have the index of the active data built now, not on a later lookup."""
        with self._build_lock:
            active = self._active_dataset()
            if self._loaded is None or not self._loaded.is_for(active, self._notices()):
                self._loaded = self._build(active)
            self._checked_at = time.monotonic()

    def rebuild_if_in_use(self) -> None:
        """After the data changed here: an index already in use is rebuilt now, so that the
        next lookup answers from the new data; until the swap, the old one answers."""
        if self._loaded is not None:
            self.warm()

    def _notices(self) -> tuple[int, int]:
        return notices_signature(self._engine)

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
                    self._loaded = self._build(self._active_dataset())
                    self._checked_at = time.monotonic()
                return self._loaded
        if self._build_lock.acquire(blocking=False):
            self._checked_at = time.monotonic()
            try:
                active = self._active_dataset()
                stale = not loaded.is_for(active, self._notices())
            except Exception:
                self._build_lock.release()
                raise
            if stale:
                threading.Thread(
                    target=self._rebuild, args=(active,), name="entitybot-index", daemon=True
                ).start()
            else:
                self._build_lock.release()
        return loaded

    def _rebuild(self, active: DatasetVersion) -> None:
        """Build the new data's index, then swap it in; the build lock is held throughout."""
        try:
            self._loaded = self._build(active)
        except Exception:
            logger.exception("could not build the index of dataset %s", active.id)
        finally:
            self._checked_at = time.monotonic()
            self._build_lock.release()

    def _build(self, dataset: DatasetVersion) -> _Loaded:
        dataset_id = dataset.id or 0
        notices = self._notices()
        rows = index_rows(self._engine, dataset_id)
        listings = [
            Listing(row.designation_id, row.list_code, row.name, row.aliases, row.entry_type)
            for row in rows
        ]
        parties = all_notice_parties(self._engine)
        former = former_listings(
            departed(self._engine),
            parties,
            (CurrentName(row.list_code, name) for row in rows for name in (row.name, *row.aliases)),
        )
        resolver = Resolver(NameIndex(listings + former.listings))
        return _Loaded(
            dataset_id=dataset_id,
            notices=notices,
            resolver=resolver,
            spotter=Spotter(resolver),
            book=NoticeBook(all_notices(self._engine), parties),
            data=DataSummary(
                as_of=dataset.as_of,
                entry_count=dataset.entry_count,
                lists=dict(dataset.counts_per_list),
                list_names=list_names(self._engine, dataset_id),
                stale_after_days=self._stale_after_days,
                version_id=dataset_id,
            ),
            notice_parties=former.notice_parties,
            departed_entries=former.departed_entries,
        )


def _why(spot: Spot) -> str:
    resolution = spot.resolution
    if resolution.status == "ambiguous":
        # One party on several lists (one identity) is counted once.
        parties = len({candidate.party.identity for candidate in resolution.candidates})
        if parties == 1:
            return "1 listed party comes close, not clearly"
        return f"{parties} listed parties come close; none clearly"
    if resolution.status == "none":
        return f"formerly listed: {resolution.former[0].why}"
    return resolution.candidates[0].why
