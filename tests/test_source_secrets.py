"""A source URL's credentials, query string and fragment (where API keys travel) appear in no
error, no CLI output, no log record, no stored dataset and no Slack message; credentials are
still used, sent as HTTP Basic auth and never forwarded to a redirect's target."""

from __future__ import annotations

import base64
import http.server
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.screening import RefreshFailure, RefreshReport, Screening
from bot.settings import Settings
from bot.slack.blocks.admin import refresh_outcome
from bot.sources import DownloadPolicy, SourceError, fetch_source, public_source
from tests.conftest import FIXTURES, REPO
from tests.local_http import LocalServer, Reply, local_server

SECRET = "s3cr3t"
CSV = (FIXTURES / "csl-small.csv").read_bytes()
QUICK = DownloadPolicy(timeout_seconds=0.3, deadline_seconds=5, backoff_seconds=0)


def with_secrets(url: str) -> str:
    """`url` as a deployment might configure it: a user and password, an API key, a fragment."""
    scheme, rest = url.split("://")
    return f"{scheme}://reader:{SECRET}-pass@{rest}?api_key={SECRET}-key&format=csv#{SECRET}"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "https://u:p%40ss@data.example:8443/csl.csv?key=x#frag",
            "https://data.example:8443/csl.csv",
        ),
        ("https://token@data.example/v1/csl.csv", "https://data.example/v1/csl.csv"),
        ("http://[::1]:8080/csl.csv?api_key=x", "http://[::1]:8080/csl.csv"),
        ("HTTPS://Data.Example/csl.csv?x=1", "https://Data.Example/csl.csv"),
        ("http:user:key@data.example/csl.csv?k=1", "http:data.example/csl.csv"),
        ("http://[::1/csl.csv?api_key=x", "a malformed URL"),
        ("HTTP://u:p@data.example/csl.csv?key=x", "http://data.example/csl.csv"),
        ("ftp://u:p@data.example/csl.csv?key=x", "ftp://data.example/csl.csv"),
        ("file:///srv/csl.csv?key=x#frag", "file:///srv/csl.csv"),
        ("./HTTP://u:p@data.example/csl.csv?key=x", "./HTTP://data.example/csl.csv"),
        ("data/x://u:p@w@host/csl.csv#key", "data/x://host/csl.csv"),
        ("/srv/data/csl.csv", "/srv/data/csl.csv"),
        ("bundled snapshot csl-2026-07-31.json.gz", "bundled snapshot csl-2026-07-31.json.gz"),
    ],
)
def test_a_source_is_shown_without_credentials_query_or_fragment(source, shown):
    assert public_source(source) == shown
    assert public_source(shown) == shown


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.reply("/consolidated.csv", Reply(200, CSV))
        running.reply("/gone.csv", Reply(404, b"gone"))
        running.reply("/busy.csv", Reply(500, b"oops"))
        running.reply("/slow.csv", Reply(200, CSV, delay=1))
        running.reply("/cut.csv", Reply(200, CSV, cut_after=100))
        yield running


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/gone.csv", "answered HTTP 404"),
        ("/busy.csv", "attempt 3: HTTP 500"),
        ("/slow.csv", "attempt 3: cannot reach it: timed out"),
        ("/cut.csv", "attempt 3: "),
    ],
)
def test_no_download_error_carries_a_secret(server, path, said):
    with pytest.raises(SourceError) as caught:
        fetch_source(with_secrets(server.url(path)), QUICK)
    message = str(caught.value)
    assert said in message and f"{server.url(path)}" in message
    assert SECRET not in message and caught.value.__cause__ is None


@pytest.mark.parametrize(
    "source",
    [f"ftp://u:{SECRET}@127.0.0.1:9/csl.csv", f"File:///srv/csl.csv?api_key={SECRET}"],
)
def test_a_url_of_another_scheme_is_refused_without_a_secret(source):
    with pytest.raises(SourceError, match="only http:// and https:// URLs") as caught:
        fetch_source(source, QUICK)
    assert SECRET not in str(caught.value)


def test_a_url_http_client_rejects_is_not_quoted_back():
    # http.client refuses a space in a URL, quoting the whole query string in its error.
    with pytest.raises(SourceError, match="is not a usable URL") as caught:
        fetch_source("http://127.0.0.1:9/csl.csv?api_key=s3cr3t key", QUICK)
    assert SECRET not in str(caught.value)


@contextmanager
def guarded_server(user: str, password: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """/csl.csv for the right Basic credentials only; /moved redirects there. Yields the base
    URL and each request's (path, Authorization header)."""
    seen: list[tuple[str, str]] = []
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            authorization = self.headers.get("Authorization", "")
            seen.append((self.path.split("?")[0], authorization))
            if self.path.startswith("/moved"):
                self.send_response(302)
                self.send_header("Location", "/csl.csv")
                body = b""
            elif authorization == expected:
                self.send_response(200)
                body = CSV
            else:
                self.send_response(401)
                body = b"who are you?"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_credentials_in_the_url_are_sent_as_basic_auth():
    with guarded_server("reader", "p@ss:word") as (base, seen):
        url = base.replace("://", "://reader:p%40ss%3Aword@") + "/csl.csv?api_key=x"
        assert fetch_source(url, QUICK).body == CSV
        with pytest.raises(SourceError, match="HTTP 401") as caught:
            fetch_source(base.replace("://", "://reader:wrong@") + "/csl.csv", QUICK)
    assert "wrong" not in str(caught.value)
    assert seen[0][0] == "/csl.csv" and seen[0][1].startswith("Basic ")


def test_credentials_are_not_forwarded_to_a_redirect_target():
    with guarded_server("reader", "pw") as (base, seen), pytest.raises(SourceError, match="401"):
        fetch_source(base.replace("://", "://reader:pw@") + "/moved", QUICK)
    assert [path for path, _ in seen] == ["/moved", "/csl.csv"]
    assert seen[0][1].startswith("Basic ") and seen[1][1] == ""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_refresh_keeps_secrets_out_of_its_outcome_log_store_and_slack_message(
    server, database_url, tmp_path, caplog
):
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        csl_url=with_secrets(server.url("/consolidated.csv")),
        min_entries=1,
        download_timeout_seconds=0.3,
        download_backoff_seconds=0,
    )
    screening = Screening(settings, notify=lambda message: None)
    outcomes: list[RefreshReport | RefreshFailure] = []
    caplog.set_level(logging.DEBUG)
    loaded = screening.run_refresh("U1", outcomes.append, in_child=False)
    assert isinstance(loaded, RefreshReport)
    for path in ("/gone.csv", "/busy.csv", "/slow.csv"):
        failed = screening.run_refresh(
            "U1", outcomes.append, in_child=False, source=with_secrets(server.url(path))
        )
        assert isinstance(failed, RefreshFailure) and server.url(path) in failed.reason
    assert loaded.source == screening.status().source == server.url("/consolidated.csv")
    said = [json.dumps(refresh_outcome(outcome).blocks) for outcome in outcomes]
    said += [repr(outcome) for outcome in outcomes]
    said += [caplog.text] + [str(record.exc_info) for record in caplog.records]
    assert [text for text in said if SECRET in text] == []
    assert any("refresh by U1 failed" in record.getMessage() for record in caplog.records)


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ENTITYBOT_", "SLACK_")) and key != "DATABASE_URL"
    }
    environment |= {
        "ENTITYBOT_DATA_DIR": str(data_dir),
        "ENTITYBOT_MIN_ENTRIES": "1",
        "ENTITYBOT_DOWNLOAD_TIMEOUT": "0.3",
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=data_dir.parent,
        timeout=120,
    )


def test_the_cli_never_prints_a_secret(server, tmp_path):
    data_dir = tmp_path / "data"
    good = with_secrets(server.url("/consolidated.csv"))
    loaded = run_cli("refresh", "--source", good, "--as-of", "2026-07-31", data_dir=data_dir)
    assert loaded.returncode == 0, loaded.stderr
    assert f"from {server.url('/consolidated.csv')} (as of 2026-07-31)" in loaded.stdout
    failed = run_cli(
        "refresh", "--source", with_secrets(server.url("/gone.csv")), data_dir=data_dir
    )
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "answered HTTP 404 Not Found" in failed.stderr
    status = run_cli("status", data_dir=data_dir)
    status_json = run_cli("status", "--json", data_dir=data_dir)
    assert json.loads(status_json.stdout)["source"] == server.url("/consolidated.csv")
    printed = [loaded.stdout, loaded.stderr, failed.stderr, status.stdout, status_json.stdout]
    assert [text for text in printed if SECRET in text] == []
