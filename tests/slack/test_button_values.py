"""Button values: what this app wrote comes back; anything else is refused."""

from __future__ import annotations

import pytest

from bot.slack.button_values import MAX_VALUE, PartyRef


def test_a_value_round_trips_without_markup_characters():
    ref = PartyRef("Acme <!channel> & Co", "Tianjin Sky Dragon Optics Co.", "EL")

    value = ref.encode()

    assert not {"<", ">", "&"} & set(value)
    assert PartyRef.decode(value) == ref


def test_a_long_query_is_dropped_before_the_party_is():
    ref = PartyRef("x" * 3000, "Party", "EL")

    value = ref.encode()

    assert len(value) <= MAX_VALUE
    assert PartyRef.decode(value) == PartyRef("", "Party", "EL")


@pytest.mark.parametrize(
    "value", ["", "not json", "[]", '{"q": 1}', '{"q": "", "n": ""}', '{"q": "a", "n": ["x"]}']
)
def test_values_this_app_did_not_write_are_refused(value):
    assert PartyRef.decode(value) is None
