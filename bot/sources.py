"""Fetch a CSL file from a path or a URL: streamed, capped, timed out, retried, and never
shown with the secrets a URL can carry."""

from __future__ import annotations

import base64
import http.client
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from bot.download_deadline import DownloadDeadline
from bot.settings import Settings

USER_AGENT = "entitybot/0.1 (US screening list lookups)"
CHUNK = 64 * 1024
# Statuses worth asking again for: the server is busy or broken, not the request.
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_WEB_SCHEMES = frozenset({"http", "https"})
# "scheme://" at the start: RFC 3986's scheme characters.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_HIDDEN = "\u2026"

Progress = Callable[[int, int | None], None]


class SourceError(RuntimeError):
    """The source could not be read; the message says which source and why."""


@dataclass(frozen=True)
class DownloadPolicy:
    timeout_seconds: float = 60.0  # per connection attempt and per read
    # The whole download, every attempt and wait included (ENTITYBOT_DOWNLOAD_DEADLINE): a
    # server trickling a byte a second never trips the per-read timeout. Today's CSL CSV
    # (about 20 MB) takes seconds; in ten minutes it arrives even at 35 KB/s.
    deadline_seconds: float = 600.0
    max_bytes: int = 250 * 1024 * 1024  # today's CSL CSV is about 20 MB
    attempts: int = 3
    backoff_seconds: float = 1.0  # doubled after each failed attempt

    @classmethod
    def of(cls, settings: Settings) -> DownloadPolicy:
        return cls(
            timeout_seconds=settings.download_timeout_seconds,
            deadline_seconds=settings.download_deadline_seconds,
            max_bytes=settings.max_download_mb * 1024 * 1024,
            backoff_seconds=settings.download_backoff_seconds,
        )


def url_scheme(source: str) -> str | None:
    """The scheme of a "scheme://..." source, lower-cased (schemes are case-insensitive,
    RFC 3986: HTTPS:// is https://); None for a path."""
    match = _SCHEME.match(source.strip())
    return match.group(1).lower() if match else None


def public_source(source: str) -> str:
    """A source as it may be shown or logged anywhere: a URL without its credentials, query
    string or fragment (a download URL can carry an API key in any of them); a path as
    given. The one rule for the CLI, the log, the store and Slack."""
    try:
        parts = urlsplit(source.strip())
    except ValueError:  # an unclosed "[" of an IPv6 host, say: nothing in it is safe to show
        return "a malformed URL"
    if parts.netloc or url_scheme(source):  # "file:///x.csv?key=...": no host, still a URL
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
    if parts.scheme.lower() in _WEB_SCHEMES:  # "http:user:key@host": no "//", still a URL
        return f"{parts.scheme}:{parts.path.rpartition('@')[2]}"
    if "://" in source:  # a path holding a URL ("./HTTP://user:key@host/x"): a typo's secrets
        head, _, rest = source.partition("://")
        rest = re.split("[?#]", rest, maxsplit=1)[0]
        return f"{head}://{rest.rpartition('@')[2]}"
    return source


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
    scheme = url_scheme(source)
    if scheme is None:
        return _read_file(source, policy)
    if scheme not in _WEB_SCHEMES:
        raise SourceError(
            f"cannot fetch {public_source(source)}: only http:// and https:// URLs are "
            "downloaded; give a file as its path"
        )
    try:
        return _fetch_url(source, policy, progress, sleep)
    except SourceError as exc:
        # Whatever an exception quoted of the URL (http.client quotes it in some errors)
        # goes; so does the cause, which may hold it too.
        raise SourceError(_redact(str(exc), source)) from None


def _fetch_url(
    source: str, policy: DownloadPolicy, progress: Progress | None, sleep: Callable[[float], None]
) -> Fetched:
    failures = []
    with DownloadDeadline(policy.deadline_seconds) as deadline:
        for attempt in range(1, policy.attempts + 1):
            if attempt > 1:
                sleep(min(policy.backoff_seconds * 2 ** (attempt - 2), deadline.remaining()))
            if deadline.passed:
                break
            try:
                return _download(source, policy, deadline, progress)
            except _Retryable as exc:
                failures.append("stopped at the deadline" if deadline.passed else str(exc))
    tried = "; ".join(f"attempt {n}: {why}" for n, why in enumerate(failures, start=1))
    if deadline.passed:
        raise SourceError(
            f"could not download {public_source(source)} within the "
            f"{policy.deadline_seconds:g}-second deadline (ENTITYBOT_DOWNLOAD_DEADLINE; {tried})"
        )
    raise SourceError(f"could not download {public_source(source)} ({tried})")


class _Retryable(Exception):
    """A failure another attempt may not meet."""


def _download(
    source: str, policy: DownloadPolicy, deadline: DownloadDeadline, progress: Progress | None
) -> Fetched:
    shown = public_source(source)
    timeout = min(policy.timeout_seconds, deadline.remaining())
    try:
        with deadline.opener().open(_request(source), timeout=timeout) as response:
            last_modified = _http_date(response.headers.get("Last-Modified"))
            declared = response.headers.get("Content-Length")
            expected = int(declared) if declared and declared.isdigit() else None
            if expected is not None and expected > policy.max_bytes:
                raise SourceError(_too_large(shown, expected, policy))
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > policy.max_bytes:
                    raise SourceError(_too_large(shown, len(body), policy))
                if progress:
                    progress(len(body), expected)
    except SourceError:
        raise  # over the size cap: another attempt would be just as large
    except http.client.InvalidURL as exc:
        raise SourceError(f"{shown} is not a usable URL: {exc}") from exc
    except urllib.error.HTTPError as exc:
        if exc.code in RETRYABLE_STATUSES:
            raise _Retryable(f"HTTP {exc.code} {exc.reason}") from exc
        raise SourceError(f"{shown} answered HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise _Retryable(f"cannot reach it: {reason}") from exc
    except Exception as exc:  # http.client.IncompleteRead and kin: the body broke off
        raise _Retryable(f"the download broke off: {exc!r}") from exc
    if expected is not None and len(body) < expected:
        raise _Retryable(f"truncated: got {len(body):,} of {expected:,} bytes")
    if expected is None and deadline.passed:  # the deadline shut the connection: not the end
        raise _Retryable("stopped at the deadline")
    return Fetched(bytes(body), last_modified)


def _request(source: str) -> urllib.request.Request:
    """The request for `source`. Its credentials go in an Authorization header that urllib
    never forwards to a redirect's target (another host must not see them)."""
    try:
        parts = urlsplit(source)
    except ValueError as exc:
        raise SourceError(f"{public_source(source)} is not a usable URL: {exc}") from exc
    credentials, _, host = parts.netloc.rpartition("@")
    request = urllib.request.Request(
        urlunsplit(parts._replace(netloc=host)), headers={"User-Agent": USER_AGENT}
    )
    if credentials:
        user, _, password = credentials.partition(":")
        token = base64.b64encode(f"{unquote(user)}:{unquote(password)}".encode()).decode()
        request.add_unredirected_header("Authorization", f"Basic {token}")
    return request


def _redact(text: str, source: str) -> str:
    """`text` without any of the secrets `source` may carry."""
    try:
        parts = urlsplit(source)
    except ValueError:
        return text.replace(source, public_source(source))
    secrets = {parts.netloc.rpartition("@")[0], parts.password or "", parts.query, parts.fragment}
    secrets |= {unquote(secret) for secret in secrets}
    text = text.replace(source, public_source(source))
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, _HIDDEN)
    return text


def _http_date(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def _too_large(shown: str, size: int, policy: DownloadPolicy) -> str:
    return (
        f"{shown} is {size:,} bytes or more, over the {policy.max_bytes:,}-byte cap "
        "(ENTITYBOT_MAX_DOWNLOAD_MB); not a CSL file?"
    )


def _read_file(source: str, policy: DownloadPolicy) -> Fetched:
    path = Path(source).expanduser()
    # As given, through the one rule: a path may hold a mistyped URL and its secrets.
    shown = public_source(source)
    try:
        stat = path.stat()
        if stat.st_size > policy.max_bytes:
            raise SourceError(
                f"{shown} is {stat.st_size:,} bytes, over the {policy.max_bytes:,}-byte cap"
            )
        return Fetched(path.read_bytes(), datetime.fromtimestamp(stat.st_mtime, UTC))
    except OSError as exc:
        raise SourceError(f"cannot read {shown}: {exc.strerror or type(exc).__name__}") from exc
