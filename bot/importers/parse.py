"""Turn the bytes of a CSL download into entries, recognising the layout by content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from bot.importers.csv_layout import parse_csv
from bot.importers.duplicates import collapse_duplicates
from bot.importers.entry import CslEntry
from bot.importers.errors import CslFormatError
from bot.importers.json_layout import parse_json
from bot.importers.payload import GZIP_MAGIC, MAX_UNPACKED_BYTES, UTF8_BOM, decode, unpack

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--")


@dataclass
class ParsedCsl:
    entries: list[CslEntry]
    layout: str
    sha256: str
    as_of: date | None
    # Rows the file held more than once, the same in every field, kept once (a file written
    # twice over would otherwise double every list).
    duplicates_collapsed: int = 0


def parse_csl(payload: bytes, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> ParsedCsl:
    """Parse official CSL CSV (28 or 29 columns) or bulk JSON, plain or gzipped, in UTF-8.

    Raises CslFormatError naming the problem; nothing is returned half-parsed.
    """
    sha256 = hashlib.sha256(payload).hexdigest()
    data = unpack(payload, max_unpacked_bytes)
    # Read before decoding: an error page is an error page in whatever encoding it comes.
    head = data.removeprefix(UTF8_BOM).lstrip()[:200].lower()
    if not head:
        raise CslFormatError("the file is empty")
    if head.startswith(_HTML_STARTS):
        raise CslFormatError(
            "got an HTML page, not CSL data (the server probably answered with an error page)"
        )
    text = decode(data, unpacked=payload.startswith(GZIP_MAGIC))
    if head.startswith((b"{", b"[")):
        entries, as_of = parse_json(text)
        layout = "json"
    else:
        entries, columns = parse_csv(text)
        as_of = None
        layout = f"csv-{columns}"
    if not entries:
        raise CslFormatError("the file holds no entries")
    entries, duplicates = collapse_duplicates(entries)
    return ParsedCsl(entries, layout, sha256, as_of, duplicates_collapsed=duplicates)
