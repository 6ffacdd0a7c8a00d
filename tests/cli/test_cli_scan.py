"""`entitybot scan`: every listed party a text names, from a file or standard input."""

from __future__ import annotations

import json

from tests.cli.cli_runner import run_cli

EMAIL = """Hi Anna,

Before we sign: is Qihoo 360 Technology Co. Ltd cleared? Their reseller Acme Widgets GmbH
also sells to CloudWalk's Guangzhou office. Please check Bank Sepah too.

Thanks,
Ben
"""


def test_scan_json_gives_each_span_with_its_place_party_status_score_and_why(small_data_dir):
    result = run_cli("scan", "--json", data_dir=small_data_dir, stdin=EMAIL)

    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    found = document["found"]
    assert [f["text"] for f in found] == [
        "Qihoo 360 Technology Co. Ltd",
        "CloudWalk's",
        "Bank Sepah",
    ]
    for span in found:
        assert EMAIL[span["start"] : span["end"]] == span["text"]
        assert span["score"] > 0 and span["why"]
    # One word that is only part of a listed name is a possible match in running text.
    assert [f["status"] for f in found] == ["match", "ambiguous", "match"]
    assert found[1]["candidates"][0]["name"] == "CloudWalk Technology"
    assert found[0]["party"]["name"] == "Qihoo 360 Technology Co. Ltd"
    assert found[0]["party"]["list"] == "EL"
    assert [u["text"] for u in document["unlisted"]] == ["Acme Widgets GmbH"]
    assert document["data_as_of"] == "2026-07-31"


def test_scan_reads_a_file_and_prints_a_readable_answer(small_data_dir, tmp_path):
    path = tmp_path / "invoice.txt"
    path.write_text("INV-2231 | 40 units | CloudWalk Technology | net 30\n", encoding="utf-8")

    result = run_cli("scan", str(path), data_dir=small_data_dir)

    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "FOUND 1 name of listed parties" in text
    assert "\u201cCloudWalk Technology\u201d at characters 22-42" in text
    assert "CloudWalk Technology [Entity List (EL)]" in text
    assert "Searched 13 entries" in text


def test_a_text_naming_no_listed_party_says_so_without_clearing_it(small_data_dir):
    result = run_cli("scan", data_dir=small_data_dir, stdin="Shipping to Siemens AG on Friday.")

    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "FOUND NO listed party in the text. This is not a clearance" in text
    assert "Not on the lists: \u201cSiemens AG\u201d" in text


def test_an_unreadable_file_is_a_one_line_usage_error(small_data_dir, tmp_path):
    result = run_cli("scan", str(tmp_path / "missing.txt"), data_dir=small_data_dir)

    assert result.returncode == 2
    assert result.stderr.startswith("entitybot scan: cannot read")
    assert len(result.stderr.strip().splitlines()) == 1
