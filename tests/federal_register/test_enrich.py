"""Federal Register enrichment against the local API: a party whose CSL row has only a cite
gets a listing date, a reason and an excerpt from the rule's own text."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete

from bot.federal_register.api import FederalRegisterApi
from bot.screening import Screening
from bot.settings import Settings
from bot.store.database import session
from bot.store.models import FederalRegisterNotice, NoticeParty
from tests.conftest import FIXTURES


@pytest.fixture
def screening(tmp_path, database_url, federal_register) -> Screening:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        min_entries=1,
        fr_api_url=federal_register.api_url,
    )
    service = Screening(settings, notify=lambda message: None)
    service.refresh(source=str(FIXTURES / "csl-small.csv"), as_of=date(2026, 7, 31))
    return service


def forget_bundled_notices(screening: Screening) -> None:
    """As a store without the curated table would be: the CSL gives only the cites."""
    with session(screening.engine) as db, db.begin():
        db.execute(delete(NoticeParty))
        db.execute(delete(FederalRegisterNotice))


def api(federal_register) -> FederalRegisterApi:
    return FederalRegisterApi(federal_register.api_url, min_interval_seconds=0)


def test_a_party_with_only_a_cite_gets_date_reason_and_excerpt(screening, federal_register):
    forget_bundled_notices(screening)
    before = screening.lookup("Aksu Huafu Textiles").results[0]
    assert before.listing_date.precision == "year" and "85 FR 34505" in before.listing_date.source
    report = screening.enrich(api=api(federal_register))
    assert report.stopped == ""
    assert "85 FR 34503" in report.notices_added and "85 FR 34495" in report.notices_added
    aksu = screening.lookup("Aksu Huafu Textiles").results[0]
    assert aksu.listing_date.day == date(2020, 6, 5)
    assert aksu.listing_date.source == "effective date of 85 FR 34503"
    assert "human rights" in aksu.reason and aksu.notice.cite == "85 FR 34503"
    assert "Aksu Huafu Textiles Co." in aksu.excerpt
    assert aksu.excerpt_source.startswith("85 FR 34503, the rule's text")
    assert aksu.notice.url.startswith("https://www.federalregister.gov/documents/2020/06/05")


def test_cites_already_asked_about_are_not_asked_again(screening, federal_register):
    forget_bundled_notices(screening)
    first = screening.enrich(api=api(federal_register))
    assert first.cites_asked > 0 and first.notices_added
    # The fake API has no text for 85 FR 29853's document: noted, and asked again next time.
    assert [failure.split(":")[0] for failure in first.failed] == ["85 FR 29853"]
    assert "1 documents unreadable" in first.describe()
    again = screening.enrich(api=api(federal_register))
    assert again.cites_asked == 1 and again.notices_added == []
    assert not any("/raw/2020-10869" in r for r in federal_register.requests[-3:])


def test_an_unreachable_api_is_skipped_with_a_note_and_resumed_later(screening, federal_register):
    forget_bundled_notices(screening)
    federal_register.down = True
    report = screening.enrich(api=api(federal_register))
    assert "HTTP 503" in report.stopped and report.notices_added == []
    assert "the next run resumes" in report.describe()
    assert screening.lookup("Aksu Huafu Textiles").status == "match"  # answers go on
    federal_register.down = False
    assert "85 FR 34503" in screening.enrich(api=api(federal_register)).notices_added


def test_bundled_notices_get_their_document_numbers_confirmed(screening, federal_register):
    report = screening.enrich(api=api(federal_register))
    assert sorted(report.verified) == ["84 FR 22961", "85 FR 34495", "85 FR 34503"]
    with session(screening.engine) as db:
        notice = db.get(FederalRegisterNotice, "85 FR 34503")
    assert notice.document_number == "2020-10869" and notice.document_number_verified
    # The curated reason and parties stay as they were.
    assert "Xinjiang" in notice.reason


def test_the_enrich_command_reports_and_fails_when_stopped(
    screening, federal_register, monkeypatch, capsys
):
    from bot import cli

    monkeypatch.setenv("DATABASE_URL", screening.settings.database_url)
    monkeypatch.setenv("ENTITYBOT_FR_API_URL", federal_register.api_url)
    forget_bundled_notices(screening)
    federal_register.down = True
    assert cli.main(["enrich"]) == 1
    assert "Stopped" in capsys.readouterr().out
    federal_register.down = False
    assert cli.main(["enrich", "--limit", "1"]) == 0
    assert "asked about 1 cites" in capsys.readouterr().out
