"""What the text and JSON answers say on real entries: where the excerpt comes from, what
kind of entry a party is, one person on two lists counted once, and a name typed in a script
the lists do not use."""

from __future__ import annotations

import json
import re

import pytest

from bot.answers.json_contract import answer_json
from bot.answers.text import render_scan_text, render_text
from bot.screening import Screening
from tests.answers.real_entries import screening_of

# Real entries: the Entity List's Qihoo 360; the vessels SAMSUN and LIBERTY; one person the
# ISN list writes "Parviz Khaki" and the SDN list "KHAKI, Parviz" (alias MARTIN); one the
# Entity List, the DPL and the SDN list all hold ("DE GEETERE, Hans" on SDN); CETC 28.
PICKED = ("Qihoo 360", "SAMSUN", "LIBERTY", "Khaki", "De Geetere", "No. 28 Institute")
CETC_28_IN_CHINESE = "中国电子科技集团公司第二十八研究所"

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def screening(tmp_path_factory: pytest.TempPathFactory) -> Screening:
    return screening_of(PICKED, tmp_path_factory.mktemp("answers"))


def test_every_line_of_a_text_answer_is_labelled_or_a_continuation(screening):
    answer = screening.lookup("Qihoo 360")
    text = render_text(answer)
    assert not re.search(r"^\s+:", text, re.MULTILINE), text
    source = answer.results[0].excerpt_source
    assert source
    # Where the excerpt is from is said under its own label, as the JSON's excerpt_source.
    line = next(line for line in text.splitlines() if line.strip().startswith("Excerpt of:"))
    assert source.split()[0] in line
    assert answer_json(answer)["results"][0]["excerpt_source"] == source


def test_a_vessel_says_it_is_one_in_text_and_json(screening):
    for query in ("SAMSUN", "LIBERTY"):
        answer = screening.lookup(query)
        vessels = [party for party in answer.results if party.name == query]
        assert vessels, query
        assert f"{query} (vessel)  [Specially Designated Nationals (SDN)]" in render_text(answer)
        (document,) = [r for r in answer_json(answer)["results"] if r["name"] == query]
        assert document["entry_type"] == "Vessel"


def test_a_person_says_so_and_an_entity_stays_plain(screening):
    text = render_text(screening.lookup("KHAKI, Parviz"))
    assert "KHAKI, Parviz (individual)  [" in text
    qihoo = render_text(screening.lookup("Qihoo 360"))
    assert "Qihoo 360 Technology Co. Ltd  [Entity List (EL)]" in qihoo


def test_one_person_on_two_lists_is_one_party_that_comes_close(screening):
    answer = screening.lookup("Martin")
    assert answer.status == "ambiguous"
    assert {party.name for party in answer.results} == {"Parviz Khaki", "KHAKI, Parviz"}
    assert answer.party_count == 1
    text = render_text(answer)
    assert "1 listed party comes close (2 listings); check it is the one meant." in text
    assert "2 listed parties" not in text
    numbers = {r["party_number"] for r in answer_json(answer)["results"]}
    assert numbers == {1}


def test_a_person_written_surname_first_is_answered_with_the_same_person_elsewhere(screening):
    """HANS DE GEETERE (DPL, with the Entity List's Hans Maria De Geetere) and "DE GEETERE,
    Hans" (SDN) are one person: every listing is the party answered, none a relative."""
    answer = screening.lookup("Hans de Geetere")
    assert answer.status == "match"
    assert {party.list_code for party in answer.principal} == {"EL", "DPL", "SDN"}
    assert not any(party.name == "DE GEETERE, Tom" for party in answer.principal)
    document = answer_json(answer)
    assert {r["party_number"] for r in document["results"] if r["relation"] == "principal"} == {1}


def test_different_parties_that_come_close_are_counted_apart(screening):
    answer = screening.lookup("Khaki")
    assert answer.status == "ambiguous"
    assert answer.party_count >= 2
    assert f"{answer.party_count} listed parties come close" in render_text(answer)


def test_a_name_in_chinese_characters_is_told_the_lists_are_in_latin_letters(screening):
    listed = screening.lookup("China Electronics Technology Group Corporation No. 28 Institute")
    assert listed.status == "match"
    answer = screening.lookup(CETC_28_IN_CHINESE)
    assert answer.status == "none"
    text = render_text(answer)
    (note,) = [line for line in text.splitlines() if "Latin letters" in line]
    assert "Chinese characters" in note and "pinyin" in note and "English name" in note
    document = answer_json(answer)
    assert document["note"] == note
    json.dumps(document)


def test_a_name_in_latin_letters_that_matches_nothing_gets_no_script_note(screening):
    answer = screening.lookup("Zyxwv Quorblat Widgets GmbH")
    assert answer.status == "none"
    assert "Latin letters" not in render_text(answer)
    assert "note" not in answer_json(answer)


def test_a_message_naming_one_party_that_comes_close_says_one_party(screening):
    """ "Qihoo" alone comes close to one party (two Entity List rows of one company)."""
    scan = screening.scan("Please check Qihoo before we sign.")
    (mention,) = scan.mentions
    assert mention.answer.status == "ambiguous"
    assert mention.why == "1 listed party comes close, not clearly"
    assert "1 listed party comes close, not clearly." in render_scan_text(scan)
