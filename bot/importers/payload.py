"""The bytes of a CSL file -> its text: gunzipped within a cap, and strictly UTF-8."""

from __future__ import annotations

import gzip
import io
import zlib

from bot.importers.errors import CslFormatError

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
# The full CSL bulk JSON unpacks to 24 MB (the 2026-07-31 file, which lacks street addresses
# and dates; with them, about twice that), the CSV to less. Five times the most a real file
# needs, and a gzip bomb is refused there (ENTITYBOT_MAX_UNPACKED_MB).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
# How much of the line before a bad byte an error quotes, to find it by.
_CONTEXT_BYTES = 40


def unpack(payload: bytes, max_bytes: int = MAX_UNPACKED_BYTES) -> bytes:
    """`payload` gunzipped when it is gzip (refused once it unpacks past `max_bytes`), else
    as it is."""
    if not payload.startswith(GZIP_MAGIC):
        return payload
    try:
        _refuse_past(payload, max_bytes)
        return gzip.decompress(payload)
    except (EOFError, OSError, zlib.error) as exc:
        raise CslFormatError(f"the gzip data is damaged or truncated ({exc})") from exc


def _refuse_past(payload: bytes, max_bytes: int) -> None:
    """Unpack once keeping nothing but the count, so that a gzip bomb costs one chunk of
    memory before it is refused; unpacking a real file twice costs a tenth of a second."""
    unpacked = 0
    with gzip.GzipFile(fileobj=io.BytesIO(payload)) as stream:
        while chunk := stream.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > max_bytes:
                raise CslFormatError(
                    f"the {len(payload):,}-byte gzip file unpacks to more than {max_bytes:,} "
                    "bytes, the cap (ENTITYBOT_MAX_UNPACKED_MB; a full CSL is a fraction of "
                    "it): not a CSL file, refused unread"
                )


def decode(data: bytes, unpacked: bool = False) -> str:
    """The text of UTF-8 `data` (a byte order mark is fine). Anything else is refused: one
    stray byte in another encoding would make a fallback decoding garble every non-ASCII
    name in the file, and the CSL is published in UTF-8."""
    body = data.removeprefix(UTF8_BOM)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[max(line_start, offset - _CONTEXT_BYTES) : offset]
    shown = " ".join(before.decode("utf-8", "replace").split())
    line = data.count(b"\n", 0, offset) + 1
    where = f"byte {offset:,}{' of the unpacked data' if unpacked else ''}"
    raise CslFormatError(
        f"not UTF-8: {where} (line {line:,}, after "
        f"\u201c{shown}\u201d) is 0x{data[offset]:02X}, which UTF-8 cannot hold; the CSL is "
        "published in UTF-8, so the file is damaged or was saved in another encoding"
    )
