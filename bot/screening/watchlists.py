"""Channel watchlists: the names a channel watches, and what each refresh did to them.

After a refresh every watched name is looked up with the resolver, so a watched "Zephyr
Optics" catches "Zephyr Optical Technology Co., Ltd."; a party it finds that the refresh
added or changed, or a formerly listed one the refresh saw leave, is a hit. The hits of one
channel are queued as one alert keyed by (dataset version, channel), which is the claim
that sends it once across processes; the running Slack app drains the queue, retrying.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine

from bot.answers.model import Answer
from bot.changes import DatasetChanges
from bot.resolver.resolve import QueryError
from bot.screening.values import RefreshReport
from bot.store import watchlists as store
from bot.store.watchlists import PENDING, REPORTED, SENT, StoredAlert, Watched

__all__ = ["AddOutcome", "Hit", "StoredAlert", "WatchError", "Watched", "Watchlists"]

# A watched name is a company's name, not a paragraph; longer is a mistake in the command.
logger = logging.getLogger(__name__)

MAX_WATCHED_NAME = 200
# Names one command may add at once (a CSV import adds more, in chunks of this).
MAX_NAMES_AT_ONCE = 500
# How often an alert is tried before the admins are told Slack refuses it.
MAX_ATTEMPTS = 3
NEWLY_LISTED, CHANGED, LEFT = "newly listed", "changed", "left the list"


class WatchError(ValueError):
    """A watchlist command that cannot be done as given; the message says why in one line."""


@dataclass(frozen=True)
class AddOutcome:
    name: str
    added: bool
    # "Already listed" at once: the parties the name resolves to now ("" when none).
    listed_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    watched: str
    name: str
    list_code: str
    list_name: str
    cites: tuple[str, ...]
    happened: str

    def as_row(self) -> dict[str, object]:
        return {
            "watched": self.watched,
            "name": self.name,
            "list_code": self.list_code,
            "list_name": self.list_name,
            "cites": list(self.cites),
            "happened": self.happened,
        }

    @classmethod
    def of(cls, row: dict[str, object]) -> Hit:
        cites = row.get("cites")
        return cls(
            watched=str(row.get("watched", "")),
            name=str(row.get("name", "")),
            list_code=str(row.get("list_code", "")),
            list_name=str(row.get("list_name", "")),
            cites=tuple(str(c) for c in cites) if isinstance(cites, list) else (),
            happened=str(row.get("happened", "")),
        )


def fold(name: str) -> str:
    """One spelling per name for "already watched": case and spacing do not make another."""
    return " ".join(name.split()).casefold()


def split_names(text: str) -> list[str]:
    """`add A, B; C` or one per line: the names typed, blanks dropped."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


class Watchlists:
    def __init__(self, engine: Engine, lookup: Callable[[str], Answer]) -> None:
        self._engine = engine
        self._lookup = lookup

    # -- editing ------------------------------------------------------------------------------

    def add(self, channel: str, names: Iterable[str], by: str) -> list[AddOutcome]:
        """Watch each name; each outcome says whether it was new and what it is listed as
        now. Every name is checked before any is added: a bad one adds none."""
        wanted = [" ".join(name.split()) for name in names]
        if not wanted:
            raise WatchError("give a name to watch, e.g. add Zephyr Optics")
        if len(wanted) > MAX_NAMES_AT_ONCE:
            raise WatchError(f"at most {MAX_NAMES_AT_ONCE} names at once; split the list")
        for name in wanted:
            _check(name)
        outcomes = []
        for name in wanted:
            added = store.add(self._engine, channel, name, fold(name), by)
            outcomes.append(AddOutcome(name, added, self._listed_as(name) if added else ()))
        return outcomes

    def remove(self, channel: str, name: str, by: str) -> str:
        """Stop watching `name`; the name as it was added."""
        _check(" ".join(name.split()))
        removed = store.remove(self._engine, channel, fold(name), by)
        if removed is None:
            raise WatchError(f"this channel does not watch {name.strip()[:80]!r}")
        return removed

    def names(self, channel: str) -> list[Watched]:
        return store.watched(self._engine, channel)

    def changes(self, channel: str) -> list[tuple[str, str, str, str]]:
        """Who changed the watchlist, when, and what: (UTC time, user, add|remove, name)."""
        return [
            (at.strftime("%Y-%m-%d %H:%M"), who, action, name)
            for at, who, action, name in store.changes(self._engine, channel)
        ]

    def _listed_as(self, name: str) -> tuple[str, ...]:
        answer = self._found(name)
        return tuple(f"{party.name} ({party.list_name})" for party in answer.results)

    def _found(self, name: str) -> Answer:
        """The resolver's answer for a watched name, or for the longest run of its leading
        words that the resolver matches: a watch on "Zephyr Optics" is a watch on the Zephyr
        company, and "Optics" alone, a word no listed name holds, would make the whole name
        fit nothing. A shortened name counts only as a clear match (or a former listing),
        never as a possible one, so that a common first word does not alert a channel."""
        answer = self._lookup(name)
        if answer.status in ("match", "ambiguous") or answer.history:
            return answer
        words = name.split()
        for length in range(len(words) - 1, 0, -1):
            shorter = self._lookup(" ".join(words[:length]))
            if shorter.status == "match" or (shorter.status == "none" and shorter.history):
                return shorter
        return answer

    # -- after a refresh ----------------------------------------------------------------------

    def after_refresh(self, report: RefreshReport) -> None:
        """Queue the alerts a loaded refresh owes; a failure is logged, never the refresh's."""
        try:
            queued = self.queue_alerts(report.dataset.version_id, report.changes)
        except Exception:
            logger.exception("could not queue the watchlist alerts of a refresh")
            return
        if queued:
            logger.info("queued %d watchlist alert(s)", queued)

    def queue_alerts(self, version_id: int, changes: DatasetChanges) -> int:
        """Queue each affected channel's one alert for the refresh that loaded
        `version_id`; how many this call queued (another process may have queued them)."""
        if not changes.any:
            return 0
        added = {(code, n) for code, c in changes.per_list.items() for n in c.added}
        changed = {(code, n) for code, c in changes.per_list.items() for n in c.changed}
        removed = {(code, n) for code, c in changes.per_list.items() for n in c.removed}
        per_channel: dict[str, list[Hit]] = {}
        hits_of_name: dict[str, list[Hit]] = {}
        for watched in store.watched(self._engine):
            key = fold(watched.name)
            if key not in hits_of_name:
                hits_of_name[key] = self._hits(watched.name, added, changed, removed)
            if hits_of_name[key]:
                per_channel.setdefault(watched.channel_id, []).extend(hits_of_name[key])
        return sum(
            store.queue_alert(self._engine, version_id, channel, [h.as_row() for h in hits])
            for channel, hits in sorted(per_channel.items())
        )

    def _hits(
        self,
        name: str,
        added: set[tuple[str, str]],
        changed: set[tuple[str, str]],
        removed: set[tuple[str, str]],
    ) -> list[Hit]:
        try:
            answer = self._found(name)
        except QueryError:
            return []
        hits = []
        for party in answer.results if answer.status != "none" else ():
            key = (party.list_code, party.name)
            happened = NEWLY_LISTED if key in added else CHANGED if key in changed else ""
            if happened:
                hits.append(
                    Hit(
                        name,
                        party.name,
                        party.list_code,
                        party.list_name,
                        tuple(party.federal_register),
                        happened,
                    )
                )
        for former in answer.history:
            if (former.list_code, former.name) in removed:
                hits.append(
                    Hit(
                        name,
                        former.name,
                        former.list_code,
                        former.list_name,
                        tuple(former.federal_register),
                        LEFT,
                    )
                )
        return hits

    # -- sending (the Slack app) --------------------------------------------------------------

    def take_pending(self, lease: timedelta = timedelta(minutes=2)) -> list[StoredAlert]:
        """Alerts owed, each now leased to this caller for `lease`."""
        return store.take_pending(self._engine, lease)

    def sent(self, alert: StoredAlert) -> None:
        store.settle(self._engine, alert.id, SENT)

    def refused(self, alert: StoredAlert, error: str) -> bool:
        """Slack refused the alert: True when it has had its tries and goes to the admins
        instead (it is then never tried again); else it waits for the next try."""
        if alert.attempts >= MAX_ATTEMPTS:
            store.settle(self._engine, alert.id, REPORTED, error)
            return True
        store.settle(self._engine, alert.id, PENDING, error)
        return False


def _check(name: str) -> None:
    if not name:
        raise WatchError("give a name to watch, e.g. add Zephyr Optics")
    if len(name) > MAX_WATCHED_NAME:
        raise WatchError(
            f"a watched name is at most {MAX_WATCHED_NAME} characters; this one has {len(name)}"
        )
