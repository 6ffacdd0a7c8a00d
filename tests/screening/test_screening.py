"""The domain service over a small fixture: answers carry list, date, reason and source."""

from __future__ import annotations

import pytest

from bot.importers import CslFormatError
from bot.screening import Screening
from bot.settings import Settings
from bot.sources import SourceError
from tests.conftest import FIXTURES


@pytest.fixture
def screening(tmp_path, database_url) -> Screening:
    settings = Settings(database_url=database_url, data_dir=tmp_path, min_entries=1)
    service = Screening(settings, notify=lambda message: None)
    service.refresh(source=str(FIXTURES / "csl-small.csv"), loaded_by="tests")
    return service


def only(answer):
    assert answer.status == "match", answer
    return answer.results[0]


def test_a_rule_on_file_gives_date_reason_and_excerpt(screening):
    aksu = only(screening.lookup("Aksu Huafu"))
    assert aksu.listing_date.text == "2020-06-05"
    assert aksu.listing_date.precision == "day"
    assert aksu.listing_date.source == "effective date of 85 FR 34503"
    assert "Xinjiang" in aksu.reason and aksu.notice.cite == "85 FR 34503"
    assert aksu.notice.url == "https://www.federalregister.gov/citation/85-FR-34503"
    assert aksu.excerpt.startswith("CN: Aksu Huafu Textiles Co.")
    assert aksu.aliases == ["Akesu Huafu", "Aksu Huafu Dyed Melange Yarn"]


def test_an_unknown_earliest_rule_leaves_the_date_open_and_says_why(screening):
    cetc = only(screening.lookup("CETC 38"))
    # The year of its earliest cite is all the data holds.
    assert (cetc.listing_date.text, cetc.listing_date.precision) == ("2018", "year")
    assert cetc.listing_date.source == "first cited 2018 (83 FR 37423)"
    # 85 FR 34495 only revised this entry: its reason is not the listing's reason.
    assert cetc.notice is None
    assert "EAR §744.11" in cetc.reason


def test_a_start_date_on_the_list_is_the_listing_date(screening):
    academy = only(screening.lookup("Academy of Aerospace Solid Propulsion Technology"))
    assert academy.list_code == "MEU" and academy.list_name == "Military End User List"
    assert academy.listing_date.text == "2020-12-23"
    assert "military end use" in academy.reason


def test_sanctions_entries_take_their_reason_from_programs(screening):
    bank = only(screening.lookup("Bank Sepah"))
    assert bank.list_code == "SDN"
    assert "global terrorist" in bank.reason and "Revolutionary Guard" in bank.reason


def test_a_former_party_is_history_not_a_result(screening):
    answer = screening.lookup("Institute of Forensic Science of China")
    assert answer.status == "none" and answer.results == []
    assert answer.history[0].notice.cite == "85 FR 34503"
    assert answer.history[0].listed_from.text == "2020-06-05"
    assert answer.formerly_listed


def test_a_failed_refresh_keeps_the_previous_data(screening, tmp_path):
    broken = tmp_path / "truncated.csv"
    broken.write_bytes((FIXTURES / "csl-small.csv").read_bytes()[:1500])
    with pytest.raises(CslFormatError):
        screening.refresh(source=str(broken))
    with pytest.raises(SourceError, match="cannot read"):
        screening.refresh(source=str(tmp_path / "missing.csv"))
    assert screening.status().entry_count == 14
    assert only(screening.lookup("Qihoo 360")).list_code == "EL"


def test_a_refresh_reports_changes_per_list(screening, tmp_path):
    smaller = tmp_path / "smaller.csv"
    lines = (FIXTURES / "csl-small.csv").read_text(encoding="utf-8-sig").splitlines(True)
    smaller.write_text("".join(line for line in lines if "Hitech Corporation" not in line))
    report = screening.refresh(source=str(smaller), loaded_by="U1")
    assert report.changes.per_list["EL"].removed == ["Hitech Corporation"]
    assert report.changes.added == 0 and report.changes.changed == 0
    assert report.previous.entry_count == 14 and report.dataset.entry_count == 13
    assert screening.lookup("Hitech Corporation").status != "match"
