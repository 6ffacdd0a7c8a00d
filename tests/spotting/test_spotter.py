"""Finding every listed party a message names, however it is phrased."""

from __future__ import annotations

import pytest

from bot.resolver import Listing, NameIndex, Resolver
from bot.screening import Screening
from bot.settings import Settings
from bot.spotting.spotter import Spotter
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def screening(tmp_path_factory) -> Screening:
    folder = tmp_path_factory.mktemp("spotting")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'store.sqlite3'}", data_dir=folder, min_entries=1
    )
    service = Screening(settings, notify=lambda message: None)
    service.refresh(source=str(FIXTURES / "csl-small.csv"), loaded_by="tests")
    return service


def found(screening: Screening, text: str) -> list[tuple[str, str, str]]:
    """(span as written, status, party) for each part of `text` naming a party."""
    scan = screening.scan(text)
    for mention in scan.mentions:
        assert text[mention.start : mention.end] == mention.text
    return [
        (m.text, m.answer.status, m.answer.results[0].name if m.answer.results else "")
        for m in scan.mentions
    ]


def test_a_question_around_a_name_finds_the_name_alone(screening):
    assert found(screening, "hey, what's the status of Qihoo 360 before Friday? thanks") == [
        ("Qihoo 360", "match", "Qihoo 360 Technology Co. Ltd")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "- Qihoo 360\n- CloudWalk\n- Bank Sepah",
        "1. Qihoo 360\n2. CloudWalk\n3. Bank Sepah",
        "Qihoo 360, CloudWalk; Bank Sepah",
        "Qihoo 360 or CloudWalk or Bank Sepah?",
        "can we ship to Qihoo 360 and CloudWalk, and also Bank Sepah?",
        "• *Qihoo 360*\n• `CloudWalk`\n• \u201cBank Sepah\u201d",
    ],
)
def test_every_name_of_a_list_is_found_in_order(screening, text):
    names = [party for _, _, party in found(screening, text)]
    assert names == ["Qihoo 360 Technology Co. Ltd", "CloudWalk Technology", "BANK SEPAH"]


def test_possessives_and_casing_do_not_hide_a_name(screening):
    assert [p for _, _, p in found(screening, "can we ship to cloudwalk's guangzhou office?")] == [
        "CloudWalk Technology"
    ]
    assert [p for _, _, p in found(screening, "IS BANK SEPAH ON ANY LIST?")] == ["BANK SEPAH"]


def test_a_name_that_holds_and_is_one_name(screening):
    spots = found(screening, "is Sinobright Import and Export Company still listed?")
    assert [text for text, _, _ in spots] == ["Sinobright Import and Export Company"]


def test_ordinary_words_never_join_a_name(screening):
    (spot,) = found(screening, "Please check Hitech Corporation today and ship Friday")
    assert spot[0] == "Hitech Corporation"


def test_overlapping_readings_keep_the_longest_confident_match(screening):
    spots = found(screening, "our customer is Qihoo 360 Technology Co. Ltd in London")
    assert [text for text, _, _ in spots] == ["Qihoo 360 Technology Co. Ltd"]


def test_a_typo_inside_a_sentence_is_still_found(screening):
    assert [p for _, _, p in found(screening, "we quoted Mytishchi Machine Bulding Plant")] == [
        "Joint Stock Company Mytishchi Machine Building Plant"
    ]


def test_a_word_one_letter_from_a_short_listed_name_is_not_a_party(screening):
    assert found(screening, "Our partner Hitesh sent the invoice") == []


def test_names_that_match_nothing_are_read_as_unlisted(screening):
    scan = screening.scan("Can we sell to Siemens AG, Qihoo 360 and Acme Widgets GmbH?")
    assert [m.text for m in scan.mentions] == ["Qihoo 360"]
    assert [span.text for span in scan.unlisted] == ["Siemens AG", "Acme Widgets GmbH"]


def test_a_message_naming_nothing_finds_nothing(screening):
    for text in ("ok", "thanks!", "ok thanks, see you on Friday", "can you check this?"):
        scan = screening.scan(text)
        assert (scan.mentions, scan.unlisted) == ([], []), text


def test_a_party_formerly_listed_is_found_as_such(screening):
    scan = screening.scan("do we still buy from the Institute of Forensic Science of China?")
    (mention,) = scan.mentions
    assert mention.text == "Institute of Forensic Science of China"
    assert mention.answer.status == "none"
    assert mention.answer.history[0].notice.cite == "85 FR 34503"
    assert mention.why.startswith("formerly listed")


# -- on the full lists ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def spotter(full_csl) -> Spotter:
    listings = [
        Listing(n, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
        for n, e in enumerate(full_csl.entries)
    ]
    return Spotter(Resolver(NameIndex(listings)))


def claims(spotter: Spotter, text: str) -> list[str]:
    return [s.text for s in spotter.spot(text).spots if s.resolution.status == "match"]


@pytest.mark.shared_data
def test_well_known_brands_in_a_question_claim_no_listing(spotter):
    text = "Are Samsung or Apple on any sanctions list? Also Siemens, Toyota and Nestle."
    assert claims(spotter, text) == []
    assert {span.text for span in spotter.spot(text).unlisted} >= {"Samsung", "Apple"}


@pytest.mark.shared_data
def test_a_place_after_a_name_stays_out_of_it(spotter):
    (spot,) = spotter.spot("can we ship to Hikvision's Hangzhou office?").spots
    assert spot.text == "Hikvision's" and spot.resolution.status == "match"


@pytest.mark.shared_data
def test_an_order_line_finds_the_party_between_the_numbers(spotter):
    line = "PO 44812 | 200 pcs | Hikvision Digital Technology Co., Ltd. | due 2026-03-01"
    assert claims(spotter, line) == ["Hikvision Digital Technology Co., Ltd."]


@pytest.mark.shared_data
def test_a_name_written_with_its_spaces_moved_is_found(spotter):
    # Listed as EltexAlatau and CloudWalk Technology, typed apart.
    text = "Is Eltex Alatau fine for the demo units, and what about Cloud Walk?"
    found = {s.text: s.resolution.status for s in spotter.spot(text).spots}
    assert found.get("Eltex Alatau") == "match"
    assert "Cloud Walk" in found


@pytest.mark.shared_data
def test_the_word_a_listed_company_goes_by_is_a_possible_match_in_a_list(spotter):
    # Beijing Sevenstar Flowmeter and Beijing Sevenstar Integrated Circuit Equipment go by
    # Sevenstar; after a list number it is no name after a greeting.
    text = "Please screen:\n1) Acme Widgets\n2) Sevenstar\nthanks"
    statuses = {s.text: s.resolution.status for s in spotter.spot(text).spots}
    assert statuses.get("Sevenstar") == "ambiguous"
    # After a greeting the same kind of word is a person being greeted.
    assert spotter.spot("Hello Astrid,\nplease check the order.").spots == []
