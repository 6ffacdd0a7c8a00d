"""Whole answers on real entries of the 2026-07-31 CSL: a brand's family, a parent before its
subsidiary, every program, every listing of a legal entity, dates with their evidence."""

from __future__ import annotations

import json

import pytest

from bot.answers.json_contract import answer_json
from bot.answers.text import render_text
from bot.screening import Screening
from tests.answers.real_entries import screening_of

# Real entries, picked by what their names carry.
PICKED = ("Cambricon", "Yangtze Memory", "Hikvision", "ISLAMIC REVOLUTIONARY GUARD CORPS", "Wagner")

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def screening(tmp_path_factory: pytest.TempPathFactory) -> Screening:
    return screening_of(PICKED, tmp_path_factory.mktemp("whole"))


def test_a_brand_answers_with_its_whole_family_principal_first(screening):
    answer = screening.lookup("Cambricon", limit=20)
    assert answer.status == "match"
    assert answer.results[0].name == "Cambricon Technologies Corporation Limited"
    family = {party.name for party in answer.family}
    assert len(family) >= 5
    assert all("cambricon" in name.casefold() for name in family)
    document = answer_json(answer)
    assert [r["relation"] for r in document["results"]][:2] == ["principal", "family"]
    assert "Also listed under this name:" in render_text(answer)


def test_a_subsidiary_named_after_its_parent_is_its_own_entity(screening):
    answer = screening.lookup("Yangtze Memory Technologies")
    assert answer.status == "match"
    assert answer.results[0].name == "Yangtze Memory Technologies Co., Ltd."
    # The Japan company is another legal entity: never "also listed as" the parent.
    assert not any("Japan" in other for other in answer.results[0].other_entries)
    assert any("(Japan)" in party.name for party in answer.family)


def test_every_listing_of_the_entity_is_answered(screening):
    answer = screening.lookup("Hikvision")
    assert answer.status == "match"
    assert {party.list_code for party in answer.principal} == {"EL", "CMIC"}


def test_a_legal_form_typed_with_an_alias_keeps_the_match(screening):
    assert screening.lookup("Hikvision Co., Ltd.").status == "match"


def test_every_program_is_kept_and_the_line_shown_counts_the_rest(screening):
    answer = screening.lookup("Islamic Revolutionary Guard Corps")
    (party,) = [party for party in answer.principal if party.list_code == "SDN"]
    assert len(party.programs) >= 5
    assert party.reason.count(";") == len(party.programs) - 1
    assert "more programs)" in party.reason_compact
    (document,) = [
        r
        for r in answer_json(answer)["results"]
        if r["list"] == "SDN" and r["relation"] == "principal"
    ]
    assert document["programs"] == party.programs
    assert "more programs)" in render_text(answer)


def test_a_cited_entry_gets_at_least_the_year_of_its_first_cite(screening):
    party = screening.lookup("Cambricon").results[0]
    assert party.listing_date.precision in {"day", "year"}
    document = answer_json(screening.lookup("Cambricon"))["results"][0]
    assert document["date_precision"] in {"day", "year"}
    assert document["date_source"] and document["listing_date"]
    json.dumps(document)
