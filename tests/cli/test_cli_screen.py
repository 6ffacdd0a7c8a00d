"""`entitybot screen FILE`: every row of a CSV or text file, in order, with its result."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli.cli_runner import run_cli

RESULT_COLUMNS = [
    "status",
    "matched_name",
    "list",
    "listing_date",
    "reason",
    "federal_register",
    "score",
    "why",
]


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_a_csv_comes_back_row_by_row_with_its_columns_and_the_results(small_data_dir, tmp_path):
    source = tmp_path / "suppliers.csv"
    source.write_text(
        "id;Supplier Name;country\n"
        "1;Qihoo 360 Technology Co. Ltd;CN\n"
        "2;;US\n"
        "3;Acme Widgets GmbH;DE\n"
        f"4;{'x' * 401};DE\n"
        "5;=HYPERLINK(1);FR\n",
        encoding="utf-8-sig",  # as a spreadsheet saves it: with a byte order mark
    )

    result = run_cli("screen", str(source), data_dir=small_data_dir)

    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert list(rows[0]) == ["id", "Supplier Name", "country", *RESULT_COLUMNS]
    assert [row["id"] for row in rows] == ["1", "2", "3", "4", "5"]
    assert [row["status"] for row in rows] == ["match", "error", "none", "error", "none"]
    qihoo = rows[0]
    assert qihoo["matched_name"] == "Qihoo 360 Technology Co. Ltd"
    assert qihoo["list"] == "EL" and qihoo["listing_date"] == "2020-06-05"
    assert qihoo["federal_register"] == "85 FR 34497"
    assert qihoo["reason"] and float(qihoo["score"]) > 90 and qihoo["why"]
    assert "empty" in rows[1]["why"] and "400" in rows[3]["why"]
    # A typed formula is not run by the spreadsheet that opens the results.
    assert rows[4]["Supplier Name"] == "'=HYPERLINK(1)"
    assert result.stderr.strip().splitlines()[-1] == (
        "5 rows screened: 1 match, 0 possible matches, 2 errors"
    )


def test_plain_text_one_name_a_line_and_out_file(small_data_dir, tmp_path):
    source = tmp_path / "names.txt"
    source.write_text("Huawei Technologies Co., Ltd.\nAcme Widgets GmbH\n", encoding="utf-8")
    out = tmp_path / "results.csv"

    result = run_cli("screen", str(source), "--out", str(out), data_dir=small_data_dir)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 rows screened: 1 match")
    assert str(out) in result.stdout
    rows = _rows(out.read_text(encoding="utf-8"))
    assert [row["name"] for row in rows] == ["Huawei Technologies Co., Ltd.", "Acme Widgets GmbH"]
    assert [row["status"] for row in rows] == ["match", "none"]


def test_column_chosen_by_name_and_tab_delimited(small_data_dir, tmp_path):
    source = tmp_path / "orders.tsv"
    source.write_text("order\tshipper\tbuyer\n7\tAcme Widgets GmbH\tQihoo 360\n")

    result = run_cli("screen", str(source), "--column", "Buyer", data_dir=small_data_dir)

    assert result.returncode == 0, result.stderr
    (row,) = _rows(result.stdout)
    assert row["buyer"] == "Qihoo 360" and row["status"] == "match"


def test_files_that_cannot_be_screened_are_one_line_and_write_nothing(small_data_dir, tmp_path):
    cases: dict[str, tuple[bytes, str]] = {
        "empty.csv": (b"\n  \n", "empty"),
        "binary.xlsx": (b"PK\x03\x04\x00\x00binary", "binary"),
        "latin1.csv": ("name\nMüller GmbH\n".encode("latin-1"), "not UTF-8"),
        "nonames.csv": (b"id,country\n1,CN\n2,US\n", "--column"),
        "mixed.csv": (b"name;country\nQihoo 360,CN\nAcme,US\nBeta,FR\n", "delimiter"),
    }
    for name, (content, said) in cases.items():
        source = tmp_path / name
        source.write_bytes(content)
        out = tmp_path / f"{name}.out"
        result = run_cli("screen", str(source), "--out", str(out), data_dir=small_data_dir)
        assert result.returncode == 2, (name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert said in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()
    missing = run_cli(
        "screen", "--column", "vendor", str(tmp_path / "x.csv"), data_dir=Path(small_data_dir)
    )
    assert missing.returncode == 2 and "No such file" in missing.stderr
    wrong = tmp_path / "wrong-column.csv"
    wrong.write_text("name,country\nAcme,DE\n")
    result = run_cli("screen", str(wrong), "--column", "vendor", data_dir=small_data_dir)
    assert result.returncode == 2 and "no column 'vendor'" in result.stderr


def test_hundreds_of_rows_keep_their_order_and_repeated_names_their_answer(
    small_data_dir, tmp_path
):
    cycle = [("Qihoo 360", "match"), ("Acme Widgets GmbH", "none"), ("", "error")]
    source = tmp_path / "long.csv"
    source.write_text(
        "n,customer\n" + "".join(f"{n},{cycle[n % 3][0]}\n" for n in range(250)),
        encoding="utf-8",
    )

    result = run_cli("screen", str(source), data_dir=small_data_dir)

    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert [row["n"] for row in rows] == [str(n) for n in range(250)]
    assert [row["status"] for row in rows] == [cycle[n % 3][1] for n in range(250)]
    assert result.stderr.strip().endswith(
        "250 rows screened: 84 matches, 0 possible matches, 83 errors"
    )


def test_a_row_names_every_list_of_the_party_it_matched(tmp_path):
    # On the bundled lists, Hangzhou Hikvision is on the CMIC list and the Entity List: the
    # row must say both.
    names = tmp_path / "names.txt"
    names.write_text("Hikvision\n", encoding="utf-8")
    done = run_cli("screen", str(names), data_dir=tmp_path / "bundled")
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert row["status"] == "match"
    assert set(row["list"].split("; ")) >= {"CMIC", "EL"}
    assert row["federal_register"]
