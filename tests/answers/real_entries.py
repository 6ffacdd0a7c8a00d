"""A Screening over real entries of the 2026-07-31 CSL, picked by what their names carry:
small enough to load in a moment, real enough that every answer reads as a user's would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.screening import Screening
from bot.settings import Settings
from tests.conftest import shared_file


def screening_of(picked_words: tuple[str, ...], folder: Path) -> Screening:
    """The entries whose names hold any of the words, loaded as the active data."""
    source = shared_file("csl-reconstructed-2026-07-31.csv")
    text = source.read_text(encoding="utf-8-sig")
    rows = [
        row
        for row in csv.DictReader(io.StringIO(text))
        if any(word.casefold() in row["name"].casefold() for word in picked_words)
    ]
    picked = folder / "picked.csv"
    with picked.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    settings = Settings(
        database_url=f"sqlite:///{folder / 'store.sqlite3'}", data_dir=Path(folder), min_entries=1
    )
    service = Screening(settings, notify=lambda message: None)
    service.refresh(source=str(picked), loaded_by="tests", as_of=None)
    return service
