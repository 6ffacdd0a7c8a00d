"""A gzip file is unpacked under a cap, counted while streaming: a bomb is refused without
ever being held in memory."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from bot.importers import CslFormatError, parse_csl
from bot.importers.payload import MAX_UNPACKED_BYTES
from tests.conftest import FIXTURES, REPO

CSV_29 = (FIXTURES / "importers" / "csl-29-bom-crlf.csv").read_bytes()
MB = 1024 * 1024

# Run in a process of its own, so that its peak memory is the parse's alone.
MEASURE = """
import json, resource, sys, time
from bot.importers import CslFormatError, parse_csl
payload = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    parse_csl(payload)
    said = "accepted"
except CslFormatError as exc:
    said = str(exc)
print(json.dumps({
    "said": said,
    "seconds": time.monotonic() - started,
    "grown_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
}))
"""


def zeros_gzip(unpacked_mb: int) -> bytes:
    """One gzip member of that many megabytes of zeros, made a megabyte at a time."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MB)
    return b"".join([packer.compress(block) for _ in range(unpacked_mb)] + [packer.flush()])


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twice the default cap unpacked, about 2 MB packed: 600 KB took the process to 3.75 GB."""
    path = tmp_path_factory.mktemp("bomb") / "csl.csv.gz"
    path.write_bytes(zeros_gzip(2 * MAX_UNPACKED_BYTES // MB))
    return path


def test_a_gzip_bomb_is_refused_quickly_without_unpacking_it_into_memory(bomb):
    assert bomb.stat().st_size < 5 * MB
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(bomb)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    result = json.loads(measured.stdout)
    assert result["said"].startswith(f"the {bomb.stat().st_size:,}-byte gzip file unpacks to ")
    assert f"more than {MAX_UNPACKED_BYTES:,} bytes" in result["said"]
    assert "ENTITYBOT_MAX_UNPACKED_MB" in result["said"] and "\n" not in result["said"]
    # Unpacking it whole would take 512 MB; counting it takes a chunk at a time.
    assert result["grown_mb"] < 32, result
    assert result["seconds"] < 10, result


def test_a_bomb_split_into_many_gzip_members_is_capped_over_all_of_them():
    member = zeros_gzip(1)
    with pytest.raises(CslFormatError, match=r"unpacks to more than 20,971,520 bytes"):
        parse_csl(member * 40, max_unpacked_bytes=20 * MB)


def test_the_cap_is_on_the_unpacked_size_exactly():
    packed = gzip.compress(CSV_29)
    assert parse_csl(packed, max_unpacked_bytes=len(CSV_29)).entries == parse_csl(CSV_29).entries
    with pytest.raises(CslFormatError, match="ENTITYBOT_MAX_UNPACKED_MB"):
        parse_csl(packed, max_unpacked_bytes=len(CSV_29) - 1)


def test_the_default_cap_leaves_the_full_csl_room_five_times_over():
    bundled = (REPO / "data" / "csl-2026-07-31.json.gz").read_bytes()
    assert len(gzip.decompress(bundled)) * 5 < MAX_UNPACKED_BYTES
    assert len(parse_csl(bundled).entries) == 25_921


def test_damaged_gzip_is_still_reported_as_damaged():
    packed = gzip.compress(CSV_29)
    with pytest.raises(CslFormatError, match="damaged or truncated"):
        parse_csl(packed[: len(packed) // 2])
