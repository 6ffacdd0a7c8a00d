"""parse_csl on small hand-made files, one for each quirk of the CSL layouts."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from bot.importers import parse_csl
from bot.importers.csv_layout import COLUMNS_28, COLUMNS_29
from tests.conftest import FIXTURES

HERE = FIXTURES / "importers"
CSV_29 = HERE / "csl-29-bom-crlf.csv"  # UTF-8 with BOM, CRLF, every field quoted
CSV_28 = HERE / "csl-28-lf.csv"  # the pre-2020 layout: no _id, LF, minimal quoting
BULK_JSON = HERE / "csl-bulk.json"  # {"sources_used": [...], "total": 5, "results": [...]}

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


def csv_bytes(rows: list[dict[str, str]], columns=COLUMNS_29, newline="\r\n") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=newline)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode("utf-8")


def by_id(parsed):
    return {entry.entry_id: entry for entry in parsed.entries}


def gzipped(payload: bytes, stored_name: str | None = None) -> bytes:
    """gzip bytes; `stored_name` goes into the gzip header's original-file-name field."""
    if stored_name is None:
        return gzip.compress(payload, mtime=0)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=stored_name, mode="wb", fileobj=buffer, mtime=0) as archive:
        archive.write(payload)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def csv29():
    return parse_csl(CSV_29.read_bytes())


@pytest.fixture(scope="module")
def csv28():
    return parse_csl(CSV_28.read_bytes())


@pytest.fixture(scope="module")
def bulk():
    return parse_csl(BULK_JSON.read_bytes())


# --- 29 columns, BOM, CRLF -------------------------------------------------------------------


def test_29_column_file_with_bom_and_crlf(csv29):
    payload = CSV_29.read_bytes()
    assert payload.startswith(b"\xef\xbb\xbf") and b"\r\n" in payload
    assert csv29.layout == "csv-29"
    assert csv29.as_of is None
    assert csv29.sha256 == hashlib.sha256(payload).hexdigest()
    assert [entry.entry_id for entry in csv29.entries] == [
        "el-qihoo-cn",
        "el-qihoo-gb",
        "el-cetc-38",
        "el-huawei-be",
        "el-aksu-psb",
        "meu-aaspt",
        "17250",
        "52291",
    ]
    # The BOM does not stick to the first column's name, nor CR to the last value.
    first = csv29.entries[0]
    assert "_id" in first.raw and not any(key.startswith("\ufeff") for key in first.raw)
    assert first.raw["ids"] == ""
    assert not any(entry.source_information_url.endswith("\r") for entry in csv29.entries)


def test_one_party_listed_twice_stays_two_entries(csv29):
    entries = by_id(csv29)
    china, britain = entries["el-qihoo-cn"], entries["el-qihoo-gb"]
    assert china.name == "Qihoo 360 Technology Company"
    assert britain.name == "Qihoo 360 Technology Co. Ltd"
    assert (china.countries, britain.countries) == (["CN"], ["GB"])
    assert china.federal_register_cites == britain.federal_register_cites == ["85 FR 34497"]
    assert china.list_code == britain.list_code == "EL"
    assert china.start_date == britain.start_date == date(2020, 6, 5)
    assert china.license_requirement == "For all items subject to the EAR. (See §744.11 of the EAR)"


def test_and_endings_in_alt_names_and_addresses(csv29):
    entry = by_id(csv29)["el-cetc-38"]
    assert entry.alt_names == [
        "Hefei Institute of Electronic Engineering",
        "East China Research Institute of Electronic Engineering",
        "CETC Research Institute 38",
    ]
    assert entry.addresses == [
        "No. 199 Xiangzhang Avenue, Hefei, Anhui, CN",
        "Shushan District, Hefei, CN",
    ]
    assert entry.countries == ["CN"]
    assert entry.federal_register_cites == ["83 FR 37423", "85 FR 34497"]
    assert entry.start_date == date(2018, 8, 1)


@pytest.mark.parametrize(
    ("entry_id", "notice", "cites"),
    [
        ("el-huawei-be", "84 FR 22961, 84 FR 43495", ["84 FR 22961", "84 FR 43495"]),
        ("el-aksu-psb", "84 FR 54002; 85 FR 34505", ["84 FR 54002", "85 FR 34505"]),
        ("meu-aaspt", "85 FR 83799", ["85 FR 83799"]),
        ("52291", "", []),
    ],
)
def test_cites_keep_the_notice_text_and_its_order(csv29, entry_id, notice, cites):
    entry = by_id(csv29)[entry_id]
    assert entry.federal_register_notice == notice
    assert entry.federal_register_cites == cites


def test_free_text_fields_are_not_split_on_semicolons(csv29):
    entry = by_id(csv29)["el-aksu-psb"]
    assert entry.license_policy == (
        "Case-by-case review for ECCNs 1A004.c; presumption of denial for all other items "
        "subject to the EAR."
    )
    assert entry.addresses == ["CN"] and entry.countries == ["CN"]


def test_list_codes_and_names_from_source(csv29):
    entries = by_id(csv29)
    meu, mbs = entries["meu-aaspt"], entries["17250"]
    assert (meu.list_code, meu.list_name, meu.agency) == (
        "MEU",
        "Military End User List",
        "Bureau of Industry and Security",
    )
    assert meu.start_date == date(2020, 12, 23)
    assert (mbs.list_code, mbs.list_name, mbs.agency) == (
        "NS-MBS",
        "Non-SDN Menu-Based Sanctions List",
        "Treasury Department",
    )
    assert mbs.entry_type == "Entity"
    assert mbs.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    assert mbs.alt_names == ["Gazprom PAO", "PJSC Gazprom", "Gazprom"]
    assert mbs.countries == ["RU"]


def test_empty_fields_give_empty_values(csv29):
    entry = by_id(csv29)["52291"]
    assert (entry.list_code, entry.entry_type, entry.name) == (
        "SDN",
        "Individual",
        "RIM, Ryong Nam",
    )
    assert entry.federal_register_notice == "" and entry.federal_register_cites == []
    assert entry.start_date is None and entry.end_date is None
    assert entry.license_requirement == entry.license_policy == entry.remarks == ""
    assert entry.alt_names == []
    assert entry.programs == ["NPWMD"]
    assert entry.addresses == ["Shenyang, CN", "Pyongyang, KP"]
    assert entry.countries == ["CN", "KP"]
    assert entry.raw["dates_of_birth"] == "1978-12-05"


@pytest.mark.parametrize(
    "variant",
    ["lf", "no-bom", "lf-no-bom", "trailing-blank-lines"],
)
def test_line_endings_and_bom_do_not_change_the_entries(csv29, variant):
    payload = CSV_29.read_bytes()
    if "lf" in variant.split("-"):
        payload = payload.replace(b"\r\n", b"\n")
        assert b"\r" not in payload
    if "no-bom" in variant:
        payload = payload.removeprefix(b"\xef\xbb\xbf")
    if variant == "trailing-blank-lines":
        payload += b"\r\n\r\n"
    parsed = parse_csl(payload)
    assert parsed.layout == "csv-29"
    assert parsed.entries == csv29.entries
    if variant != "trailing-blank-lines":
        assert parsed.sha256 != csv29.sha256


def test_quoted_field_may_hold_a_line_break():
    row = {
        "_id": "x-1",
        "source": EL,
        "name": "Multi Line Trading",
        "addresses": "Unit 5,\r\nTower B, Shenzhen, CN",
    }
    parsed = parse_csl(csv_bytes([row]))
    assert parsed.entries[0].addresses == ["Unit 5,\r\nTower B, Shenzhen, CN"]
    assert parsed.entries[0].countries == ["CN"]


def test_empty_id_in_the_29_column_layout_falls_back_to_a_derived_id():
    rows = [
        {"_id": "", "source": EL, "name": "Alpha Co.", "addresses": "Beijing, CN"},
        {"_id": " ", "source": EL, "name": "Alpha Co.", "addresses": "London, GB"},
    ]
    first, second = parse_csl(csv_bytes(rows)).entries
    assert first.entry_id.startswith("sha1:") and second.entry_id.startswith("sha1:")
    assert first.entry_id != second.entry_id  # the address is part of the identity
    assert parse_csl(csv_bytes(rows)).entries[0].entry_id == first.entry_id


def test_columns_may_come_in_another_order_and_extra_columns_are_kept_raw():
    columns = (
        "name",
        "source",
        "extra_note",
        *(c for c in COLUMNS_28 if c not in {"name", "source"}),
    )
    row = {"name": "Beta LLC", "source": SDN, "extra_note": "hello", "programs": "SDGT"}
    parsed = parse_csl(csv_bytes([row], columns=columns))
    assert parsed.layout == f"csv-{len(columns)}"
    entry = parsed.entries[0]
    assert (entry.name, entry.list_code, entry.programs) == ("Beta LLC", "SDN", ["SDGT"])
    assert entry.raw["extra_note"] == "hello"


# --- 28 columns, LF, no _id -----------------------------------------------------------------


def test_28_column_file_with_lf(csv28):
    payload = CSV_28.read_bytes()
    assert b"\r" not in payload and not payload.startswith(b'"_id"')
    assert csv28.layout == "csv-28"
    assert len(csv28.entries) == 4
    ids = [entry.entry_id for entry in csv28.entries]
    assert all(re.fullmatch(r"sha1:[0-9a-f]{20}", entry_id) for entry_id in ids)
    assert len(set(ids)) == 4
    assert [entry.entry_id for entry in parse_csl(payload).entries] == ids


def test_28_column_entries(csv28):
    denied, isn, canada, institute = csv28.entries
    assert denied.name == "ADRIAN MANUEL HERNANDEZ"
    assert denied.list_code == "DPL"
    assert denied.federal_register_cites == ["82 FR 48792"]
    assert (denied.start_date, denied.end_date) == (date(2017, 10, 16), date(2020, 10, 13))
    assert denied.raw["standard_order"] == "Y"
    assert denied.countries == []

    assert isn.federal_register_cites == [] and isn.programs == ["INKSNA"]
    assert isn.start_date == date(2018, 4, 30)

    assert canada.name == "2904977 CANADA, INC."
    assert canada.alt_names == ["CARIBE SOL", "HAVANTUR CANADA INC."]
    assert canada.countries == ["CA"]

    assert institute.alt_names == [
        "China Electronics Technology Group Corp. (CETC) 54th Research Institute",
        "Communication, Telemetry and Telecontrol Research Institute (CTI)",
        "Shijiazhuang Communication Observation and Control Technology Institute.",
    ]
    assert institute.license_policy == "Presumption of denial."


# --- bulk JSON -----------------------------------------------------------------------------


def test_bulk_json(bulk):
    assert bulk.layout == "json"
    assert bulk.sha256 == hashlib.sha256(BULK_JSON.read_bytes()).hexdigest()
    # The newest source_last_updated; a null stamp is ignored.
    assert bulk.as_of == date(2026, 7, 31)
    assert [entry.entry_id for entry in bulk.entries] == [
        "el-qihoo-cn",
        "el-qihoo-gb",
        "meu-aaspt",  # from "_id"
        "52291",
        "17250",
    ]


def test_bulk_json_addresses_are_objects_with_a_country(bulk):
    china, britain, meu, rim, _ = bulk.entries
    assert china.addresses == ["Beijing, CN"] and china.countries == ["CN"]
    assert britain.addresses == ["1 Example Street, London, EC1A 1AA, GB"]
    assert britain.countries == ["GB"]
    assert meu.addresses == ["Tian Wang te Zi #1, Baqiao District, Xian, CN"]
    # Countries in order of first appearance, each once.
    assert rim.countries == ["CN", "KP"]
    assert len(rim.addresses) == 3


def test_bulk_json_nulls_and_missing_keys_are_empty(bulk):
    china, _, meu, _, _ = bulk.entries
    assert china.entry_type == "" and china.remarks == ""
    assert china.end_date is None
    assert china.programs == [] and china.alt_names == []
    assert meu.programs == [] and meu.alt_names == [] and meu.license_policy == ""
    assert meu.start_date == date(2020, 12, 23)  # from "2020-12-23T00:00:00"
    assert china.start_date == date(2020, 6, 5)


def test_bulk_json_list_and_string_variants(bulk):
    _, _, _, rim, gazprom = bulk.entries
    assert rim.programs == ["NPWMD", "DPRK3"]  # "; "-joined string
    assert rim.alt_names == ["RIM Ryong-nam", "LIM Ryong Nam", "RIM Yong Nam"]  # "; and"
    assert rim.remarks == "Secondary sanctions risk"
    assert rim.federal_register_cites == []
    assert gazprom.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]  # list
    assert gazprom.alt_names == ["Gazprom PAO", "PJSC Gazprom", "Gazprom"]  # stripped
    assert (gazprom.list_code, gazprom.list_name) == (
        "NS-MBS",
        "Non-SDN Menu-Based Sanctions List",
    )
    assert gazprom.entry_type == "Entity"


def test_bulk_json_and_csv_agree_on_the_same_party(bulk, csv29):
    from_csv = by_id(csv29)
    for from_json in bulk.entries:
        twin = from_csv[from_json.entry_id]
        assert from_json.name == twin.name
        assert (from_json.list_code, from_json.list_name, from_json.agency) == (
            twin.list_code,
            twin.list_name,
            twin.agency,
        )
        assert from_json.countries == twin.countries
        assert from_json.federal_register_cites == twin.federal_register_cites
        assert from_json.start_date == twin.start_date


def test_json_without_sources_used_or_total_has_no_as_of():
    document = {"results": [{"source": EL, "name": "Gamma Ltd"}]}
    parsed = parse_csl(json.dumps(document).encode())
    assert parsed.as_of is None
    entry = parsed.entries[0]
    assert entry.entry_id.startswith("sha1:")
    assert entry.entry_id == parse_csl(json.dumps(document).encode()).entries[0].entry_id


def test_json_with_bom_and_leading_whitespace_is_json():
    document = {"total": 1, "results": [{"source": EL, "name": "Delta GmbH"}]}
    payload = b"\xef\xbb\xbf\n\n  " + json.dumps(document, indent=2).encode()
    parsed = parse_csl(payload)
    assert parsed.layout == "json"
    assert parsed.entries[0].name == "Delta GmbH"


# --- gzip, recognised by content whatever the name -----------------------------------------


@pytest.mark.parametrize(
    ("source", "file_name", "stored_name", "layout"),
    [
        (CSV_29, "consolidated.json", None, "csv-29"),
        (CSV_29, "download", "entities.json", "csv-29"),
        (CSV_28, "csl.json.gz", "csl.json", "csv-28"),
        (CSV_28, "export.zip", None, "csv-28"),
        (BULK_JSON, "consolidated.csv", None, "json"),
        (BULK_JSON, "csl", "consolidated.csv", "json"),
        (BULK_JSON, "csl.csv.gz", "data.csv", "json"),
    ],
)
def test_gzip_is_recognised_by_content(tmp_path, source, file_name, stored_name, layout):
    plain = source.read_bytes()
    path: Path = tmp_path / file_name
    path.write_bytes(gzipped(plain, stored_name))
    payload = path.read_bytes()
    parsed = parse_csl(payload)
    assert parsed.layout == layout
    assert parsed.entries == parse_csl(plain).entries
    assert parsed.sha256 == hashlib.sha256(payload).hexdigest() != hashlib.sha256(plain).hexdigest()
    if layout == "json":
        assert parsed.as_of == date(2026, 7, 31)


def test_plain_files_with_misleading_names_are_recognised(tmp_path):
    (tmp_path / "csl.json.gz").write_bytes(CSV_29.read_bytes())
    (tmp_path / "csl.csv").write_bytes(BULK_JSON.read_bytes())
    assert parse_csl((tmp_path / "csl.json.gz").read_bytes()).layout == "csv-29"
    assert parse_csl((tmp_path / "csl.csv").read_bytes()).layout == "json"


def test_multi_member_gzip_is_read_whole():
    plain = CSV_29.read_bytes()
    cut = plain.index(b"\r\n", len(plain) // 2) + 2
    payload = gzip.compress(plain[:cut]) + gzip.compress(plain[cut:])
    assert parse_csl(payload).entries == parse_csl(plain).entries


# --- JSON and CSV should agree; where they do not, bot/importers/json_layout.py is wrong -----


def test_json_alt_names_list_loses_the_and_of_an_and_ending():
    document = {
        "results": [
            {
                "source": EL,
                "name": "Tactical Missile Corporation",
                "alt_names": [
                    "State Research Institute of Mechanical Engineering",
                    "and SKB DNIKhTI",
                ],
            }
        ]
    }
    entry = parse_csl(json.dumps(document).encode()).entries[0]
    assert entry.alt_names == ["State Research Institute of Mechanical Engineering", "SKB DNIKhTI"]


def test_json_null_items_in_lists_are_dropped():
    document = {
        "results": [
            {
                "source": SDN,
                "name": "Epsilon LLC",
                "alt_names": ["EPSILON", None],
                "programs": [None],
            }
        ]
    }
    entry = parse_csl(json.dumps(document).encode()).entries[0]
    assert entry.alt_names == ["EPSILON"]
    assert entry.programs == []


def test_json_and_csv_give_the_same_countries_for_the_same_addresses():
    countries = ["PRC", "REGION: WEST BANK", "PS"]
    from_csv = parse_csl(
        csv_bytes([{"source": SDN, "name": "Zeta Foundation", "addresses": "; ".join(countries)}])
    ).entries[0]
    document = {
        "results": [
            {
                "source": SDN,
                "name": "Zeta Foundation",
                "addresses": [{"country": country} for country in countries],
            }
        ]
    }
    from_json = parse_csl(json.dumps(document).encode()).entries[0]
    assert from_csv.countries == ["PS"]
    assert from_json.countries == from_csv.countries


@pytest.mark.parametrize("addresses", ["Beijing, CN; London, GB", ["Beijing, CN", "London, GB"]])
def test_json_text_addresses_give_countries_like_the_csv(addresses):
    document = {"results": [{"source": EL, "name": "Eta Ltd", "addresses": addresses}]}
    entry = parse_csl(json.dumps(document).encode()).entries[0]
    assert entry.addresses == ["Beijing, CN", "London, GB"]
    assert entry.countries == ["CN", "GB"]
