"""`entitybot lookup --on DATE`, as real processes over a data directory refreshed five
times, as a user would: whether the party was listed that day, the same in text and JSON;
a day that cannot be read is refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_runner import SMALL_CSL, run_cli, small_csl_without

HITECH = "Hitech Corporation"


@pytest.fixture(scope="module")
def dated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Hitech Corporation is not on the list, then is, leaves for two loads, comes back."""
    root = tmp_path_factory.mktemp("dated")
    data_dir = root / "data"
    without = small_csl_without(HITECH, into=root / "without-hitech.csv")
    for source, as_of in (
        (without, "2021-01-01"),
        (SMALL_CSL, "2022-01-01"),
        (without, "2023-01-01"),
        (without, "2023-07-01"),
        (SMALL_CSL, "2024-01-01"),
    ):
        loaded = run_cli(
            *("refresh", "--force", "--source", str(source), "--as-of", as_of), data_dir=data_dir
        )
        assert loaded.returncode == 0, loaded.stderr
    return data_dir


def looked_up(data_dir: Path, *args: str) -> dict:
    result = run_cli("lookup", "--json", *args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_text_answer_says_listed_then_with_its_evidence(dated_data_dir):
    result = run_cli("lookup", "--on", "3 March 2021", "Qihoo 360", data_dir=dated_data_dir)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "LISTED ON 2021-03-03: \u201cQihoo 360\u201d."
    assert lines[1].startswith(
        "Listed on 2021-03-03 (added 2020-06-05 by 85 FR 34495, in the data held from 2021-01-01"
    )
    assert lines[1].endswith("still listed).")
    assert any(line.startswith("  On 2021-03-03:  listed on 2021-03-03") for line in lines)


def test_json_gains_on_and_answers_the_status_for_that_day(dated_data_dir):
    answer = looked_up(dated_data_dir, "--on", "2019-01-01", "Qihoo 360")

    assert answer["on"] == "2019-01-01"
    assert answer["status"] == "none"
    assert answer["data_held_from"] == "2021-01-01"
    assert answer["on_note"] == "Not yet listed on 2019-01-01: added 2020-06-05 by 85 FR 34495."
    assert answer["results"][0]["on_date"] == {
        "listed": False,
        "certainty": "rule",
        "says": "not yet listed on 2019-01-01: added 2020-06-05 by 85 FR 34495",
    }
    # Today's answer is unchanged: no "on", a match.
    today = looked_up(dated_data_dir, "Qihoo 360")
    assert today["status"] == "match" and "on" not in today
    assert "on_date" not in today["results"][0]


def test_a_party_away_from_its_list_that_day_is_no_match_then(dated_data_dir):
    away = looked_up(dated_data_dir, "--on", "03/01/2023", HITECH)
    assert (away["on"], away["status"]) == ("2023-03-01", "none")
    assert away["results"][0]["on_date"]["says"] == (
        "not listed on 2023-03-01: not in the data as of 2023-01-01 nor of 2023-07-01; "
        "listed until 2022-01-01, back by 2024-01-01"
    )
    unknown = looked_up(dated_data_dir, "--on", "2022-06-01", HITECH)
    assert unknown["status"] == "unknown"
    assert unknown["results"][0]["on_date"]["listed"] is None
    assert looked_up(dated_data_dir, "--on", "March 3, 2024", HITECH)["status"] == "match"


def test_a_batch_answers_every_line_for_the_day(dated_data_dir):
    result = run_cli(
        *("lookup", "--json", "--on", "2023-03-01", "-"),
        data_dir=dated_data_dir,
        stdin=f"{HITECH}\nQihoo 360\n",
    )

    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["query"], a["on"], a["status"]) for a in answers] == [
        (HITECH, "2023-03-01", "none"),
        ("Qihoo 360", "2023-03-01", "match"),
    ]


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("31/02/2021", "is not a day of the calendar"),
        ("03.03.2021", "is not a date entitybot reads"),
        ("2099-01-01", "is later than today"),
    ],
)
def test_a_day_that_cannot_be_read_is_refused_in_one_line(dated_data_dir, day, said):
    result = run_cli("lookup", "--on", day, "Qihoo 360", data_dir=dated_data_dir)

    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("entitybot lookup: --on ")
    assert said in result.stderr
