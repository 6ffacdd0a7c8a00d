"""The field helpers every layout shares: list codes, "; "-joined fields, countries, dates."""

from __future__ import annotations

from datetime import date

import pytest

from bot.importers.entry import (
    CslEntry,
    countries_from_addresses,
    list_code_and_name,
    parse_date,
    split_joined,
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Entity List (EL) - Bureau of Industry and Security",
            ("EL", "Entity List", "Bureau of Industry and Security"),
        ),
        (
            "Military End User (MEU) List - Bureau of Industry and Security",
            ("MEU", "Military End User List", "Bureau of Industry and Security"),
        ),
        (
            "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
            ("NS-MBS", "Non-SDN Menu-Based Sanctions List", "Treasury Department"),
        ),
        (
            "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)"
            " - Treasury Department",
            (
                "CMIC",
                "Non-SDN Chinese Military-Industrial Complex Companies List",
                "Treasury Department",
            ),
        ),
        (
            "Specially Designated Nationals (SDN) - Treasury Department",
            ("SDN", "Specially Designated Nationals", "Treasury Department"),
        ),
        ("ITAR Debarred (DTC) - State Department", ("DTC", "ITAR Debarred", "State Department")),
        (
            "Palestinian Legislative Council List (PLC) - Treasury Department",
            ("PLC", "Palestinian Legislative Council List", "Treasury Department"),
        ),
        # No agency part.
        ("Entity List (EL)", ("EL", "Entity List", "")),
        # No code in brackets: the capitals of the name stand in for one.
        (
            "Some New List - Department of Commerce",
            ("SNL", "Some New List", "Department of Commerce"),
        ),
        # A lower-case bracket is part of the name, not the code.
        ("Foo (bar) List (FBL) - Agency", ("FBL", "Foo (bar) List", "Agency")),
    ],
)
def test_list_code_and_name(source, expected):
    assert list_code_and_name(source) == expected


@pytest.mark.parametrize(
    ("value", "pieces"),
    [
        ("CARIBE SOL; HAVANTUR CANADA INC.", ["CARIBE SOL", "HAVANTUR CANADA INC."]),
        ("A; B; and C", ["A", "B", "C"]),
        ("A; B; AND C", ["A", "B", "C"]),
        ("Hebei Semiconductor;  and   CETC 13", ["Hebei Semiconductor", "CETC 13"]),
        ("A;B", ["A", "B"]),
        ("  A ;  ; B ;", ["A", "B"]),
        # "and" inside a piece, or a word that starts with "and", stays.
        ("Research and Development; Andes Trading", ["Research and Development", "Andes Trading"]),
        ("Anderson Co; Sandoz", ["Anderson Co", "Sandoz"]),
        ("Only one name", ["Only one name"]),
        ("", []),
        ("   ", []),
        (None, []),
    ],
)
def test_split_joined(value, pieces):
    assert split_joined(value) == pieces


@pytest.mark.parametrize(
    ("addresses", "countries"),
    [
        (["Beijing, CN"], ["CN"]),
        (["Shenyang, CN", "Pyongyang, KP", "Dandong, CN"], ["CN", "KP"]),
        (["TR"], ["TR"]),
        (["Tian Wang te Zi #1, Baqiao District, Xian, China, CN"], ["CN"]),
        (["113 Hezuo Road, Shijiazhuang, Hebei, China"], []),
        (["3037 S. 69TH DRIVE, PHOENIX, AZ, 85043"], []),
        (["Moscow, ru"], []),
        (["Somewhere, USA"], []),
        (["Geneva, CH "], ["CH"]),
        ([], []),
    ],
)
def test_countries_from_addresses(addresses, countries):
    assert countries_from_addresses(addresses) == countries


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-12-23", date(2020, 12, 23)),
        (" 2018-08-01 ", date(2018, 8, 1)),
        ("10/20/2017", date(2017, 10, 20)),
        ("3/4/2002", date(2002, 3, 4)),
        ("2026-07-31T13:15:00.015113+00:00", date(2026, 7, 31)),
        ("2017-10-16T00:00:00Z", date(2017, 10, 16)),
        ("2020-02-30", None),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_entry_cites_come_from_its_notice():
    entry = CslEntry(
        entry_id="x",
        list_code="DPL",
        list_name="Denied Persons List",
        agency="Bureau of Industry and Security",
        name="I. ASH",
        federal_register_notice="67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 67 F.R. 56530",
    )
    assert entry.federal_register_cites == ["67 FR 56530", "67 FR 10890"]
    entry.federal_register_notice = "Vol. 83, No. 91, 05/10/2018"
    assert entry.federal_register_cites == []
