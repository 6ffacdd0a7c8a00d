"""Button values: what this app wrote and signed comes back; anything else is refused."""

from __future__ import annotations

import pytest

from bot.slack.button_values import MAX_VALUE, ButtonSigner, PartyRef, ThreadShare

SECRET = "test-signing-secret"


def test_a_value_round_trips_without_markup_characters():
    ref = PartyRef("Acme <!channel> & Co", "Tianjin Sky Dragon Optics Co.", "EL")
    signer = ButtonSigner(SECRET)

    value = signer.sign("share_in_channel", ref.encode())

    assert not {"<", ">", "&"} & set(value)
    opened = signer.open("share_in_channel", value)
    assert opened is not None
    assert PartyRef.decode(opened.payload) == ref


def test_a_long_query_is_dropped_before_the_party_is_and_the_signed_value_fits():
    ref = PartyRef("x" * 3000, "Party", "EL")
    signer = ButtonSigner(SECRET)

    value = signer.sign("share_in_channel", ref.encode())

    assert len(value) <= MAX_VALUE
    opened = signer.open("share_in_channel", value)
    assert opened is not None
    assert PartyRef.decode(opened.payload) == PartyRef("", "Party", "EL")


def test_a_thread_share_too_long_for_a_signed_button_offers_none():
    assert ThreadShare("C1", "1.2", "x" * (MAX_VALUE - 40)).encode() is None
    payload = ThreadShare("C1", "1.2", "x" * (MAX_VALUE - 100)).encode()
    assert payload is not None
    assert len(ButtonSigner(SECRET).sign("share_in_thread", payload)) <= MAX_VALUE


def test_each_signing_is_a_value_of_its_own():
    signer = ButtonSigner(SECRET)
    first = signer.open("share_in_channel", signer.sign("share_in_channel", '{"q": "a"}'))
    second = signer.open("share_in_channel", signer.sign("share_in_channel", '{"q": "a"}'))

    assert first is not None and second is not None
    assert first.payload == second.payload
    assert first.tag != second.tag


def test_a_changed_unsigned_or_foreign_value_is_refused():
    signer = ButtonSigner(SECRET)
    value = signer.sign("choose_candidate", '{"q": "Tianjin", "n": "Tianjin Optics", "l": "EL"}')
    head, _, _ = value.rpartition(".{")
    forged_payload = head + '.{"q": "FAKE CLEARED by Legal", "n": "Tianjin Optics", "l": "EL"}'
    tag_flipped = value.replace(value.split(".")[2], value.split(".")[2][::-1], 1)

    assert signer.open("choose_candidate", value) is not None
    for refused in (
        forged_payload,
        tag_flipped,
        '{"q": "Tianjin", "n": "Tianjin Optics", "l": "EL"}',
        "",
        "a.b.c",
    ):
        assert signer.open("choose_candidate", refused) is None, refused
    # Signed for another kind of button, or by another secret: not this button's value.
    assert signer.open("share_in_channel", value) is None
    assert ButtonSigner("another secret").open("choose_candidate", value) is None


def test_a_value_older_than_it_may_be_is_refused():
    now = [1_800_000_000.0]
    signer = ButtonSigner(SECRET, clock=lambda: now[0])
    value = signer.sign("share_in_channel", '{"q": "a"}')

    now[0] += 3600
    assert signer.open("share_in_channel", value, max_age=7200) is not None
    now[0] += 7200
    assert signer.open("share_in_channel", value, max_age=7200) is None
    # Without an age limit (a candidate's button in a thread stays usable), still good.
    assert signer.open("share_in_channel", value) is not None


@pytest.mark.parametrize(
    "value", ["", "not json", "[]", '{"q": 1}', '{"q": "", "n": ""}', '{"q": "a", "n": ["x"]}']
)
def test_payloads_this_app_did_not_write_are_refused(value):
    assert PartyRef.decode(value) is None
