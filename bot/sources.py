"""Fetch a CSL file from a path or a URL."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

USER_AGENT = "entitybot (+https://github.com/entitybot)"


class SourceError(RuntimeError):
    """The source could not be read; the message says which source and why."""


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_source(source: str, timeout: float = 60.0) -> bytes:
    if is_url(source):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            raise SourceError(f"{source} answered HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SourceError(f"cannot reach {source}: {reason}") from exc
    path = Path(source.removeprefix("file://")).expanduser()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
