"""`entitybot` as a subprocess, as a user or a script runs it, over a data directory."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from tests.conftest import FIXTURES, REPO


def cli_environment(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENTITYBOT_", "SLACK_")) and key != "DATABASE_URL"
    }
    environment["ENTITYBOT_DATA_DIR"] = str(data_dir)
    # The fixture list holds 14 entries, not a full CSL's 26,000.
    environment["ENTITYBOT_MIN_ENTRIES"] = "1"
    environment["PYTHONPATH"] = str(REPO)
    environment.update(extra or {})
    return environment


def run_cli(
    *args: str, data_dir: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_environment(data_dir, env),
        cwd=data_dir.parent,
        timeout=120,
    )


def start_cli(
    *args: str, data_dir: Path, env: dict[str, str] | None = None, **popen: Any
) -> subprocess.Popen[str]:
    """`entitybot` started and left running, for a test to talk to, cut off or kill."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        text=True,
        env=cli_environment(data_dir, env),
        cwd=data_dir.parent,
        **popen,
    )


class LineReader:
    """The lines a running process writes, each awaited for a bounded time."""

    def __init__(self, stream: IO[str]) -> None:
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put("")  # the end of the stream

    def next_line(self, timeout: float) -> str:
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"waited {timeout:g} s for a line of output, in vain") from None


SMALL_CSL = FIXTURES / "csl-small.csv"


def small_csl_without(*names: str, into: Path) -> Path:
    """The 14-entry fixture list less the entries bearing these names, written to `into`."""
    lines = SMALL_CSL.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    into.write_text("".join(line for line in lines if not any(n in line for n in names)))
    return into
