"""Listing dates from the best evidence an entry holds, each with its precision and source."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.dates import listing_date, written_dates


def test_the_list_start_date_comes_first():
    found = listing_date(date(2020, 12, 23), date(2021, 1, 1), "85 FR 1", [], ["85 FR 1"])
    assert (found.day, found.precision, found.source) == (
        date(2020, 12, 23),
        "day",
        "start date on the list",
    )


def test_the_rule_on_file_gives_its_effective_date():
    found = listing_date(None, date(2020, 6, 5), "85 FR 34503", [], ["85 FR 34505"])
    assert found.text == "2020-06-05" and found.source == "effective date of 85 FR 34503"


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("65 FR 42664 7/11/00", date(2000, 7, 11)),
        ("58 F.R. 42719 8/11/93", date(1993, 8, 11)),
        ("Vol. 72, No. 243, 12/19/2007", date(2007, 12, 19)),
        ("published December 19, 2007", date(2007, 12, 19)),
        ("2019-05-21", date(2019, 5, 21)),
    ],
)
def test_a_date_the_entry_writes_is_read_in_the_ways_the_lists_write_it(written, day):
    assert written_dates(written) == [day]
    found = listing_date(None, None, "", [written], [])
    assert (found.day, found.source) == (day, "a date the entry's own fields give")


def test_impossible_dates_are_not_dates():
    assert written_dates("13/45/2007 and 2/30/2019") == []


def test_a_cite_alone_gives_the_year_of_its_volume():
    found = listing_date(None, None, "", [""], ["85 FR 44159", "84 FR 54002"])
    assert (found.text, found.precision) == ("2019", "year")
    assert found.source == "first cited 2019 (84 FR 54002)"


def test_nothing_to_go_on_says_so():
    found = listing_date(None, None, "", [""], [])
    assert (found.text, found.precision, found.source) == (
        "not known",
        "unknown",
        "the list gives no date",
    )


@pytest.mark.shared_data
def test_every_real_entry_that_cites_the_federal_register_gets_at_least_a_year(full_csl):
    cited = [entry for entry in full_csl.entries if entry.federal_register_cites]
    assert len(cited) > 3000
    undated = [
        entry.name
        for entry in cited
        if listing_date(
            entry.start_date,
            None,
            "",
            (entry.federal_register_notice, entry.remarks),
            entry.federal_register_cites,
        ).precision
        == "unknown"
    ]
    assert undated == []
