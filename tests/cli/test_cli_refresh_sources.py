"""`entitybot refresh --source` as a user types it, as a real process: a URL's scheme in any
case downloads (HTTP://, HTTPS://, over real sockets); any other scheme, or a path that holds
a mistyped URL, is refused in one line that shows no credentials or query string."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.cli_runner import SMALL_CSL, run_cli
from tests.cli.test_cli_faults import one_line, status_of
from tests.local_http import LocalServer, Reply, local_server, self_signed_certificate

SECRET = "s3cr3t"


def with_secrets(url: str, scheme: str) -> str:
    """`url` under `scheme` (as typed), with a user, a password and an API key."""
    rest = url.split("://", 1)[1]
    return f"{scheme}://reader:{SECRET}@{rest}?api_key={SECRET}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.reply("/consolidated.csv", Reply(200, SMALL_CSL.read_bytes()))
        yield running


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    """A self-signed certificate for 127.0.0.1, in a directory as cert.pem and key.pem."""
    self_signed_certificate(tmp_path)
    return tmp_path


@contextmanager
def https_server(tls: Path, body: bytes) -> Iterator[tuple[str, list[str]]]:
    """An HTTPS server answering every GET with `body`; yields its base URL and the paths
    asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path.split("?")[0])
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_an_upper_case_http_url_is_downloaded_and_never_shown_with_its_secrets(
    own_data_dir, server
):
    source = with_secrets(server.url("/consolidated.csv"), "HTTP")

    loaded = run_cli("refresh", "--source", source, "--as-of", "2026-08-01", data_dir=own_data_dir)

    assert loaded.returncode == 0, loaded.stderr
    assert f"from {server.url('/consolidated.csv')} (as of 2026-08-01)" in loaded.stdout
    assert server.count("/consolidated.csv") == 1
    assert SECRET not in loaded.stdout + loaded.stderr
    status = status_of(own_data_dir)
    assert (status["source"], status["as_of"]) == (server.url("/consolidated.csv"), "2026-08-01")


def test_an_upper_case_https_url_is_downloaded(own_data_dir, certificate):
    with https_server(certificate, SMALL_CSL.read_bytes()) as (base, asked):
        source = with_secrets(f"{base}/consolidated.csv", "HTTPS")
        loaded = run_cli(
            *("refresh", "--source", source, "--as-of", "2026-08-01"),
            data_dir=own_data_dir,
            env={"SSL_CERT_FILE": str(certificate / "cert.pem")},
        )

    assert loaded.returncode == 0, loaded.stderr
    assert f"from {base}/consolidated.csv (as of 2026-08-01)" in loaded.stdout
    assert asked == ["/consolidated.csv"]
    assert SECRET not in loaded.stdout + loaded.stderr


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (f"ftp://reader:{SECRET}@127.0.0.1:9/x.csv?api_key={SECRET}", "ftp://127.0.0.1:9/x.csv"),
        (f"FTP://reader:{SECRET}@127.0.0.1:9/x.csv#{SECRET}", "ftp://127.0.0.1:9/x.csv"),
        (f"file:///tmp/x.csv?api_key={SECRET}", "file:///tmp/x.csv"),
        (f"FILE://reader:{SECRET}@localhost/tmp/x.csv", "file://localhost/tmp/x.csv"),
    ],
)
def test_a_url_of_another_scheme_is_refused_in_one_line_without_its_secrets(
    own_data_dir, typed, shown
):
    refused = run_cli("refresh", "--source", typed, data_dir=own_data_dir)

    assert refused.returncode == 1 and refused.stdout == ""
    said = one_line(refused.stderr)
    assert f"cannot fetch {shown}: only http:// and https:// URLs are downloaded" in said
    assert "Nothing was changed" in said and SECRET not in said
    assert status_of(own_data_dir)["as_of"] == "2026-07-31"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (
            f"./HTTP://reader:{SECRET}@127.0.0.1:9/x.csv?api_key={SECRET}",
            "./HTTP://127.0.0.1:9/x.csv",
        ),
        (f"1http://reader:{SECRET}@host/x.csv#{SECRET}", "1http://host/x.csv"),
    ],
)
def test_a_missing_path_holding_a_url_is_shown_without_its_secrets(own_data_dir, typed, shown):
    refused = run_cli("refresh", "--source", typed, data_dir=own_data_dir)

    assert refused.returncode == 1
    said = one_line(refused.stderr)
    assert f"cannot read {shown}: No such file or directory" in said
    assert SECRET not in said
    assert status_of(own_data_dir)["as_of"] == "2026-07-31"
