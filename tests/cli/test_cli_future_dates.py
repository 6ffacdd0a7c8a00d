"""No data is as of a day that has not come, as real processes over a real file: an
`--as-of` later than today is refused in one line and changes nothing; a file whose mtime is
later than today is loaded as of today, and the refresh says so."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path

from tests.cli.cli_runner import SMALL_CSL, run_cli
from tests.cli.test_cli_faults import one_line, status_of


def data_age(data_dir: Path) -> tuple[int, bool]:
    looked = run_cli("lookup", "--json", "Hitech Corporation", data_dir=data_dir)
    assert looked.returncode == 0, looked.stderr
    answer = json.loads(looked.stdout)
    return answer["data_age_days"], answer["data_stale"]


def test_an_as_of_later_than_today_is_refused_in_one_line_and_changes_nothing(own_data_dir):
    before = status_of(own_data_dir)

    refused = run_cli(
        "refresh", "--source", str(SMALL_CSL), "--as-of", "2099-01-01", data_dir=own_data_dir
    )

    assert refused.returncode == 1 and refused.stdout == ""
    said = one_line(refused.stderr)
    assert f"--as-of 2099-01-01 is later than today ({date.today()})" in said
    assert "Nothing was changed" in said
    assert status_of(own_data_dir) == before
    # Today itself is a day the data can be as of.
    today = run_cli(
        *("refresh", "--source", str(SMALL_CSL), "--as-of", date.today().isoformat()),
        data_dir=own_data_dir,
    )
    assert today.returncode == 0, today.stderr
    assert data_age(own_data_dir) == (0, False)


def test_a_file_dated_later_than_today_is_loaded_as_of_today_and_said_so(own_data_dir, tmp_path):
    future = tmp_path / "future.csv"
    shutil.copy(SMALL_CSL, future)
    later = datetime(2099, 1, 1).timestamp()
    os.utime(future, (later, later))

    loaded = run_cli("refresh", "--source", str(future), data_dir=own_data_dir)

    assert loaded.returncode == 0, loaded.stderr
    today = date.today()
    assert (
        f"The source claims to be as of 2099-01-01, later than today; taken as of {today}"
        in loaded.stdout
    )
    assert status_of(own_data_dir)["as_of"] == today.isoformat()
    assert data_age(own_data_dir) == (0, False)
    # An ordinary refresh afterwards is not refused as older than a day to come.
    again = run_cli("refresh", "--source", str(SMALL_CSL), data_dir=own_data_dir)
    assert again.returncode == 0, again.stderr
