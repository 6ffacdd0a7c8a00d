"""A local Federal Register API serving the fixtures in tests/fixtures/federal_register/."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.conftest import FIXTURES
from tests.local_http import Reply, local_server

FR_FIXTURES = FIXTURES / "federal_register"


@dataclass
class FakeFederalRegister:
    base_url: str = ""
    requests: list[str] = field(default_factory=list)
    down: bool = False

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/v1"


def _documents(year: str, base_url: str) -> dict:
    path = FR_FIXTURES / f"documents-bis-{year}.json"
    listing = json.loads(path.read_text()) if path.is_file() else {"count": 0, "results": []}
    for document in listing["results"]:
        document["raw_text_url"] = document["raw_text_url"].replace("RAW", f"{base_url}/raw")
    return listing


@pytest.fixture
def federal_register() -> Iterator[FakeFederalRegister]:
    fake = FakeFederalRegister()

    def documents(path: str) -> Reply:
        if fake.down:
            return Reply(503, b"<html>Service Unavailable</html>", {"Content-Type": "text/html"})
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        year = query.get("conditions[publication_date][year]", [""])[0]
        bis = query.get("conditions[agencies][]", []) == ["industry-and-security-bureau"]
        listing = _documents(year, fake.base_url) if bis else {"count": 0, "results": []}
        return Reply(200, json.dumps(listing).encode(), {"Content-Type": "application/json"})

    def raw_text(path: str) -> Reply:
        if fake.down:
            return Reply(503, b"Service Unavailable")
        text = FR_FIXTURES / urllib.parse.urlsplit(path).path.removeprefix("/raw/")
        if not text.is_file():
            return Reply(404, b"not found")
        return Reply(200, text.read_bytes(), {"Content-Type": "text/plain"})

    with local_server() as server:
        server.dynamic["/api/v1/documents.json"] = documents
        server.dynamic["/raw/"] = raw_text
        fake.base_url = server.base_url
        fake.requests = server.requests
        yield fake
