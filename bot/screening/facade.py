"""`Screening`: the one surface the CLI and Slack call, with plain values in and out.

It composes the pieces (the active index, the data lifecycle, event claims) and owns no
logic of its own beyond the order of the steps after a refresh.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.answers.model import Answer, DataSummary, MessageAnswer
from bot.federal_register.api import FederalRegisterApi
from bot.federal_register.enrich import EnrichReport
from bot.resolver.resolve import QueryError
from bot.screening import answered_once, refresh_requests, shared_once, signed_requests
from bot.screening.active_index import ActiveIndex
from bot.screening.lifecycle import DataLifecycle, to_stderr
from bot.screening.lock_break import LockBreak
from bot.screening.point_in_time import PointInTime
from bot.screening.records import AnswerRecords
from bot.screening.refresh_requests import AcceptedRefresh
from bot.screening.values import (
    DataStatus,
    RefreshBusy,
    RefreshOutcome,
    RefreshReport,
)
from bot.screening.watchlists import Watchlists
from bot.settings import Settings
from bot.sources import Progress
from bot.store import open_database
from bot.store.database import DatabaseError, describe

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 5


class StoreUnavailable(RuntimeError):
    """The database cannot be reached or used; the message says which and why."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _store_faults_in_one_line(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A database that stops answering part-way (PostgreSQL gone, SQLite locked) raises
    StoreUnavailable saying why in one line, for the caller to show instead of a traceback."""

    @functools.wraps(method)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except DBAPIError as exc:
            raise StoreUnavailable(describe(exc)) from None

    return guarded


class Screening:
    def __init__(self, settings: Settings, notify: Callable[[str], None] = to_stderr) -> None:
        self.settings = settings
        try:
            self.engine = open_database(settings.database_url)
        except DatabaseError as exc:
            raise StoreUnavailable(str(exc)) from None
        self._lifecycle = DataLifecycle(settings, self.engine, notify)
        self._index = ActiveIndex(
            self.engine, self._lifecycle.ensure_data, settings.stale_after_days
        )
        # The audit trail: every surface writes an answer's record here before sending it.
        self.records = AnswerRecords(self.engine)
        # Channel watchlists, and the alerts each refresh owes them (see watchlists.py).
        self.watchlists = Watchlists(self.engine, self.lookup)

    # -- answers ----------------------------------------------------------------------------

    @_store_faults_in_one_line
    def lookup(self, query: str, limit: int = DEFAULT_LIMIT, on: date | None = None) -> Answer:
        """The answer for one name (QueryError when it cannot be looked up as given); for a
        past day `on`, whether each party was listed then (see point_in_time)."""
        answer = self._index.answer(query, limit)
        return answer if on is None else self.on(answer, on)

    @_store_faults_in_one_line
    def lookup_many(self, queries: Sequence[str]) -> list[Answer | QueryError]:
        """Many names at once, as lookup answers each (a file screened: see batch)."""
        return self._index.answers(queries, DEFAULT_LIMIT)

    @_store_faults_in_one_line
    def on(self, answer: Answer, day: date) -> Answer:
        """The answer for a past day: whether each party was listed then, and how that is
        known (see point_in_time)."""
        return PointInTime(self.engine).answer_on(answer, day)

    @_store_faults_in_one_line
    def scan(self, text: str) -> MessageAnswer:
        """Every listed party a message names, however it is phrased, and the other names
        it holds."""
        return self._index.scan(text)

    @_store_faults_in_one_line
    def data(self) -> DataSummary:
        """What answers are given from: as of when, how many entries, which lists."""
        return self._index.data()

    @_store_faults_in_one_line
    def warm(self) -> None:
        """Load the data and build its index now, not on the first lookup."""
        self._index.warm()

    @_store_faults_in_one_line
    def status(self) -> DataStatus:
        """The data answering now (the bundled snapshot is loaded on first use)."""
        return self._lifecycle.status()

    # -- refreshes ----------------------------------------------------------------------------

    def refresh(
        self,
        source: str | None = None,
        loaded_by: str = "cli",
        progress: Progress | None = None,
        as_of: date | None = None,
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshReport:
        """Load new data here, raising what refused it (see DataLifecycle.refresh)."""
        report = self._lifecycle.refresh(
            source, loaded_by, progress, as_of, force, unless_loaded_after
        )
        self._index.rebuild_if_in_use()
        return report

    def refresh_in_child(
        self,
        source: str | None = None,
        loaded_by: str = "cli",
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshReport:
        """The same refresh in a child process, so answers here stay fast meanwhile."""
        report = self._lifecycle.refresh_in_child(source, loaded_by, force, unless_loaded_after)
        self._index.rebuild_if_in_use()
        return report

    def run_refresh(
        self,
        requested_by: str,
        report: Callable[[RefreshOutcome], None],
        *,
        in_child: bool = True,
        enrich: bool = False,
        source: str | None = None,
        progress: Progress | None = None,
        as_of: date | None = None,
        force: bool = False,
        unless_loaded_after: datetime | None = None,
    ) -> RefreshOutcome:
        """The one refresh pipeline the admin command, the schedule and the CLI all run:
        refresh, rebuild the index, `report` the outcome, then ask the Federal Register
        about the new data's cites when `enrich`.

        An index in use is rebuilt before the report, so what the report announces is what
        the next lookup answers from. Nothing here raises for a refused refresh: the outcome
        says why.
        """
        outcome = self._lifecycle.attempt_refresh(
            requested_by,
            in_child=in_child,
            source=source,
            progress=progress,
            as_of=as_of,
            force=force,
            unless_loaded_after=unless_loaded_after,
        )
        if isinstance(outcome, RefreshReport):
            self._index.rebuild_if_in_use()
        try:
            report(outcome)
        except Exception:
            logger.exception("could not report the refresh by %s", requested_by)
        if isinstance(outcome, RefreshReport):
            self.watchlists.after_refresh(outcome)
        if isinstance(outcome, RefreshReport) and enrich:
            logger.info("%s", self.enrich().describe())
        return outcome

    @_store_faults_in_one_line
    def refresh_running(self) -> RefreshBusy | None:
        """Who is refreshing now, if anyone, in this process or any other."""
        return self._lifecycle.refresh_running()

    @_store_faults_in_one_line
    def break_refresh_lock(self) -> LockBreak:
        """Remove the refresh lock, whoever holds it (one whose process died, say), and say
        whose it was. A refresh still holding it then fails without changing the data."""
        return self._lifecycle.break_refresh_lock()

    def accept_refresh(self, requested_by: str) -> AcceptedRefresh | RefreshBusy:
        """Take the one refresh slot at once, before the refresh starts (its child process
        takes the refresh lock only later), or say who holds it: in any process, locked
        yet or not. Give it back with end_refresh once the refresh is over."""
        return self.refresh_running() or refresh_requests.accept(self.engine, requested_by)

    def end_refresh(self, accepted: AcceptedRefresh) -> None:
        refresh_requests.end(self.engine, accepted)

    @_store_faults_in_one_line
    def enrich(
        self, limit: int | None = None, api: FederalRegisterApi | None = None
    ) -> EnrichReport:
        """Ask the Federal Register about cites no stored notice covers. Lookups go on
        meanwhile, and answer from the new notices once it returns."""
        report = self._lifecycle.enrich(limit, api)
        if report.notices_added:
            self._index.rebuild_if_in_use()
        return report

    # -- serving ------------------------------------------------------------------------------

    def claim_event(self, event_id: str, channel: str, ts: str) -> bool:
        """True for the first delivery of a Slack event or message, across every process."""
        return answered_once.first_delivery(self.engine, event_id, channel, ts)

    def claim_share(self, answer_id: str, channel: str, valid_for: timedelta) -> bool:
        """True the first time an answer is shared in a channel, across every process; its
        button may be pressed for `valid_for`, and no later press posts it again."""
        return shared_once.first_share(self.engine, answer_id, channel, valid_for)

    def unclaim_share(self, answer_id: str, channel: str) -> None:
        """Forget a share that could not be posted (the bot is not in the channel)."""
        shared_once.unshared(self.engine, answer_id, channel)

    def claim_request(self, signature: str) -> bool:
        """True the first time a signed Slack request arrives, across every process; False
        when the same request (same signature: same timestamp and body) comes again.
        StoreUnavailable when the store cannot say."""
        try:
            return signed_requests.first_receipt(self.engine, signature)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"cannot record a Slack request: {type(exc).__name__}") from None

    def forget_connections(self) -> None:
        """In a forked worker: drop the parent's database connections without closing them
        (they are the parent's), so the worker opens its own."""
        self.engine.dispose(close=False)
