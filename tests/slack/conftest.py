"""Fixtures for the Slack app's tests: a fake Slack, the app on a real socket, CSL data."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slack_testkit.csl_data import ADMIN, AMBIGUOUS_PAIR, csl_csv
from slack_testkit.fake_slack import BOT_TOKEN, FakeSlack
from slack_testkit.servers import CslServer, ThreadedApp
from slack_testkit.slack_requests import SIGNING_SECRET, SlackSender

from bot.screening import Screening
from bot.settings import Settings
from bot.slack.web import create_application


@dataclass(frozen=True)
class RunningApp:
    url: str
    slack: SlackSender
    screening: Screening
    settings: Settings


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A fake Slack; the test fails if the app sent it anything Slack would refuse."""
    with FakeSlack() as fake:
        yield fake
    assert fake.refused == [], f"Slack would refuse: {fake.refused}"


@pytest.fixture
def csl_server() -> Iterator[CslServer]:
    with CslServer() as server:
        yield server


@pytest.fixture
def start_data(tmp_path: Path) -> Path:
    path = tmp_path / "csl-start.csv"
    path.write_text(csl_csv(*AMBIGUOUS_PAIR), encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path, fake_slack: FakeSlack, start_data: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        data_dir=tmp_path,
        csl_url=str(start_data),
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.api_url,
        admin_users=frozenset({ADMIN}),
        download_timeout_seconds=5,
        # The fixture lists hold a handful of entries, not a full CSL's 26,000.
        min_entries=1,
    )


@pytest.fixture
def start_app(settings: Settings, start_data: Path) -> Iterator[Callable[..., RunningApp]]:
    """Starts the WSGI app, exactly as gunicorn gets it, in a real server on a thread."""
    with ExitStack() as stack:
        background = ThreadPoolExecutor(4, thread_name_prefix="test-answer")
        stack.callback(background.shutdown, wait=True)

        def start(**changes: object) -> RunningApp:
            configured = replace(settings, **changes)
            screening = Screening(configured, notify=lambda _message: None)
            screening.refresh(source=str(start_data), loaded_by="U0LOADER")
            application = create_application(configured, screening, background=background)
            server = stack.enter_context(ThreadedApp(application))
            return RunningApp(server.url, SlackSender(server.url), screening, configured)

        yield start


@pytest.fixture
def app(start_app: Callable[..., RunningApp]) -> RunningApp:
    return start_app()
