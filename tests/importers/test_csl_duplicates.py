"""Rows a file holds more than once, the same in every field, are loaded once and counted."""

from __future__ import annotations

import gzip
import json

import pytest

from bot.importers import parse_csl
from tests.conftest import FIXTURES, shared_file

HERE = FIXTURES / "importers"
CSV_29 = (HERE / "csl-29-bom-crlf.csv").read_bytes()
BULK_JSON = json.loads((HERE / "csl-bulk.json").read_bytes())


def doubled_csv(payload: bytes) -> bytes:
    """Every data row written twice over, as a botched export or a concatenation would."""
    header, _, rows = payload.partition(b"\r\n")
    return header + b"\r\n" + rows + rows


def test_a_csv_with_every_row_twice_loads_each_once():
    single = parse_csl(CSV_29)
    doubled = parse_csl(doubled_csv(CSV_29))
    assert doubled.entries == single.entries
    assert doubled.duplicates_collapsed == len(single.entries) > 0
    assert single.duplicates_collapsed == 0


def test_rows_that_differ_in_any_field_are_kept():
    header, _, rows = CSV_29.partition(b"\r\n")
    first = rows.split(b"\r\n")[0]
    # The same row under another _id (the first field) is another entry as far as the list says.
    other_id = b'"another-id"' + first[first.index(b",") :]
    parsed = parse_csl(header + b"\r\n" + first + b"\r\n" + other_id + b"\r\n" + first + b"\r\n")
    assert [entry.entry_id for entry in parsed.entries][1] == "another-id"
    assert len(parsed.entries) == 2 and parsed.duplicates_collapsed == 1


def test_a_json_with_repeated_results_loads_each_once():
    results = BULK_JSON["results"]
    document = {**BULK_JSON, "results": results + results[:2], "total": len(results) + 2}
    parsed = parse_csl(gzip.compress(json.dumps(document).encode()))
    assert parsed.duplicates_collapsed == 2
    assert parsed.entries == parse_csl(json.dumps(BULK_JSON).encode()).entries


@pytest.mark.shared_data
def test_the_full_csl_written_twice_is_the_full_csl():
    real = shared_file("csl-reconstructed-2026-07-31.csv").read_bytes()
    header, _, rows = real.partition(b"\n")
    doubled = parse_csl(header + b"\n" + rows + rows)
    assert len(doubled.entries) == 25_921
    assert doubled.duplicates_collapsed == 25_921
