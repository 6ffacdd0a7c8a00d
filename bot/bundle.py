"""Where the data that ships with entitybot lives, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def bundled_data_dir() -> Path:
    """`data/` of the checkout, or the copy a wheel carries as `bot/bundled_data/`."""
    for candidate in (_PACKAGE_DIR / "bundled_data", _PACKAGE_DIR.parent / "data"):
        if (candidate / "README.md").is_file():
            return candidate
    raise FileNotFoundError(
        f"entitybot's bundled data is missing (looked in {_PACKAGE_DIR / 'bundled_data'} "
        f"and {_PACKAGE_DIR.parent / 'data'}); reinstall the package"
    )


def bundled_path(*parts: str) -> Path:
    return bundled_data_dir().joinpath(*parts)
