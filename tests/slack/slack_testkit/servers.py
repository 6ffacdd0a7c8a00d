"""The app on a real socket (in a thread, or the Procfile's gunicorn), and a CSL download."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_testkit.fake_slack import BusyServer

REPO = Path(__file__).resolve().parents[3]


class _ThreadingWsgiServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 256


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *_args: Any) -> None:
        pass


class ThreadedApp:
    """A WSGI app served from a thread on 127.0.0.1."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self._server = make_server(
            "127.0.0.1",
            0,
            application,
            server_class=_ThreadingWsgiServer,
            handler_class=_QuietHandler,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> ThreadedApp:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"


class CslServer:
    """Serves CSL files over HTTP and counts every request, so a test can tell that
    nothing was fetched."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.requests: Counter[str] = Counter()
        # A path held here answers only once its event is set: a slow download.
        self.held: dict[str, threading.Event] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests[self.path] += 1
                if self.path in server.held:
                    server.held[self.path].wait(10)
                if self.path not in server.files:
                    self.send_error(404)
                    return
                body, content_type = server.files[self.path]
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = BusyServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> CslServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def serve(self, path: str, body: bytes, content_type: str = "text/csv") -> str:
        self.files[path] = (body, content_type)
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def hold(self, path: str) -> threading.Event:
        """Make downloads of `path` wait until the returned event is set."""
        self.held[path] = threading.Event()
        return self.held[path]

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def procfile_command(process: str = "web") -> str:
    for line in (REPO / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == process:
            return command.strip()
    raise AssertionError(f"the Procfile has no {process} process")


def wait_healthy(url: str, process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise AssertionError(f"{url}/healthz did not answer within {timeout} s")


def subprocess_env(settings: dict[str, str]) -> dict[str, str]:
    """This environment without entitybot's and Slack's settings, plus `settings`, with the
    repository importable from any working directory."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ENTITYBOT_", "SLACK_")) and name not in {"DATABASE_URL", "PORT"}
    }
    venv_bin = str(Path(sys.executable).parent)
    return {
        **kept,
        "PATH": f"{venv_bin}:{kept.get('PATH', '')}",
        "PYTHONPATH": str(REPO),
        **settings,
    }


class ProcfileWeb:
    """The Procfile's web process, run by a shell as a platform runs it, on a free port."""

    def __init__(self, settings: dict[str, str], workdir: Path, boot_timeout: float = 60.0) -> None:
        self.port = free_port()
        self.boot_timeout = boot_timeout
        self.env = subprocess_env({**settings, "PORT": str(self.port)})
        self.workdir = workdir
        self.log = workdir / "gunicorn.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ProcfileWeb:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["bash", "-c", f"exec {procfile_command()}"],
                cwd=self.workdir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_healthy(self.url, self.process, timeout=self.boot_timeout)
        except AssertionError:
            self.__exit__()
            raise AssertionError(f"gunicorn did not start:\n{self.log.read_text()}") from None
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
