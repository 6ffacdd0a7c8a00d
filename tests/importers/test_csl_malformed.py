"""Input that is not usable CSL data: parse_csl raises CslFormatError saying what is wrong."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from bot.importers import CslFormatError, parse_csl
from bot.importers.csv_layout import COLUMNS_29
from tests.conftest import FIXTURES

HERE = FIXTURES / "importers"
CSV_29 = (HERE / "csl-29-bom-crlf.csv").read_bytes()
CSV_28 = (HERE / "csl-28-lf.csv").read_bytes()
BULK_JSON = (HERE / "csl-bulk.json").read_bytes()
EL = "Entity List (EL) - Bureau of Industry and Security"


def csv_bytes(rows: list[list[str]], columns=COLUMNS_29) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def row(**fields: str) -> list[str]:
    return [fields.get(column, "") for column in COLUMNS_29]


def error_for(payload: bytes) -> str:
    with pytest.raises(CslFormatError) as caught:
        parse_csl(payload)
    return str(caught.value)


def test_csl_format_error_is_a_value_error():
    assert issubclass(CslFormatError, ValueError)
    with pytest.raises(ValueError, match="empty"):
        parse_csl(b"")


@pytest.mark.parametrize(
    "payload",
    [
        b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head></html>",
        b"\r\n   <HTML>\r\n<HEAD><TITLE>Access Denied</TITLE></HEAD></HTML>",
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>',
        b"\xef\xbb\xbf<!-- maintenance --><html></html>",
        gzip.compress(b"<!doctype html><html><body>Not Found</body></html>"),
    ],
    ids=["doctype", "upper-case-after-blank-lines", "html", "xml-error", "bom-comment", "gzip"],
)
def test_an_html_error_page(payload):
    message = error_for(payload)
    assert "HTML" in message and "error page" in message


def test_csv_cut_inside_a_quoted_field():
    cut = CSV_29.index(b"Qihoo 360 Technology Co. Ltd") + len(b"Qihoo 360")
    message = error_for(CSV_29[:cut])
    assert "line 3" in message
    assert "unexpected end of data" in message
    assert "truncated" in message


def test_csv_cut_between_fields_of_a_row():
    cut = CSV_29.index(b'"Qihoo 360 Technology Co. Ltd"') + len(b'"Qihoo 360 Technology Co. Ltd"')
    message = error_for(CSV_29[:cut])
    assert "line 3: 6 fields where the header has 29" in message
    assert "truncated" in message


def test_28_column_csv_cut_inside_an_unquoted_field():
    cut = CSV_28.index(b"183rd Guard") + len(b"183rd")
    message = error_for(CSV_28[:cut])
    assert "line 3: 5 fields where the header has 28" in message
    assert "truncated" in message


def test_csv_row_with_too_many_fields():
    payload = csv_bytes([[*row(source=EL, name="Alpha"), "spill-over"]])
    assert "line 2: 30 fields where the header has 29" in error_for(payload)


def test_csv_with_a_stray_quote_after_a_quoted_field():
    payload = CSV_29.replace(b'"Qihoo 360 Technology Company"', b'"Qihoo 360" Technology Company"')
    message = error_for(payload)
    assert "line 2" in message and "damaged" in message


def test_truncated_gzip():
    message = error_for(gzip.compress(CSV_29)[:-40])
    assert "gzip" in message and "truncated" in message


def test_gzip_with_a_damaged_body():
    compressed = bytearray(gzip.compress(BULK_JSON))
    compressed[20:40] = b"\xff" * 20
    message = error_for(bytes(compressed))
    assert "gzip" in message and "damaged" in message


def test_complete_gzip_of_a_truncated_csv():
    cut = CSV_29.index(b"Qihoo 360 Technology Co. Ltd") + 4
    message = error_for(gzip.compress(CSV_29[:cut]))
    assert "line 3" in message and "truncated" in message


@pytest.mark.parametrize("cut", [1, 200, -200, -2])
def test_truncated_json(cut):
    message = error_for(BULK_JSON[:cut])
    assert "not valid JSON" in message
    assert "truncated" in message


def test_json_whose_total_disagrees_with_its_results():
    document = json.loads(BULK_JSON)
    document["total"] = 7
    message = error_for(json.dumps(document).encode())
    assert '"total": 7' in message and "holds 5 results" in message


def test_paged_json_download():
    document = {"total": 25921, "results": [{"source": EL, "name": f"Entry {n}"} for n in range(3)]}
    message = error_for(json.dumps(document).encode())
    assert "25921" in message and "3 results" in message and "paged" in message


@pytest.mark.parametrize(
    "document",
    [
        {"total": 1, "entries": [{"source": EL, "name": "Alpha"}]},
        {"results": {"source": EL, "name": "Alpha"}},
        {"results": None},
        [{"source": EL, "name": "Alpha"}],
        [],
    ],
    ids=["other-key", "object-not-list", "null", "top-level-list", "empty-list"],
)
def test_json_without_a_results_list(document):
    message = error_for(json.dumps(document).encode())
    assert '"results"' in message and "not the CSL bulk layout" in message


@pytest.mark.parametrize("result", ["Alpha", 42, None, ["Alpha"]])
def test_json_result_that_is_not_an_object(result):
    document = {"results": [{"source": EL, "name": "Alpha"}, result]}
    assert error_for(json.dumps(document).encode()) == "result 2 is not an object"


@pytest.mark.parametrize(
    "record",
    [
        {"name": "Alpha"},
        {"source": EL},
        {"source": "", "name": "Alpha"},
        {"source": EL, "name": "   "},
        {"source": EL, "name": None},
    ],
)
def test_json_result_missing_source_or_name(record):
    document = {"results": [{"source": EL, "name": "Fine"}, {"source": EL, "name": "Fine"}, record]}
    message = error_for(json.dumps(document).encode())
    assert message == "result 3: an entry needs both a source and a name"


def test_a_csv_with_other_columns():
    payload = b"id,first_name,last_name,email\r\n1,Ada,Lovelace,ada@example.com\r\n"
    message = error_for(payload)
    assert message.startswith("wrong columns: 28 of the CSL's columns are missing")
    assert "source, entity_number, type" in message
    assert "4 columns starting id, first_name, last_name, email" in message


def test_a_csl_csv_missing_one_column():
    columns = tuple(column for column in COLUMNS_29 if column != "alt_names")
    payload = csv_bytes([[""] * len(columns)], columns=columns)
    message = error_for(payload)
    assert "1 of the CSL's columns are missing (alt_names)" in message


def test_the_ofac_sdn_csv_is_not_the_csl():
    # OFAC's own sdn.csv has no header row: its first record is taken for one.
    payload = b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- \r\n'
    assert "wrong columns" in error_for(payload)


@pytest.mark.parametrize(
    "payload",
    [b"", b"   \r\n\n\t", b"\xef\xbb\xbf", gzip.compress(b""), gzip.compress(b"\n\n")],
    ids=["no-bytes", "whitespace", "bom-only", "gzip-of-nothing", "gzip-of-blank-lines"],
)
def test_an_empty_file(payload):
    assert error_for(payload) == "the file is empty"


@pytest.mark.parametrize(
    "payload",
    [
        CSV_29[: CSV_29.index(b"\r\n") + 2],
        CSV_29[: CSV_29.index(b"\r\n")],
        CSV_28[: CSV_28.index(b"\n") + 1] + b"\n\n" + b"," * 27 + b"\n",
        csv_bytes([]),
        json.dumps({"total": 0, "results": []}).encode(),
    ],
    ids=["29-header", "29-header-no-newline", "28-header-blank-rows", "built", "json"],
)
def test_a_file_without_entries(payload):
    assert error_for(payload) == "the file holds no entries"


@pytest.mark.parametrize(
    "fields",
    [
        {"source": EL, "name": ""},
        {"source": EL, "name": "   "},
        {"source": "", "name": "Alpha"},
        {"_id": "only-an-id"},
    ],
)
def test_a_csv_row_missing_source_or_name(fields):
    payload = csv_bytes([row(source=EL, name="Fine"), row(**fields)])
    assert error_for(payload) == "line 3: an entry needs both a source and a name"


def test_nothing_is_returned_half_parsed():
    # A good first row does not make a bad file partly usable.
    payload = csv_bytes([row(source=EL, name="Fine"), row(source=EL)])
    with pytest.raises(CslFormatError, match="line 3"):
        parse_csl(payload)
