"""Files that are not UTF-8 are refused, saying where the first bad byte is; a byte order mark
is fine. A fallback decoding would turn one stray byte into every non-ASCII name garbled."""

from __future__ import annotations

import gzip
import json

import pytest

from bot.importers import CslFormatError, parse_csl
from tests.conftest import FIXTURES, shared_file

HERE = FIXTURES / "importers"
CSV_1252 = (HERE / "csl-28-windows-1252.csv").read_bytes()  # é, ü, Š, ’, –, § in cp1252
CSV_29 = (HERE / "csl-29-bom-crlf.csv").read_bytes()  # UTF-8 with a BOM
BULK_JSON = (HERE / "csl-bulk.json").read_bytes()


def refusal(payload: bytes) -> str:
    with pytest.raises(CslFormatError) as caught:
        parse_csl(payload)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_windows_1252_export_is_refused_at_its_first_non_ascii_byte():
    offset = CSV_1252.index("é".encode("cp1252"))
    message = refusal(CSV_1252)
    assert message.startswith("not UTF-8: ")
    assert f"byte {offset:,} (line 2, after “Bureau of Industry and Security,,,,Soci”)" in message
    assert "0xE9" in message


def test_the_same_list_saved_as_utf8_with_or_without_a_bom_loads():
    text = CSV_1252.decode("cp1252")
    plain = parse_csl(text.encode("utf-8"))
    general, skoda = plain.entries
    assert general.name == "Société Générale de Surveillance Trading"
    assert general.remarks == "Listed – see §744.11"
    assert skoda.alt_names == ["Xi’an Škoda", "Müller Plzen"]
    assert parse_csl(b"\xef\xbb\xbf" + text.encode("utf-8")).entries == plain.entries


def test_one_stray_byte_in_a_utf8_csv_is_refused_with_its_line():
    # A cp1252 en dash pasted into the 4th line of an otherwise good UTF-8 file.
    at = CSV_29.index(b"Qihoo 360 Technology Co. Ltd") + len(b"Qihoo 360")
    payload = CSV_29[:at] + b"\x96" + CSV_29[at:]
    assert payload.count(b"\n", 0, at) + 1 == 3
    message = refusal(payload)
    assert f"byte {at:,} (line 3, after " in message and "Qihoo 360”) is 0x96" in message
    # Offsets count the byte order mark: they are where a hex editor shows the byte.
    assert payload[at] == 0x96 and payload.startswith(b"\xef\xbb\xbf")


def test_a_stray_byte_in_json_or_a_gzipped_file_is_placed_too():
    at = BULK_JSON.index(b'"name"')
    payload = BULK_JSON[:at] + b"\xff" + BULK_JSON[at:]
    line = payload.count(b"\n", 0, at) + 1
    assert f"byte {at:,} (line {line:,}," in refusal(payload)
    assert f"byte {at:,} of the unpacked data (line {line:,}," in refusal(gzip.compress(payload))


def test_a_truncated_multibyte_character_at_the_end_is_refused():
    payload = json.dumps({"results": []}).encode()[:-1] + "é".encode()[:1]
    assert "not UTF-8" in refusal(payload)


@pytest.mark.shared_data
def test_one_byte_changed_in_the_full_csl_csv_is_refused_not_garbled():
    real = shared_file("csl-reconstructed-2026-07-31.csv").read_bytes()
    # The first byte of the en dash in "Rostekh – Azimuth" changed to a cp1252 en dash: decoded
    # as cp1252 the whole file would load, every non-ASCII name garbled ("Rostekh â€“").
    at = real.index("Rostekh –".encode()) + len(b"Rostekh ")
    damaged = real[:at] + b"\x96" + real[at + 1 :]
    line = real.count(b"\n", 0, at) + 1
    message = refusal(damaged)
    assert f"byte {at:,} (line {line:,}, after " in message
    assert 'Security","","","","Rostekh”) is 0x96' in message
