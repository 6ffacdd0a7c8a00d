"""`entitybot serve`: Socket Mode with SLACK_APP_TOKEN, HTTP on $PORT without; clear errors."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs

import pytest
from slack_testkit.csl_data import AMBIGUOUS_PAIR, csl_csv
from slack_testkit.fake_slack import APP_TOKEN, BOT_TOKEN
from slack_testkit.messages import block_texts
from slack_testkit.servers import free_port, subprocess_env, wait_healthy
from slack_testkit.slack_requests import (
    SIGNING_SECRET,
    SlackSender,
    command_body,
    event_body,
    mention,
    new_event_id,
)

from bot.screening import Screening
from bot.settings import Settings


@pytest.fixture
def store(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    data = tmp_path / "start.csv"
    data.write_text(csl_csv(*AMBIGUOUS_PAIR), encoding="utf-8")
    Screening(
        Settings(database_url=url, data_dir=tmp_path, min_entries=1), notify=lambda _m: None
    ).refresh(source=str(data))
    return url


def _serve(tmp_path, settings: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=subprocess_env(
            {"ENTITYBOT_DATA_DIR": str(tmp_path), "ENTITYBOT_MIN_ENTRIES": "1", **settings}
        ),
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("w"),
        text=True,
    )


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_with_an_app_token_it_answers_over_socket_mode(tmp_path, fake_slack, store):
    process = _serve(
        tmp_path,
        {
            "DATABASE_URL": store,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": fake_slack.api_url,
        },
    )
    try:
        fake_slack.socket_mode.wait_connected()
        assert fake_slack.api_calls("apps.connections.open")

        response_url = fake_slack.new_response_url()
        command = {
            key: values[0]
            for key, values in parse_qs(command_body("/entity", "Qihoo 360", response_url)).items()
        }
        envelope = fake_slack.socket_mode.send("slash_commands", command)
        assert fake_slack.socket_mode.wait_ack(envelope)["envelope_id"] == envelope
        answer = fake_slack.wait_for_response(response_url).body
        assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(answer["blocks"])

        event = event_body(mention("is CloudWalk listed?", ts="1712.400100"), new_event_id())
        fake_slack.socket_mode.send("events_api", event, retry_attempt=0, retry_reason="")
        (post,) = fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"))
        assert post.body["thread_ts"] == "1712.400100"
    finally:
        _stop(process)
    assert "xapp-" not in (tmp_path / "serve.log").read_text()


def test_without_an_app_token_it_serves_http_on_port(tmp_path, fake_slack, store):
    port = free_port()
    process = _serve(
        tmp_path,
        {
            "DATABASE_URL": store,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.api_url,
            "PORT": str(port),
        },
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", None, timeout=30)
        response_url = fake_slack.new_response_url()
        ack = SlackSender(f"http://127.0.0.1:{port}").command("/entity", "Hitech", response_url)
        assert ack.status == 200
        answer = fake_slack.wait_for_response(response_url).body
        assert "*Hitech Corporation*" in block_texts(answer["blocks"])
    finally:
        _stop(process)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xapp-wrong-kind"}, "SLACK_BOT_TOKEN must be a bot token"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
    ],
)
def test_a_missing_or_wrong_setting_is_named_without_a_traceback(tmp_path, settings, named):
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=subprocess_env(
            {"ENTITYBOT_DATA_DIR": str(tmp_path), "ENTITYBOT_MIN_ENTRIES": "1", **settings}
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 1
    assert named in finished.stderr
    assert "Traceback" not in finished.stderr
    assert "xapp-wrong-kind" not in finished.stderr


def test_a_token_slack_rejects_is_reported_without_a_traceback(tmp_path, fake_slack, store):
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=subprocess_env(
            {
                "DATABASE_URL": store,
                "SLACK_BOT_TOKEN": "xoxb-revoked",
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": fake_slack.api_url,
            }
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 1
    assert "did not accept SLACK_BOT_TOKEN" in finished.stderr
    assert "invalid_auth" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert "xoxb-revoked" not in finished.stderr


def test_slack_out_of_reach_is_reported_without_a_traceback(tmp_path, store):
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=subprocess_env(
            {
                "DATABASE_URL": store,
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": f"http://127.0.0.1:{free_port()}/api/",
            }
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 1
    assert "cannot reach Slack at http://127.0.0.1:" in finished.stderr
    assert "Traceback" not in finished.stderr
