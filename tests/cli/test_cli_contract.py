"""`entitybot` end to end as a subprocess: the contract other tools rely on."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.cli_runner import SMALL_CSL, run_cli, small_csl_without
from tests.conftest import FIXTURES
from tests.local_http import Reply, local_server

JSON_RESULT_KEYS = {
    "name", "list", "list_name", "score", "matched_on", "listing_date", "date_precision",
    "date_source", "federal_register", "reason", "programs", "excerpt", "excerpt_kind",
    "excerpt_source", "source_url", "countries", "aliases", "relation", "entry_type",
    "party_number",
}  # fmt: skip


@dataclass(frozen=True)
class FirstUse:
    data_dir: Path
    result: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def first_use(tmp_path_factory: pytest.TempPathFactory) -> FirstUse:
    """`entitybot status` in a data directory never used before, which loads the bundled
    snapshot. Run once and shared: the 26k-entry load and index are the slow part, and only
    the tests about the bundled data itself use it."""
    data_dir = tmp_path_factory.mktemp("bundled") / "data"
    return FirstUse(data_dir, run_cli("status", data_dir=data_dir))


def test_first_use_loads_the_bundle_and_says_so_with_its_date(first_use):
    result = first_use.result
    assert result.returncode == 0, result.stderr
    assert "loaded the bundled Consolidated Screening List" in result.stderr
    assert "25,921 entries" in result.stderr and "2026-07-31" in result.stderr
    assert "as of 2026-07-31" in result.stdout


def test_lookup_json_for_qihoo_360_is_an_entity_list_match_with_its_source(first_use):
    result = run_cli("lookup", "--json", "Qihoo 360", data_dir=first_use.data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert answer["query"] == "Qihoo 360"
    assert answer["status"] == "match"
    assert answer["data_as_of"] == "2026-07-31"
    best = answer["results"][0]
    assert set(best) == JSON_RESULT_KEYS
    assert best["list"] == "EL" and best["list_name"] == "Entity List"
    assert best["listing_date"] == "2020-06-05"
    assert best["name"].startswith("Qihoo 360 Technology")
    assert any("85 FR 34" in cite for cite in best["federal_register"])
    assert "military end-use" in best["reason"]
    assert len(best["excerpt"]) >= 40 and "Qihoo 360" in best["excerpt"]
    assert sorted(best["countries"]) == ["CN", "GB"]
    assert 0 <= best["score"] <= 100


def test_a_party_no_longer_listed_is_never_a_bare_not_found(small_data_dir):
    # Named in a Federal Register rule on file, and in no current list.
    result = run_cli("lookup", "MPS Institute of Forensic Science", data_dir=small_data_dir)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "not on the current lists" in text
    assert "85 FR 34503" in text and "2020-06-05" in text
    assert "as of 2026-07-31" in text
    # In the data refreshed before, not in the data now.
    result = run_cli("lookup", "Hitech Corporation", data_dir=small_data_dir)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "not on the current lists" in text
    assert "left between 2026-07-30 and 2026-07-31" in text and "81 FR 12004" in text
    batch = run_cli(
        "lookup",
        "--json",
        "-",
        data_dir=small_data_dir,
        stdin="MPS Institute of Forensic Science\nHitech Corporation\n",
    )
    rule, departed = (json.loads(line) for line in batch.stdout.splitlines())
    assert rule["status"] == "none"
    assert rule["history"][0]["listed_from"] == "2020-06-05"
    assert rule["history"][0]["federal_register"] == ["85 FR 34503"]
    assert departed["status"] == "none"
    former = departed["history"][0]
    assert former["name"] == "Hitech Corporation" and former["list"] == "EL"
    assert (former["left_after"], former["left_by"]) == ("2026-07-30", "2026-07-31")


def test_no_match_says_what_was_searched_and_that_it_is_not_a_clearance(small_data_dir):
    result = run_cli("lookup", "Wells Fargo & Company", data_dir=small_data_dir)
    text = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "NO MATCH" in text and "not a clearance" in text
    assert "13 entries" in text and "2026-07-31" in text


def test_human_output_has_list_date_reason_excerpt_cites_and_source(small_data_dir):
    result = run_cli("lookup", "aksu huafu", data_dir=small_data_dir)
    text = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "Aksu Huafu Textiles Co." in text and "Entity List (EL)" in text
    for label in ("Listed:", "Reason:", "As listed:", "Cites:", "Source:"):
        assert label in text
    assert "85 FR 34505" in text and "2020-06-05" in text and "Xinjiang" in text


def test_stdin_batch_gives_one_json_line_per_query_in_order(small_data_dir):
    queries = ["Qihoo 360", "", "Wells Fargo & Company", "x" * 5000, "CloudWalk Technology"]
    result = run_cli(
        "lookup", "--json", "-", data_dir=small_data_dir, stdin="\n".join(queries) + "\n"
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(queries)
    # A refused query is an error, never a clean "none" a script could pass.
    assert [a["status"] for a in answers] == ["match", "error", "none", "error", "match"]
    assert answers[0]["query"] == "Qihoo 360" and answers[4]["results"][0]["name"] == (
        "CloudWalk Technology"
    )
    assert "empty" in answers[1]["error"]
    assert "5,000 characters" in answers[3]["error"] and len(answers[3]["query"]) <= 200
    assert "error" not in answers[2]


@pytest.mark.parametrize(
    ("arguments", "needle"),
    [
        (["lookup"], "give a name"),
        (["lookup", "   "], "give a name"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_a_message(small_data_dir, arguments, needle):
    result = run_cli(*arguments, data_dir=small_data_dir)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_a_5000_character_query_is_refused_clearly(small_data_dir):
    result = run_cli("lookup", "A" * 5000, data_dir=small_data_dir)
    assert result.returncode == 2
    assert "5,000 characters" in result.stderr and "Traceback" not in result.stderr


def test_control_characters_are_answered(small_data_dir):
    result = run_cli("lookup", "--json", "Qihoo\x07 360\x1b", data_dir=small_data_dir)
    assert result.returncode == 0
    assert json.loads(result.stdout)["status"] == "match"


def test_limit_caps_the_candidates(small_data_dir):
    result = run_cli(
        "lookup", "--json", "--limit", "2", "Huawei Technologies", data_dir=small_data_dir
    )
    answer = json.loads(result.stdout)
    assert 1 <= len(answer["results"]) <= 2
    assert run_cli("lookup", "--limit", "0", "x", data_dir=small_data_dir).returncode == 2


def test_status_reports_the_active_dataset(small_data_dir):
    result = run_cli("status", "--json", data_dir=small_data_dir)
    status = json.loads(result.stdout)
    assert status["entries"] == 13 and status["as_of"] == "2026-07-31"
    assert status["counts_per_list"] == {"EL": 9, "MEU": 1, "SDN": 3}


def test_refresh_from_a_local_file_replaces_the_data_and_reports_changes(own_data_dir, tmp_path):
    shrunk = small_csl_without(
        "Hitech Corporation", "Aksu", "CloudWalk", "Sinobright", into=tmp_path / "shrunk.csv"
    )
    source = str(shrunk)
    refused = run_cli("refresh", "--source", source, data_dir=own_data_dir)
    assert refused.returncode == 1
    assert "EL 9 -> 6" in refused.stderr and "--force" in refused.stderr
    result = run_cli("refresh", "--source", source, "--force", data_dir=own_data_dir)
    assert result.returncode == 0, result.stderr
    assert "Loaded 10 entries" in result.stdout
    assert "removed" in result.stdout
    status = json.loads(run_cli("status", "--json", data_dir=own_data_dir).stdout)
    assert status["entries"] == 10
    answer = json.loads(run_cli("lookup", "--json", "Marc Baier", data_dir=own_data_dir).stdout)
    assert answer["status"] == "match" and answer["results"][0]["name"] == "Baier, Marc"


def test_refresh_takes_the_as_of_date_it_is_given(own_data_dir):
    result = run_cli(
        "refresh",
        "--source",
        str(SMALL_CSL),
        "--as-of",
        "2026-08-15",
        "--force",
        data_dir=own_data_dir,
    )
    assert result.returncode == 0, result.stderr
    assert "as of 2026-08-15" in result.stdout
    answer = json.loads(run_cli("lookup", "--json", "Qihoo 360", data_dir=own_data_dir).stdout)
    assert answer["data_as_of"] == "2026-08-15"
    bad = run_cli("refresh", "--as-of", "last tuesday", data_dir=own_data_dir)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_a_malformed_refresh_changes_nothing(own_data_dir, tmp_path):
    page = tmp_path / "error.html"
    page.write_text("<!DOCTYPE html><html><body>503 Service Unavailable</body></html>")
    result = run_cli("refresh", "--source", str(page), data_dir=own_data_dir)
    assert result.returncode == 1
    assert "HTML page" in result.stderr and "still the one answering" in result.stderr
    status = json.loads(run_cli("status", "--json", data_dir=own_data_dir).stdout)
    assert status["entries"] == 13


@pytest.fixture
def csl_server() -> Iterator[str]:
    """A local HTTP server handing out the fixture CSV, as data.trade.gov would."""
    with local_server() as server:
        server.reply("/consolidated.csv", Reply(200, (FIXTURES / "csl-small.csv").read_bytes()))
        yield server.base_url


def test_refresh_over_http(own_data_dir, csl_server):
    result = run_cli(
        "refresh", "--source", f"{csl_server}/consolidated.csv", "--force", data_dir=own_data_dir
    )
    assert result.returncode == 0, result.stderr
    assert "Loaded 14 entries" in result.stdout
    missing = run_cli("refresh", "--source", f"{csl_server}/missing.csv", data_dir=own_data_dir)
    assert missing.returncode == 1 and "HTTP 404" in missing.stderr


def test_batch_lookups_build_the_index_once(monkeypatch, tmp_path):
    monkeypatch.setenv("ENTITYBOT_MIN_ENTRIES", "1")
    import io

    from bot import cli
    from bot.screening.active_index import ActiveIndex

    builds = []
    original = ActiveIndex._build

    def counting_build(self, dataset):
        builds.append(dataset.id)
        return original(self, dataset)

    monkeypatch.setattr(ActiveIndex, "_build", counting_build)
    assert (
        cli.main(["refresh", "--source", str(FIXTURES / "csl-small.csv")], stdout=io.StringIO())
        == 0
    )
    out = io.StringIO()
    lines = "\n".join(["Qihoo 360", "Aksu Huafu", "Marc Baier"] * 20) + "\n"
    assert cli.main(["lookup", "--json", "-"], stdin=io.StringIO(lines), stdout=out) == 0
    assert len(out.getvalue().splitlines()) == 60
    assert len(builds) == 1
