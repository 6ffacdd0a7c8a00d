"""What a refresh reports as changed: an entry the list revised is one entry, changed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.changes import compare
from bot.cli import main
from bot.store.datasets import EntrySummary
from tests.conftest import FIXTURES

CSV = (FIXTURES / "csl-small.csv").read_text(encoding="utf-8-sig")
HITECH = '"Hitech Corporation","","Tehran, IR","81 FR 12004"'
HITECH_ALIASES = '"https://www.bis.gov/regulations/ear/744#supplement-4-744","",'


def entry(key: str, fingerprint: str = "f", list_code: str = "EL", name: str = "") -> EntrySummary:
    return EntrySummary(key, fingerprint, list_code, name or key)


def test_added_removed_and_changed_per_list():
    old = [entry("a"), entry("b"), entry("c", "v1"), entry("s", list_code="SDN")]
    new = [entry("a"), entry("c", "v2"), entry("d"), entry("t", list_code="SDN")]
    changes = compare(old, new)
    assert changes.per_list["EL"].added == ["d"]
    assert changes.per_list["EL"].removed == ["b"]
    assert changes.per_list["EL"].changed == ["c"]
    assert changes.per_list["SDN"].added == ["t"] and changes.per_list["SDN"].removed == ["s"]
    assert (changes.added, changes.removed, changes.changed) == (2, 2, 1)
    assert changes.any


def test_the_same_data_changes_nothing():
    same = [entry("a"), entry("b", "q")]
    assert not compare(same, list(same)).any
    assert compare([], same).added == 2


def _hitech_line() -> str:
    (line,) = [line for line in CSV.splitlines() if HITECH in line]
    return line


def _revised(old: str, new: str) -> str:
    """The fixture with the Hitech entry revised, and a new `_id` as the Entity List gives a
    revised row (its ids are hashes of the row)."""
    line = _hitech_line()
    assert line.count(old) == 1 and line.startswith('"el-6",')
    return CSV.replace(line, line.replace(old, new).replace('"el-6",', '"el-6-revised",', 1))


REVISIONS = {
    "gained-a-country": (HITECH, HITECH.replace('"Tehran, IR"', '"Tehran, IR; Dubai, AE"')),
    "gained-an-alias": (HITECH_ALIASES, HITECH_ALIASES.replace(',"",', ',"Hitech Co.",')),
    "gained-a-cite": ('"81 FR 12004"', '"81 FR 12004; 89 FR 10001"'),
}


def _entitybot(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), stdout=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("revision", list(REVISIONS))
def test_a_revised_entry_is_reported_changed_and_answered_as_listed_only(
    revision, database_url, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ENTITYBOT_MIN_ENTRIES", "1")
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    before.write_text(CSV, encoding="utf-8")
    after.write_text(_revised(*REVISIONS[revision]), encoding="utf-8")
    _entitybot("refresh", "--source", str(before), "--as-of", "2026-07-31")

    report = _entitybot("refresh", "--source", str(after), "--as-of", "2026-08-01")

    assert "Compared with the previous data: 0 added, 0 removed, 1 changed." in report
    assert "  EL: +0 -0 ~1" in report
    answer = json.loads(_entitybot("lookup", "--json", "Hitech Corporation"))
    assert answer["status"] == "match" and not answer["formerly_listed"]
    assert answer.get("history", []) == []
    (hitech,) = [r for r in answer["results"] if r["name"] == "Hitech Corporation"]
    text = _entitybot("lookup", "Hitech Corporation")
    assert "not on the current lists" not in text and "Formerly listed" not in text
    if revision == "gained-a-country":
        assert hitech["countries"] == ["IR", "AE"]
    if revision == "gained-an-alias":
        assert hitech["aliases"] == ["Hitech Co."]
    if revision == "gained-a-cite":
        assert "89 FR 10001" in hitech["federal_register"]
