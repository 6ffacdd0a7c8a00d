import pytest

from bot.refresh_guard import RefreshGuard, RefreshRefused

FULL = {"EL": 3420, "SDN": 19181, "MEU": 70}


def test_a_normal_update_passes():
    RefreshGuard().check(FULL, {"EL": 3431, "SDN": 19100, "MEU": 70})


def test_too_few_entries_are_refused_even_with_force():
    with pytest.raises(RefreshRefused, match="14 entries"):
        RefreshGuard().check(FULL, {"EL": 14}, force=True)


def test_a_list_shrinking_past_the_guard_is_refused_unless_forced():
    shrunk = {"EL": 2000, "SDN": 19181, "MEU": 70}
    with pytest.raises(RefreshRefused, match=r"EL 3,420 -> 2,000 \(-42%\).*--force"):
        RefreshGuard().check(FULL, shrunk)
    RefreshGuard().check(FULL, shrunk, force=True)


def test_a_list_that_vanishes_is_a_shrink():
    with pytest.raises(RefreshRefused, match="MEU 70 -> 0"):
        RefreshGuard().check(FULL, {"EL": 3420, "SDN": 19181})


def test_a_first_load_has_nothing_to_shrink_from():
    RefreshGuard(min_entries=1).check(None, {"EL": 14})
