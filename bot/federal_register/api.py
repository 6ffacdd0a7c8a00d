"""A small client for the Federal Register API (https://www.federalregister.gov/api/v1).

The API has no search by citation, so a cite ("85 FR 34497": volume 85, page 34497) is
found by listing an agency's documents of that volume's year with their page ranges; one
listing serves every cite of that year and is kept for the life of the client.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot import __version__
from bot.federal_register.cites import Cite

USER_AGENT = f"entitybot/{__version__}"

BIS = "industry-and-security-bureau"
FIELDS = (
    "document_number", "citation", "volume", "start_page", "end_page", "publication_date",
    "effective_on", "title", "type", "action", "abstract", "html_url", "raw_text_url",
)  # fmt: skip
PER_PAGE = 1000


class FederalRegisterError(RuntimeError):
    """The API could not be reached or answered something unusable.

    `unreachable`: the API itself is down or out of reach (worth stopping for), rather than
    one document being missing or malformed (worth noting and going on).
    """

    def __init__(self, message: str, unreachable: bool = True) -> None:
        super().__init__(message)
        self.unreachable = unreachable


@dataclass(frozen=True)
class FrDocument:
    document_number: str
    citation: str
    volume: int
    start_page: int
    end_page: int
    publication_date: date | None
    effective_on: date | None
    title: str
    type: str
    action: str
    abstract: str
    html_url: str
    raw_text_url: str

    def holds(self, cite: Cite) -> bool:
        return self.volume == cite.volume and self.start_page <= cite.page <= self.end_page

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> FrDocument:
        def day(key: str) -> date | None:
            value = raw.get(key)
            return date.fromisoformat(value) if value else None

        return cls(
            document_number=str(raw.get("document_number") or ""),
            citation=str(raw.get("citation") or ""),
            volume=int(raw.get("volume") or 0),
            start_page=int(raw.get("start_page") or 0),
            end_page=int(raw.get("end_page") or raw.get("start_page") or 0),
            publication_date=day("publication_date"),
            effective_on=day("effective_on"),
            title=str(raw.get("title") or ""),
            type=str(raw.get("type") or ""),
            action=str(raw.get("action") or ""),
            abstract=str(raw.get("abstract") or ""),
            html_url=str(raw.get("html_url") or ""),
            raw_text_url=str(raw.get("raw_text_url") or ""),
        )


class FederalRegisterApi:
    def __init__(
        self,
        base_url: str,
        timeout_seconds: float = 20.0,
        min_interval_seconds: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_seconds = timeout_seconds
        # The API asks clients to be gentle; requests are spaced at least this far apart.
        self.min_interval_seconds = min_interval_seconds
        self._sleep = sleep
        self._clock = clock
        self._last_request = float("-inf")
        self._years: dict[tuple[str, int], list[FrDocument]] = {}
        self.requests = 0

    def find(self, cite: Cite, agency: str = BIS) -> FrDocument | None:
        """The document whose pages hold `cite`, among `agency`'s documents of its year."""
        year = cite.year
        for document in self.documents_of_year(agency, year):
            if document.holds(cite):
                return document
        return None

    def documents_of_year(self, agency: str, year: int) -> list[FrDocument]:
        key = (agency, year)
        if key not in self._years:
            query = [
                ("conditions[agencies][]", agency),
                ("conditions[publication_date][year]", str(year)),
                ("per_page", str(PER_PAGE)),
                ("order", "oldest"),
                *(("fields[]", field) for field in FIELDS),
            ]
            url: str | None = f"{self.base_url}/documents.json?{urllib.parse.urlencode(query)}"
            documents: list[FrDocument] = []
            while url:
                page = self._json(url)
                documents += [FrDocument.from_api(raw) for raw in page.get("results") or []]
                url = page.get("next_page_url")
            self._years[key] = documents
        return self._years[key]

    def raw_text(self, document: FrDocument) -> str:
        if not document.raw_text_url:
            raise FederalRegisterError(f"{document.citation} has no raw text URL")
        return self._get(document.raw_text_url).decode("utf-8", errors="replace")

    def _json(self, url: str) -> dict[str, Any]:
        try:
            document = json.loads(self._get(url))
        except json.JSONDecodeError as exc:
            raise FederalRegisterError(f"{url} did not answer JSON: {exc}") from exc
        if not isinstance(document, dict):
            raise FederalRegisterError(f"{url} answered JSON that is not an object")
        return document

    def _get(self, url: str) -> bytes:
        wait = self._last_request + self.min_interval_seconds - self._clock()
        if wait > 0:
            self._sleep(wait)
        self._last_request = self._clock()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as exc:
            raise FederalRegisterError(
                f"{url} answered HTTP {exc.code}", unreachable=exc.code >= 500 or exc.code == 429
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise FederalRegisterError(
                f"the Federal Register API cannot be reached: {getattr(exc, 'reason', exc)}"
            ) from exc
