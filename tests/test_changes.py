from bot.changes import compare
from bot.store.datasets import EntrySummary


def entry(key: str, fingerprint: str = "f", list_code: str = "EL", name: str = "") -> EntrySummary:
    return EntrySummary(key, fingerprint, list_code, name or key)


def test_added_removed_and_changed_per_list():
    old = [entry("a"), entry("b"), entry("c", "v1"), entry("s", list_code="SDN")]
    new = [entry("a"), entry("c", "v2"), entry("d"), entry("t", list_code="SDN")]
    changes = compare(old, new)
    assert changes.per_list["EL"].added == ["d"]
    assert changes.per_list["EL"].removed == ["b"]
    assert changes.per_list["EL"].changed == ["c"]
    assert changes.per_list["SDN"].added == ["t"] and changes.per_list["SDN"].removed == ["s"]
    assert (changes.added, changes.removed, changes.changed) == (2, 2, 1)
    assert changes.any


def test_entries_sharing_a_key_are_counted_one_by_one():
    old = [entry("ship", "x"), entry("ship", "y")]
    new = [entry("ship", "y"), entry("ship", "x"), entry("ship", "z")]
    changes = compare(old, new)
    assert (changes.added, changes.removed, changes.changed) == (1, 0, 0)
    assert compare(new, old).removed == 1


def test_the_same_data_changes_nothing():
    same = [entry("a"), entry("a"), entry("b", "q")]
    assert not compare(same, list(same)).any
    assert compare([], same).added == 3
