"""Button values: what this app wrote and signed comes back; anything else is refused."""

from __future__ import annotations

import logging

import pytest
from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import button_click

from bot.slack.button_values import MAX_VALUE, ButtonSigner, PartyRef, ThreadShare
from tests.waiting import stays_true

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


def _with_part(value: str, index: int, text: str) -> str:
    parts = value.split(".", 3)
    parts[index] = text
    return ".".join(parts)


@pytest.mark.parametrize(
    ("index", "text"),
    [
        pytest.param(2, "\u00e9", id="tag-accented"),
        pytest.param(2, "\u00e9" * 22, id="tag-accented-full-length"),
        pytest.param(0, "\u0666b0fe571", id="signed-at-arabic-digit"),
        pytest.param(1, "abc\u00e9", id="nonce-accented"),
        pytest.param(3, '{"q": "\ud800"}', id="payload-lone-surrogate"),
        pytest.param(3, '{"q": "Bank Sepah \u00e9"}', id="payload-accented"),
    ],
)
def test_a_value_with_characters_this_app_never_writes_is_refused_not_raised(index, text):
    signer = ButtonSigner(SECRET)
    value = signer.sign("share_in_channel", '{"q": "Bank Sepah"}')

    assert signer.open("share_in_channel", _with_part(value, index, text)) is None


def test_only_an_ascii_payload_is_signed():
    with pytest.raises(ValueError, match="ASCII"):
        ButtonSigner(SECRET).sign("share_in_channel", '{"q": "\u00e9"}')
    assert PartyRef("Soci\u00e9t\u00e9 \u4e2d\u6587", "\u00c9", "EL").encode().isascii()
    assert (ThreadShare("C1", "1.2", "\u00e9\u4e2d").encode() or "").isascii()


def _private_blocks(app, fake_slack, name: str) -> list[dict]:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", name, response_url)
    return fake_slack.wait_for_response(response_url).body["blocks"]


@pytest.mark.parametrize(
    ("name", "action_id"),
    [("Bank Sepah", "share_in_channel"), ("Tianjin Sky Dragon", "choose_candidate.0.0")],
)
def test_a_click_whose_signature_is_not_ascii_is_refused_like_a_forgery(
    app, fake_slack, caplog, name, action_id
):
    caplog.set_level(logging.WARNING)
    blocks = _private_blocks(app, fake_slack, name)
    click = button_click(blocks, action_id, fake_slack.new_response_url(), ephemeral=True)
    click["actions"][0]["value"] = _with_part(click["actions"][0]["value"], 2, "\u00e9")

    assert app.slack.action(click).status == 200

    refusal = fake_slack.wait_for_response(click["response_url"]).body
    assert refusal["response_type"] == "ephemeral"
    assert "Nothing was posted" in block_texts(refusal["blocks"])
    stays_true(lambda: len(fake_slack.posts_to(click["response_url"])) == 1, 0.3, "posted")
    assert fake_slack.api_calls("chat.postMessage") == []
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        f"refused a {action_id.split('.')[0]} click from {click['user']['id']}: "
        "not a value this app signed"
    ]
    assert "Traceback" not in caplog.text
    assert all(record.exc_info is None for record in caplog.records)
