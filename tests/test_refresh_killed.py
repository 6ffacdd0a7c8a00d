"""A refresh killed with SIGKILL at any step of its load, on SQLite and PostgreSQL: the old
version still answers with its whole history, and the next refresh gives the party that
left its history with the right bounds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.screening import Screening
from bot.settings import Settings
from bot.store.history import departed
from tests.conftest import FIXTURES, REPO
from tests.store.versions import dataset_versions
from tests.waiting import wait_until

CSV = (FIXTURES / "csl-small.csv").read_text(encoding="utf-8-sig")


def _environment(database_url: str, data_dir: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENTITYBOT_", "SLACK_")) and key != "DATABASE_URL"
    }
    environment.update(
        DATABASE_URL=database_url,
        ENTITYBOT_DATA_DIR=str(data_dir),
        ENTITYBOT_MIN_ENTRIES="1",
        ENTITYBOT_KEEP_VERSIONS="2",
        PYTHONPATH=str(REPO),
    )
    return environment


def _refresh(
    source: Path, as_of: str, environment: dict[str, str], killed_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    program = ["-m", "tests.refresh_killed_at", killed_at] if killed_at else ["-m", "bot"]
    return subprocess.run(
        [sys.executable, *program, "refresh", "--source", str(source), "--as-of", as_of],
        capture_output=True,
        text=True,
        env=environment,
        cwd=source.parent,
        timeout=120,
    )


@pytest.mark.parametrize("step", ["before-history", "before-prune", "before-commit"])
def test_a_refresh_killed_mid_load_leaves_the_old_version_and_its_history_whole(
    step, database_url, tmp_path: Path
):
    full, without_hitech = tmp_path / "full.csv", tmp_path / "without-hitech.csv"
    full.write_text(CSV, encoding="utf-8")
    without_hitech.write_text(
        "".join(line for line in CSV.splitlines(keepends=True) if "Hitech" not in line),
        encoding="utf-8",
    )
    settings = Settings(
        database_url=database_url, data_dir=tmp_path, min_entries=1, keep_versions=2
    )
    screening = Screening(settings, notify=lambda message: None)
    screening.refresh(str(full), as_of=date(2026, 7, 31))
    screening.refresh(str(full), as_of=date(2026, 8, 1))
    environment = _environment(database_url, tmp_path / "data")

    killed = _refresh(without_hitech, "2026-09-02", environment, killed_at=step)

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert [v.as_of for v in dataset_versions(screening.engine)] == [
        date(2026, 8, 1),
        date(2026, 7, 31),
    ]
    assert departed(screening.engine) == []
    answer = Screening(settings, notify=lambda message: None).lookup("Hitech Corporation")
    assert answer.status == "match" and answer.history == []

    # The next refresh (the dead one's lock taken over) loads it all, history included.
    wait_until(
        lambda: _refresh(without_hitech, "2026-09-02", environment).returncode == 0,
        "a refresh after the killed one to succeed",
        timeout=60,
        interval=0.5,
    )
    assert [v.as_of for v in dataset_versions(screening.engine)] == [
        date(2026, 9, 2),
        date(2026, 8, 1),
    ]
    answer = Screening(settings, notify=lambda message: None).lookup("Hitech Corporation")
    assert answer.status == "none" and answer.formerly_listed
    (former,) = answer.history
    assert former.left_between == (date(2026, 8, 1), date(2026, 9, 2))
    assert [row.name for row in departed(screening.engine)] == ["Hitech Corporation"]
