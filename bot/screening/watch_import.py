"""`/entity-watch import`: the names of a CSV or text file, read as batch screening reads
one (a `name`-like column, or one name per line), for a channel's watchlist."""

from __future__ import annotations

from bot.screening.batch import BatchRefused, decode, read_table
from bot.screening.watchlists import MAX_NAMES_AT_ONCE, WatchError

__all__ = ["names_in_file"]


def names_in_file(data: bytes) -> list[str]:
    """Every non-empty name the file holds, in order; WatchError in one line when it cannot
    be read or holds more than one watchlist command may add."""
    try:
        text = decode(data)
        if not text.strip():
            raise WatchError("the file is empty: give one name per row, or a name column")
        table = read_table(text)
    except BatchRefused as exc:
        raise WatchError(f"that file cannot be read: {exc}") from None
    names = [
        " ".join(row[table.name_column].split())
        for row in table.rows
        if table.name_column < len(row) and row[table.name_column].strip()
    ]
    if len(names) > MAX_NAMES_AT_ONCE:
        raise WatchError(f"at most {MAX_NAMES_AT_ONCE} names at once; split the file")
    if not names:
        raise WatchError("the file holds no names: give one name per row, or a name column")
    return names
