"""What a refresh changed: parties added, removed and changed, per list."""

from __future__ import annotations

from collections import Counter, defaultdict
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
    """Entries are matched by stable key (list, normalised name, countries).

    Several entries can share a key (OFAC lists vessels of one name under one flag), so
    each key holds a multiset: the surplus on either side is added or removed, and within
    the matched pairs an entry whose fingerprint the other side lacks has changed.
    """
    before: dict[str, list[EntrySummary]] = defaultdict(list)
    after: dict[str, list[EntrySummary]] = defaultdict(list)
    for entry in old:
        before[entry.stable_key].append(entry)
    for entry in new:
        after[entry.stable_key].append(entry)
    per_list: dict[str, ListChanges] = {}

    def changes_of(entry: EntrySummary) -> ListChanges:
        return per_list.setdefault(entry.list_code, ListChanges(entry.list_code))

    for key in before.keys() | after.keys():
        was, now = before.get(key, []), after.get(key, [])
        for entry in now[len(was) :]:
            changes_of(entry).added.append(entry.name)
        for entry in was[len(now) :]:
            changes_of(entry).removed.append(entry.name)
        unmatched = Counter(entry.fingerprint for entry in was[: len(now)])
        for entry in now[: len(was)]:
            if unmatched[entry.fingerprint]:
                unmatched[entry.fingerprint] -= 1
            else:
                changes_of(entry).changed.append(entry.name)
    for changes in per_list.values():
        for names in (changes.added, changes.removed, changes.changed):
            names.sort()
    return DatasetChanges(dict(sorted(per_list.items())))
