"""What a refresh changed: parties added, removed and changed, per list."""

from __future__ import annotations

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
    """Entries are matched by stable key, which a load makes unique within a version and
    carries over from the entry it continues (bot.importers.identity): an entry whose address,
    country, alias or cite changed is the same entry, changed, not one removed and one added.
    """
    before = {entry.stable_key: entry for entry in old}
    after = {entry.stable_key: entry for entry in new}
    per_list: dict[str, ListChanges] = {}

    def changes_of(entry: EntrySummary) -> ListChanges:
        return per_list.setdefault(entry.list_code, ListChanges(entry.list_code))

    for key, entry in after.items():
        was = before.get(key)
        if was is None:
            changes_of(entry).added.append(entry.name)
        elif was.fingerprint != entry.fingerprint:
            changes_of(entry).changed.append(entry.name)
    for key, entry in before.items():
        if key not in after:
            changes_of(entry).removed.append(entry.name)
    for changes in per_list.values():
        for names in (changes.added, changes.removed, changes.changed):
            names.sort()
    return DatasetChanges(dict(sorted(per_list.items())))
