"""Federal Register cites parsed out of the CSL's free-text federal_register_notice."""

from __future__ import annotations

import dataclasses

import pytest

from bot.federal_register.cites import Cite, parse_cites
from tests.conftest import shared_file


def texts(cites: list[Cite]) -> list[str]:
    return [str(cite) for cite in cites]


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        ("85 FR 34497", ["85 FR 34497"]),
        ("84 FR 22961, 84 FR 43495", ["84 FR 22961", "84 FR 43495"]),
        ("82 F.R. 48792 10/20/2017", ["82 FR 48792"]),
        ("84 FR 54002; 85 FR 34505", ["84 FR 54002", "85 FR 34505"]),
        ("85 FR 51603, 87 FR 6026; 87 FR 55250", ["85 FR 51603", "87 FR 6026", "87 FR 55250"]),
        ("46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81", ["46 FR 46154", "46 FR 19290"]),
        ("76 FR 50407 (8/15/2011)", ["76 FR 50407"]),
        ("77 FR 61249 No. 195", ["77 FR 61249"]),
        ("77 FR 58006 (no. 182)", ["77 FR 58006"]),
        # Spacing and dots vary.
        ("79 FR  55608", ["79 FR 55608"]),
        ("84  FR 21233", ["84 FR 21233"]),
        ("77 F.R 25133 4/27/12", ["77 FR 25133"]),
        ("88 F.R.2603 1/17/2023", ["88 FR 2603"]),
        ("82 F.R. 61745 12/29/2017,  83F.R. 28801 6/21/2018", ["82 FR 61745", "83 FR 28801"]),
        ("52 F.R. 23325  6/19/87", ["52 FR 23325"]),
        ("78 F.R. 84 1/2/13", ["78 FR 84"]),  # a real cite near the start of a volume
    ],
)
def test_parse_cites(notice, expected):
    assert texts(parse_cites(notice)) == expected


def test_cites_keep_the_order_written_not_sorted():
    notice = "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 71 F.R. 38843 7/10/06"
    assert parse_cites(notice) == [Cite(67, 56530), Cite(67, 10890), Cite(71, 38843)]
    assert parse_cites(notice) != sorted(parse_cites(notice))


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        (
            "66 FR 24266, 77 FR 58006 (no. 182); 84 FR 40241, 84 FR 40241",
            ["66 FR 24266", "77 FR 58006", "84 FR 40241"],
        ),
        ("85 FR 34497; 85 F.R. 34497; 85  FR 34497", ["85 FR 34497"]),
        ("85 FR 1; 84 FR 2; 85 FR 1", ["85 FR 1", "84 FR 2"]),
    ],
)
def test_repeated_cites_are_kept_once_where_first_written(notice, expected):
    assert texts(parse_cites(notice)) == expected


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        ("88 FR", []),
        ("85 FR 34501; 88 FR", ["85 FR 34501"]),
        (
            "66 FR 24266; 70 FR 54629; 75 FR 78877; 88 FR",
            ["66 FR 24266", "70 FR 54629", "75 FR 78877"],
        ),
        ("76 FR 78146 (12/16/11) 77 FR", ["76 FR 78146"]),
        ("76 FR No. 197 (10/12/2011)", []),
        ("Vol. 83, No. 91, 05/10/2018", []),
        ("Vol. 88, No. 151, 08/08/2023", []),
        ("NEW F.R. NOTICE TO BE PUBLISHED SOON", []),
        ("FR NOTICE ADDED", []),
        ("", []),
        (None, []),
    ],
)
def test_text_without_a_page_is_not_a_cite(notice, expected):
    assert texts(parse_cites(notice)) == expected


def test_cite_text_and_url():
    cite = Cite(85, 34497)
    assert str(cite) == "85 FR 34497"
    assert cite.url == "https://www.federalregister.gov/citation/85-FR-34497"
    assert Cite(82, 48792).url == "https://www.federalregister.gov/citation/82-FR-48792"
    assert [c.url for c in parse_cites("84 FR 22961, 84 FR 43495")] == [
        "https://www.federalregister.gov/citation/84-FR-22961",
        "https://www.federalregister.gov/citation/84-FR-43495",
    ]


def test_cite_parse_takes_the_first_cite():
    assert Cite.parse("see 84 FR 22961, 84 FR 43495") == Cite(84, 22961)
    assert Cite.parse("82 F.R. 48792 10/20/2017") == Cite(82, 48792)
    assert Cite.parse("Vol. 83, No. 91, 05/10/2018") is None
    assert Cite.parse("88 FR") is None


def test_cites_are_values_ordered_by_volume_then_page():
    assert Cite(85, 34497) == Cite(85, 34497)
    assert len({Cite(85, 34497), Cite(85, 34497), Cite(85, 34505)}) == 2
    assert sorted([Cite(85, 34505), Cite(84, 43495), Cite(85, 34497), Cite(84, 22961)]) == [
        Cite(84, 22961),
        Cite(84, 43495),
        Cite(85, 34497),
        Cite(85, 34505),
    ]
    assert Cite(84, 99999) < Cite(85, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Cite(85, 34497).page = 1  # type: ignore[misc]


@pytest.mark.shared_data
def test_cites_of_the_june_2020_entity_list_rules():
    path = shared_file("federal-register/85FR34495_85FR34503_2020-06-05_entity-list-additions.txt")
    notices = [
        line.split(":", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("federal_register_notice:")
    ]
    assert len(notices) > 10
    cites = [parse_cites(notice) for notice in notices]
    assert all(cites), "every notice in the file names at least one page"
    found = {cite for group in cites for cite in group}
    assert {Cite(85, 34497), Cite(85, 34501), Cite(83, 37423)} <= found
    # Every cite in the file is a page of the Federal Register, volume 62 (1997) onwards.
    assert all(62 <= cite.volume <= 90 and cite.page > 100 for cite in found)
    # "85 FR 34501; 88 FR": the trailing cite has no page and is skipped.
    pageless = [
        texts(group)
        for group, notice in zip(cites, notices, strict=True)
        if notice.endswith("88 FR")
    ]
    assert pageless == [["85 FR 34501"]]


@pytest.mark.parametrize("notice", ["81.F.R. 22576 4/18/2016", "82.F.R. 14200 3/17/2017"])
def test_a_dot_after_the_volume_still_makes_a_cite(notice):
    volume, page = notice.split(".F.R. ")[0], notice.split(".F.R. ")[1].split()[0]
    assert parse_cites(notice) == [Cite(int(volume), int(page))]


@pytest.mark.parametrize(
    ("notice", "expected"),
    [
        (
            "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 68 F.R. 38290 6/27/03 72 F.R. 1/30/07",
            ["67 FR 56530", "67 FR 10890", "68 FR 38290"],
        ),
        ("85 FR 34501; 88 FR 08/08/2023", ["85 FR 34501"]),
    ],
)
def test_a_date_after_a_cite_without_page_is_not_its_page(notice, expected):
    assert texts(parse_cites(notice)) == expected
