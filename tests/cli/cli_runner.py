"""`entitybot` as a subprocess, as a user or a script runs it, over a data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, REPO


def run_cli(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENTITYBOT_", "SLACK_")) and key != "DATABASE_URL"
    }
    environment["ENTITYBOT_DATA_DIR"] = str(data_dir)
    # The fixture list holds 14 entries, not a full CSL's 26,000.
    environment["ENTITYBOT_MIN_ENTRIES"] = "1"
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=data_dir.parent,
        timeout=120,
    )


SMALL_CSL = FIXTURES / "csl-small.csv"


def small_csl_without(*names: str, into: Path) -> Path:
    """The 14-entry fixture list less the entries bearing these names, written to `into`."""
    lines = SMALL_CSL.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    into.write_text("".join(line for line in lines if not any(n in line for n in names)))
    return into
