"""A local Federal Register API serving the fixtures in tests/fixtures/federal_register/."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.conftest import FIXTURES

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

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.requests.append(self.path)
            if fake.down:
                self._send(503, b"<html>Service Unavailable</html>", "text/html")
                return
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path == "/api/v1/documents.json":
                year = query.get("conditions[publication_date][year]", [""])[0]
                agencies = query.get("conditions[agencies][]", [])
                listing = (
                    _documents(year, fake.base_url)
                    if agencies == ["industry-and-security-bureau"]
                    else {"count": 0, "results": []}
                )
                self._send(200, json.dumps(listing).encode(), "application/json")
            elif url.path.startswith("/raw/"):
                text = FR_FIXTURES / url.path.removeprefix("/raw/")
                if text.is_file():
                    self._send(200, text.read_bytes(), "text/plain")
                else:
                    self._send(404, b"not found", "text/plain")
            else:
                self._send(404, b'{"errors":["not found"]}', "application/json")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
