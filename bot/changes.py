"""What a refresh changed: parties added, removed and changed, per list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.store.datasets import EntrySummary


@dataclass
class ListChanges:
    list_code: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


@dataclass
class DatasetChanges:
    per_list: dict[str, ListChanges]

    @property
    def added(self) -> int:
        return sum(len(c.added) for c in self.per_list.values())

    @property
    def removed(self) -> int:
        return sum(len(c.removed) for c in self.per_list.values())

    @property
    def changed(self) -> int:
        return sum(len(c.changed) for c in self.per_list.values())

    @property
    def any(self) -> bool:
        return any(c.count for c in self.per_list.values())


def compare(old: list[EntrySummary], new: list[EntrySummary]) -> DatasetChanges:
    """Entries are matched by stable key (list, normalised name, countries)."""
    before = {entry.stable_key: entry for entry in old}
    after = {entry.stable_key: entry for entry in new}
    per_list: dict[str, ListChanges] = defaultdict(lambda: ListChanges(""))
    for key, entry in after.items():
        changes = per_list.setdefault(entry.list_code, ListChanges(entry.list_code))
        if key not in before:
            changes.added.append(entry.name)
        elif before[key].fingerprint != entry.fingerprint:
            changes.changed.append(entry.name)
    for key, entry in before.items():
        if key not in after:
            per_list.setdefault(entry.list_code, ListChanges(entry.list_code)).removed.append(
                entry.name
            )
    return DatasetChanges(dict(sorted(per_list.items())))
