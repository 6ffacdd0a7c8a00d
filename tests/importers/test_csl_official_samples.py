"""parse_csl on the real CSL files in ../shared/data (skipped cleanly when they are absent)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date

import pytest

from bot.importers import ParsedCsl, parse_csl
from tests.conftest import shared_file

pytestmark = pytest.mark.shared_data

SAMPLE_2025 = "csl-consolidated-sample-2025-06-25.csv"
SAMPLE_2019 = "csl-consolidated-sample-2019-12-03.csv"
RECONSTRUCTED_CSV = "csl-reconstructed-2026-07-31.csv"
RECONSTRUCTED_JSON = "csl-reconstructed-2026-07-31.json.gz"

RECONSTRUCTED_COUNTS = {
    "CAP": 1,
    "CMIC": 68,
    "DPL": 1596,
    "DTC": 787,
    "EL": 3420,
    "ISN": 161,
    "MEU": 70,
    "NS-MBS": 51,
    "PLC": 78,
    "SDN": 19181,
    "SSI": 286,
    "UVL": 222,
}
LIST_NAMES = {
    "CAP": ("Capta List", "Treasury Department"),
    "CMIC": (
        "Non-SDN Chinese Military-Industrial Complex Companies List",
        "Treasury Department",
    ),
    "DPL": ("Denied Persons List", "Bureau of Industry and Security"),
    "DTC": ("ITAR Debarred", "State Department"),
    "EL": ("Entity List", "Bureau of Industry and Security"),
    "ISN": ("Nonproliferation Sanctions", "State Department"),
    "MEU": ("Military End User List", "Bureau of Industry and Security"),
    "NS-MBS": ("Non-SDN Menu-Based Sanctions List", "Treasury Department"),
    "PLC": ("Palestinian Legislative Council List", "Treasury Department"),
    "SDN": ("Specially Designated Nationals", "Treasury Department"),
    "SSI": ("Sectoral Sanctions Identifications List", "Treasury Department"),
    "UVL": ("Unverified List", "Bureau of Industry and Security"),
}
STRAY_AND = re.compile(r"^and\s", re.IGNORECASE)


def _parse(name: str) -> tuple[bytes, ParsedCsl]:
    payload = shared_file(name).read_bytes()
    return payload, parse_csl(payload)


@pytest.fixture(scope="module")
def sample_2025():
    return _parse(SAMPLE_2025)


@pytest.fixture(scope="module")
def sample_2019():
    return _parse(SAMPLE_2019)


@pytest.fixture(scope="module")
def reconstructed_csv():
    return _parse(RECONSTRUCTED_CSV)[1]


@pytest.fixture(scope="module")
def reconstructed_json(full_csl):
    return full_csl  # RECONSTRUCTED_JSON, parsed once per run (tests/conftest.py)


def _only(parsed: ParsedCsl, name: str, list_code: str | None = None):
    found = [
        entry
        for entry in parsed.entries
        if entry.name == name and (list_code is None or entry.list_code == list_code)
    ]
    assert len(found) == 1, f"{name!r}: {len(found)} entries"
    return found[0]


# --- the current official layout: 29 columns, `_id` first --------------------------------


def test_2025_sample_is_the_29_column_layout_with_every_row(sample_2025):
    payload, parsed = sample_2025
    assert parsed.layout == "csv-29"
    assert len(parsed.entries) == 13
    assert parsed.as_of is None
    assert parsed.sha256 == hashlib.sha256(payload).hexdigest()
    assert Counter(entry.list_code for entry in parsed.entries) == {
        "SSI": 3,
        "PLC": 2,
        "DPL": 1,
        "DTC": 1,
        "EL": 1,
        "FSE": 1,
        "ISN": 1,
        "MEU": 1,
        "SDN": 1,
        "UVL": 1,
    }


def test_2025_sample_takes_each_entry_id_from_the_id_column(sample_2025):
    _, parsed = sample_2025
    ids = [entry.entry_id for entry in parsed.entries]
    assert ids[:4] == [
        "233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b",
        "1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42",
        "66f6ab3f26234b75a9093fce79ef0ce0",
        "9673",
    ]
    assert len(set(ids)) == len(ids)
    assert not any(entry_id.startswith("sha1:") for entry_id in ids)


def test_2025_sample_military_end_user_entry(sample_2025):
    _, parsed = sample_2025
    entry = _only(parsed, "Academy of Aerospace Solid Propulsion Technology (AASPT)")
    assert entry.entry_id == "66f6ab3f26234b75a9093fce79ef0ce0"
    assert (entry.list_code, entry.list_name, entry.agency) == (
        "MEU",
        "Military End User List",
        "Bureau of Industry and Security",
    )
    assert entry.addresses == ["Tian Wang te Zi #1, Baqiao District, Xian, China, CN"]
    assert entry.countries == ["CN"]
    assert entry.start_date == date(2020, 12, 23)
    assert entry.end_date is None
    assert entry.federal_register_cites == ["85 FR 83799"]
    assert entry.license_requirement == (
        "For any item subject to the EAR listed in supplement no. 2 to part 744."
    )
    assert entry.license_policy.endswith("is specified in §744.21(d) and (e).")


def test_2025_sample_entity_list_entry_with_and_endings(sample_2025):
    _, parsed = sample_2025
    entry = _only(
        parsed,
        "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
    )
    assert entry.list_code == "EL"
    assert entry.alt_names == [
        "Hebei Semiconductor Research Institute",
        "HSRI",
        "Hebei Institute of Semiconductors",
        "Hebei Semiconductor Institute",
        "Hebei Semiconductor",
        "CETC Research Institute 13",
    ]
    assert entry.addresses == [
        "113 Hezuo Road, Shijiazhuang, Hebei, China",
        "21 Changsheng Street, Shijiazhuang, Hebei, China",
        "21 Changsheng Road, Shijiazhuang, Hebei, China, Shijiazhuang, Hebei Province, CN",
    ]
    # Only the last address ends with an ISO code; "China" is not one.
    assert entry.countries == ["CN"]
    assert entry.federal_register_cites == ["83 FR 37423", "87 FR 77505"]
    assert entry.start_date == date(2018, 8, 1)


def test_2025_sample_state_department_entry_without_a_cite(sample_2025):
    _, parsed = sample_2025
    entry = parsed.entries[0]
    assert (entry.list_code, entry.list_name, entry.agency) == (
        "ISN",
        "Nonproliferation Sanctions",
        "State Department",
    )
    # The name field is not a "; "-joined list: it stays whole.
    assert entry.name == (
        "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof"
    )
    assert entry.programs == ["INKSNA"]
    assert entry.federal_register_notice == "Vol. 88, No. 151, 08/08/2023"
    assert entry.federal_register_cites == []
    assert entry.start_date == date(2023, 7, 19)
    assert entry.addresses == [] and entry.countries == []


def test_2025_sample_treasury_entries(sample_2025):
    _, parsed = sample_2025
    rim = _only(parsed, "RIM, Ryong Nam")
    assert (rim.list_code, rim.entry_type, rim.programs) == ("SDN", "Individual", ["NPWMD"])
    assert rim.addresses == ["Shenyang, CN", "Pyongyang, KP"]
    assert rim.countries == ["CN", "KP"]

    tnk = _only(parsed, "TNK Trading International S.A.")
    assert tnk.list_code == "SSI"
    assert tnk.list_name == "Sectoral Sanctions Identifications List"
    assert tnk.programs == ["VENEZUELA-EO13850", "UKRAINE-EO13662"]
    assert tnk.countries == ["CH"]

    plc = _only(parsed, "Mohammed ABU JHEISHEH")
    assert plc.alt_names == ["Mohammad Mutlaq ABU JHESHEH", "Mohammed ABU JEHEISHA"]
    assert plc.remarks == "HAMAS - Hebron"

    evader = _only(parsed, "Evren KAYAKIRAN")
    assert (evader.list_code, evader.list_name) == ("FSE", "Foreign Sanctions Evaders")
    assert evader.addresses == ["TR"] and evader.countries == ["TR"]

    bank = _only(parsed, "SME BANK")
    assert bank.alt_names[0] == "JSC RUSSIAN BANK FOR SMALL AND MEDIUM ENTERPRISES SUPPORT"
    assert len(bank.alt_names) == 5


def test_2025_sample_denied_person_with_three_dated_cites(sample_2025):
    _, parsed = sample_2025
    entry = _only(parsed, "I. ASH")
    assert entry.list_code == "DPL"
    assert entry.federal_register_cites == ["67 FR 56530", "67 FR 10890", "71 FR 38843"]
    assert entry.start_date == date(2002, 3, 4)
    assert entry.end_date == date(2056, 6, 29)
    assert entry.countries == ["US"]


# --- the older layout: 28 columns, no `_id` ------------------------------------------------


def test_2019_sample_is_the_28_column_layout_with_every_row(sample_2019):
    payload, parsed = sample_2019
    assert parsed.layout == "csv-28"
    assert len(parsed.entries) == 115
    assert parsed.sha256 == hashlib.sha256(payload).hexdigest()
    assert Counter(entry.list_code for entry in parsed.entries) == {
        "CAP": 1,
        "DPL": 8,
        "DTC": 10,
        "EL": 22,
        "ISN": 3,
        "PLC": 13,
        "SDN": 28,
        "SSI": 26,
        "UVL": 4,
    }


def test_2019_sample_rows_get_stable_derived_ids(sample_2019):
    payload, parsed = sample_2019
    ids = [entry.entry_id for entry in parsed.entries]
    assert all(re.fullmatch(r"sha1:[0-9a-f]{20}", entry_id) for entry_id in ids)
    assert len(set(ids)) == len(ids)
    assert [entry.entry_id for entry in parse_csl(payload).entries] == ids


def test_2019_sample_denied_person_with_dated_fr_cite(sample_2019):
    _, parsed = sample_2019
    entry = parsed.entries[0]
    assert entry.name == "ADRIAN MANUEL HERNANDEZ"  # the file has a leading space
    assert (entry.list_code, entry.list_name, entry.agency) == (
        "DPL",
        "Denied Persons List",
        "Bureau of Industry and Security",
    )
    assert entry.federal_register_notice == "82 F.R. 48792 10/20/2017"
    assert entry.federal_register_cites == ["82 FR 48792"]
    assert entry.start_date == date(2017, 10, 16)
    assert entry.end_date == date(2020, 10, 13)
    assert entry.remarks == "FR NOTICE ADDED"
    # "..., PHONEIX, AZ, 85043" ends with a zip code, not a country code.
    assert entry.countries == []


def test_2019_sample_vol_no_notice_is_not_a_cite(sample_2019):
    _, parsed = sample_2019
    entry = _only(parsed, "183rd Guard Air Defense Missile Regiment")
    assert entry.federal_register_notice == "Vol. 83, No. 91, 05/10/2018"
    assert entry.federal_register_cites == []
    assert entry.start_date == date(2018, 4, 30)


def test_2019_sample_fields_split_and_countries(sample_2019):
    _, parsed = sample_2019
    canada = _only(parsed, "2904977 CANADA, INC.")
    assert (canada.list_code, canada.entry_type, canada.programs) == ("SDN", "Entity", ["CUBA"])
    assert canada.alt_names == ["CARIBE SOL", "HAVANTUR CANADA INC."]
    assert canada.countries == ["CA"]

    group = _only(parsed, "32 Group China Ltd.")
    assert len(group.addresses) == 2
    assert group.countries == ["HK"]  # two Hong Kong addresses, one country
    assert group.federal_register_cites == ["80 FR 69852"]
    assert group.license_policy == "Presumption of denial."


def test_2019_sample_and_ending_leaves_no_stray_and(sample_2019):
    _, parsed = sample_2019
    entry = next(e for e in parsed.entries if e.name.startswith("54th Research Institute"))
    assert entry.alt_names == [
        "China Electronics Technology Group Corp. (CETC) 54th Research Institute",
        "Communication, Telemetry and Telecontrol Research Institute (CTI)",
        "Shijiazhuang Communication Observation and Control Technology Institute.",
    ]


# --- the reconstructed full list, both layouts ----------------------------------------------


def test_reconstructed_csv_holds_every_entry_per_list(reconstructed_csv):
    assert reconstructed_csv.layout == "csv-29"
    assert len(reconstructed_csv.entries) == 25921
    assert reconstructed_csv.as_of is None
    assert Counter(e.list_code for e in reconstructed_csv.entries) == RECONSTRUCTED_COUNTS


def test_reconstructed_json_holds_every_entry_per_list(reconstructed_json):
    assert reconstructed_json.layout == "json"
    assert len(reconstructed_json.entries) == 25921
    assert reconstructed_json.as_of == date(2026, 7, 31)
    assert Counter(e.list_code for e in reconstructed_json.entries) == RECONSTRUCTED_COUNTS


@pytest.mark.parametrize("layout", ["csv", "json"])
def test_reconstructed_list_names_and_agencies(layout, reconstructed_csv, reconstructed_json):
    parsed = reconstructed_csv if layout == "csv" else reconstructed_json
    seen = {(e.list_code, e.list_name, e.agency) for e in parsed.entries}
    assert seen == {(code, *name) for code, name in LIST_NAMES.items()}


@pytest.mark.parametrize("layout", ["csv", "json"])
def test_reconstructed_qihoo_is_listed_twice(layout, reconstructed_csv, reconstructed_json):
    parsed = reconstructed_csv if layout == "csv" else reconstructed_json
    company = _only(parsed, "Qihoo 360 Technology Company", "EL")
    assert company.federal_register_cites == ["85 FR 34497"]
    assert company.federal_register_notice == "85 FR 34497"
    assert company.countries == ["CN"]
    assert company.license_policy == "Presumption of denial"
    assert company.start_date is None  # the snapshot carries no dates
    limited = _only(parsed, "Qihoo 360 Technology Co. Ltd", "EL")
    assert limited.federal_register_cites == ["85 FR 34497"]
    assert limited.countries == ["GB"]
    assert limited.entry_id != company.entry_id


@pytest.mark.parametrize("layout", ["csv", "json"])
def test_reconstructed_cite_histories(layout, reconstructed_csv, reconstructed_json):
    parsed = reconstructed_csv if layout == "csv" else reconstructed_json
    aksu = _only(parsed, "Aksu District Public Security Bureau", "EL")
    assert aksu.federal_register_cites == ["84 FR 54002", "85 FR 44159"]
    belgium = _only(parsed, "Huawei Technologies Research & Development Belgium NV", "EL")
    assert belgium.federal_register_cites[:2] == ["84 FR 22961", "84 FR 43495"]
    assert len(belgium.federal_register_cites) == 7
    assert belgium.countries == ["BE"]
    cetc = _only(
        parsed, "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    )
    assert cetc.federal_register_cites == ["83 FR 37423", "85 FR 34497"]
    assert "Hefei Institute of Electronic Engineering" in cetc.alt_names


def test_reconstructed_csv_alt_names_have_no_stray_and(reconstructed_csv):
    strays = [
        (entry.name, alt)
        for entry in reconstructed_csv.entries
        for alt in entry.alt_names
        if STRAY_AND.match(alt)
    ]
    assert strays == []
    tactical = next(
        e for e in reconstructed_csv.entries if "PPO Rosprofprom V “GOSNIIMASH”" in e.alt_names
    )
    assert tactical.alt_names[-1] == "SKB DNIKhTI"


def test_reconstructed_csv_and_json_agree_entry_by_entry(reconstructed_csv, reconstructed_json):
    fields = (
        "entry_id",
        "list_code",
        "list_name",
        "agency",
        "name",
        "entry_type",
        "programs",
        "federal_register_notice",
        "license_requirement",
        "license_policy",
        "source_list_url",
        "source_information_url",
    )
    differences = [
        (csv_entry.name, field)
        for csv_entry, json_entry in zip(
            reconstructed_csv.entries, reconstructed_json.entries, strict=True
        )
        for field in fields
        if getattr(csv_entry, field) != getattr(json_entry, field)
    ]
    assert differences == []


def test_reconstructed_json_alt_names_have_no_stray_and(reconstructed_json):
    strays = [
        alt
        for entry in reconstructed_json.entries
        for alt in entry.alt_names
        if STRAY_AND.match(alt)
    ]
    assert strays == []
