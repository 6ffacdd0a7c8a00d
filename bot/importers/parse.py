"""Turn the bytes of a CSL download into entries, recognising the layout by content."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass
from datetime import date

from bot.importers.csv_layout import parse_csv
from bot.importers.entry import CslEntry
from bot.importers.errors import CslFormatError
from bot.importers.json_layout import parse_json

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--")


@dataclass
class ParsedCsl:
    entries: list[CslEntry]
    layout: str
    sha256: str
    as_of: date | None


def parse_csl(payload: bytes) -> ParsedCsl:
    """Parse official CSL CSV (28 or 29 columns) or bulk JSON, plain or gzipped.

    Raises CslFormatError naming the problem; nothing is returned half-parsed.
    """
    sha256 = hashlib.sha256(payload).hexdigest()
    text = _decode(_decompress(payload))
    head = text.lstrip()[:200].lower()
    if not head:
        raise CslFormatError("the file is empty")
    if head.startswith(_HTML_STARTS):
        raise CslFormatError(
            "got an HTML page, not CSL data (the server probably answered with an error page)"
        )
    if head.startswith(("{", "[")):
        entries, as_of = parse_json(text)
        layout = "json"
    else:
        entries, columns = parse_csv(text)
        as_of = None
        layout = f"csv-{columns}"
    if not entries:
        raise CslFormatError("the file holds no entries")
    return ParsedCsl(entries=entries, layout=layout, sha256=sha256, as_of=as_of)


def _decompress(payload: bytes) -> bytes:
    if not payload.startswith(_GZIP_MAGIC):
        return payload
    try:
        return gzip.decompress(payload)
    except (EOFError, OSError, zlib.error) as exc:
        raise CslFormatError(f"the gzip data is damaged or truncated ({exc})") from exc


def _decode(payload: bytes) -> str:
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older CSL exports were Windows-1252; latin-1 accepts any byte as a last resort.
        try:
            return payload.decode("cp1252")
        except UnicodeDecodeError:
            return payload.decode("latin-1")
