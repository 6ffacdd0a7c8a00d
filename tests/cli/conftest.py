"""Data directories the CLI tests run `entitybot` over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.cli_runner import SMALL_CSL, run_cli, small_csl_without


@pytest.fixture(scope="session")
def small_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory refreshed twice from small lists, as a user would: the 14-entry
    fixture as of 2026-07-30, then the same less Hitech Corporation as of 2026-07-31, so a
    party has left. The contract does not depend on the data's size; tests that change the
    data copy it (own_data_dir)."""
    root = tmp_path_factory.mktemp("small")
    data_dir = root / "data"
    departed = small_csl_without("Hitech Corporation", into=root / "csl-without-hitech.csv")
    for source, as_of in ((SMALL_CSL, "2026-07-30"), (departed, "2026-07-31")):
        result = run_cli("refresh", "--source", str(source), "--as-of", as_of, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def own_data_dir(small_data_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "own-data"
    shutil.copytree(small_data_dir, copy)
    return copy
