"""The Federal Register API client and rule-text extraction, over a local server."""

from __future__ import annotations

from datetime import date

import pytest

from bot.federal_register.api import FederalRegisterApi, FederalRegisterError
from bot.federal_register.cites import Cite
from bot.federal_register.extract import find_party, rule_reason
from tests.federal_register.conftest import FR_FIXTURES


def client(fake, **options) -> FederalRegisterApi:
    return FederalRegisterApi(fake.api_url, min_interval_seconds=0, **options)


def test_a_cite_is_found_by_the_page_range_of_its_document(federal_register):
    api = client(federal_register)
    document = api.find(Cite(85, 34497))
    assert document is not None
    assert document.document_number == "2020-10868"
    assert document.citation == "85 FR 34495"
    assert document.publication_date == date(2020, 6, 5)
    assert document.effective_on == date(2020, 6, 5)
    assert document.title.startswith("Addition of Entities to the Entity List")
    huawei = api.find(Cite(84, 22963))
    assert huawei.document_number == "2019-10616" and huawei.effective_on == date(2019, 5, 16)


def test_one_listing_per_year_serves_every_cite_of_that_year(federal_register):
    api = client(federal_register)
    for page in (34497, 34501, 34505, 29853):
        assert api.find(Cite(85, page)) is not None
    listings = [r for r in federal_register.requests if r.startswith("/api/v1/documents.json")]
    assert len(listings) == 1
    assert "conditions%5Bpublication_date%5D%5Byear%5D=2020" in listings[0]


def test_a_cite_outside_every_document_is_not_found(federal_register):
    assert client(federal_register).find(Cite(85, 99999)) is None
    assert client(federal_register).find(Cite(70, 100)) is None


def test_requests_are_spaced_by_the_rate_limit(federal_register):
    waits = []
    now = [100.0]
    api = FederalRegisterApi(
        federal_register.api_url,
        min_interval_seconds=0.5,
        sleep=waits.append,
        clock=lambda: now[0],
    )
    api.find(Cite(85, 34497))
    api.find(Cite(84, 22963))
    document = api.find(Cite(85, 34505))
    api.raw_text(document)
    assert api.requests == 3
    assert waits == [0.5, 0.5]


def test_an_unreachable_api_raises_a_clear_error(federal_register):
    federal_register.down = True
    with pytest.raises(FederalRegisterError, match="HTTP 503"):
        client(federal_register).find(Cite(85, 34497))
    with pytest.raises(FederalRegisterError, match="cannot be reached"):
        FederalRegisterApi("http://127.0.0.1:9/api/v1", min_interval_seconds=0).find(
            Cite(85, 34497)
        )


def test_the_raw_text_is_fetched_and_names_the_party_with_its_reason(federal_register):
    api = client(federal_register)
    text = api.raw_text(api.find(Cite(85, 34505)))
    passage = find_party(text, ["Aksu Huafu Textiles Co.", "Akesu Huafu"])
    assert passage is not None and passage.in_preamble
    assert "Aksu Huafu Textiles Co." in passage.excerpt
    assert "human rights" in passage.reason and "Xinjiang" in passage.reason


def test_a_party_only_in_the_table_is_found_there():
    text = (FR_FIXTURES / "2020-10869.txt").read_text()
    preamble_only = text.split("List of Subjects")[0]
    assert find_party(preamble_only, ["Akesu Huafu Dyed Melange Yarn Co"]) is None
    passage = find_party(text, ["Akesu Huafu"])
    assert passage is not None and not passage.in_preamble
    assert "Akesu Huafu" in passage.excerpt


def test_the_rule_states_its_reason_before_its_regulatory_text():
    text = (FR_FIXTURES / "2020-10868.txt").read_text()
    assert "significant risk" in rule_reason(text)
    assert find_party(text, ["Nobody Listed Here Ltd"]) is None
