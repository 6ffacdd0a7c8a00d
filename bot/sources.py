"""Fetch a CSL file from a path or a URL: streamed, capped, timed out, retried."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

USER_AGENT = "entitybot/0.1 (US screening list lookups)"
CHUNK = 64 * 1024
# Statuses worth asking again for: the server is busy or broken, not the request.
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

Progress = Callable[[int, int | None], None]


class SourceError(RuntimeError):
    """The source could not be read; the message says which source and why."""


@dataclass(frozen=True)
class DownloadPolicy:
    timeout_seconds: float = 60.0  # per connection attempt and per read
    max_bytes: int = 250 * 1024 * 1024  # today's CSL CSV is about 20 MB
    attempts: int = 3
    backoff_seconds: float = 1.0  # doubled after each failed attempt


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    body: bytes
    # When the source says it last changed (HTTP Last-Modified, a file's mtime): the best
    # "as of" for a layout, like the CSV, that carries no date of its own.
    last_modified: datetime | None


def fetch_source(
    source: str,
    policy: DownloadPolicy | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    policy = policy or DownloadPolicy()
    if not is_url(source):
        return _read_file(source, policy)
    failures = []
    for attempt in range(1, policy.attempts + 1):
        try:
            return _download(source, policy, progress)
        except _Retryable as exc:
            failures.append(str(exc))
            if attempt < policy.attempts:
                sleep(policy.backoff_seconds * 2 ** (attempt - 1))
    tried = "; ".join(f"attempt {n}: {why}" for n, why in enumerate(failures, start=1))
    raise SourceError(f"could not download {source} ({tried})")


class _Retryable(Exception):
    """A failure another attempt may not meet."""


def _download(source: str, policy: DownloadPolicy, progress: Progress | None) -> Fetched:
    request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=policy.timeout_seconds) as response:
            last_modified = _http_date(response.headers.get("Last-Modified"))
            declared = response.headers.get("Content-Length")
            expected = int(declared) if declared and declared.isdigit() else None
            if expected is not None and expected > policy.max_bytes:
                raise SourceError(_too_large(source, expected, policy))
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > policy.max_bytes:
                    raise SourceError(_too_large(source, len(body), policy))
                if progress:
                    progress(len(body), expected)
    except SourceError:
        raise  # over the size cap: another attempt would be just as large
    except urllib.error.HTTPError as exc:
        if exc.code in RETRYABLE_STATUSES:
            raise _Retryable(f"HTTP {exc.code} {exc.reason}") from exc
        raise SourceError(f"{source} answered HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise _Retryable(f"cannot reach it: {reason}") from exc
    except Exception as exc:  # http.client.IncompleteRead and kin: the body broke off
        raise _Retryable(f"the download broke off: {exc!r}") from exc
    if expected is not None and len(body) < expected:
        raise _Retryable(f"truncated: got {len(body):,} of {expected:,} bytes")
    return Fetched(bytes(body), last_modified)


def _http_date(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def _too_large(source: str, size: int, policy: DownloadPolicy) -> str:
    return (
        f"{source} is {size:,} bytes or more, over the {policy.max_bytes:,}-byte cap "
        "(ENTITYBOT_MAX_DOWNLOAD_MB); not a CSL file?"
    )


def _read_file(source: str, policy: DownloadPolicy) -> Fetched:
    path = Path(source.removeprefix("file://")).expanduser()
    try:
        stat = path.stat()
        if stat.st_size > policy.max_bytes:
            raise SourceError(
                f"{path} is {stat.st_size:,} bytes, over the {policy.max_bytes:,}-byte cap"
            )
        return Fetched(path.read_bytes(), datetime.fromtimestamp(stat.st_mtime, UTC))
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
