"""The Procfile's web line, as a platform runs it: gunicorn, two workers, one store."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_testkit.csl_data import ADMIN, AMBIGUOUS_PAIR, csl_csv
from slack_testkit.fake_slack import BOT_TOKEN, TEAM_ID
from slack_testkit.messages import FORBIDDEN_MARKUP, block_texts
from slack_testkit.raw_http import post_bytes, post_headers_only, signed_headers
from slack_testkit.servers import ProcfileWeb, procfile_command, subprocess_env
from slack_testkit.slack_requests import (
    FORM,
    JSON,
    SIGNING_SECRET,
    SlackSender,
    command_body,
    mention,
)

from bot.screening import Screening
from bot.settings import Settings
from tests.waiting import stays_true


@pytest.fixture
def store(tmp_path, database_url) -> str:
    """A store (SQLite, then PostgreSQL) already holding the small data, so the workers do
    not load the bundled snapshot."""
    url = database_url
    data = tmp_path / "start.csv"
    data.write_text(csl_csv(*AMBIGUOUS_PAIR), encoding="utf-8")
    Screening(
        Settings(database_url=url, data_dir=tmp_path, min_entries=1), notify=lambda _m: None
    ).refresh(source=str(data), loaded_by="U0LOADER")
    return url


@pytest.fixture
def web(tmp_path, fake_slack, store):
    settings = {
        "DATABASE_URL": store,
        "ENTITYBOT_DATA_DIR": str(tmp_path),
        "ENTITYBOT_MIN_ENTRIES": "1",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "ENTITYBOT_ADMIN_USERS": ADMIN,
        "WEB_CONCURRENCY": "2",
    }
    with ProcfileWeb(settings, tmp_path) as running:
        yield running


def test_the_procfile_runs_gunicorn_with_the_wsgi_app():
    command = procfile_command("web")
    assert command.startswith("gunicorn ")
    assert "--bind 0.0.0.0:$PORT" in command
    assert command.endswith("bot.slack.wsgi:application")


def test_gunicorn_answers_signed_slack_requests_once_and_refuses_forged_ones(web, fake_slack):
    slack = SlackSender(web.url)

    # /entity: acked at once, answered through response_url.
    response_url = fake_slack.new_response_url()
    ack = slack.command("/entity", "<!channel> Qihoo 360 <@U123>", response_url)
    assert (ack.status, ack.body) == (200, "")
    answer = fake_slack.wait_for_response(response_url)
    assert "*Qihoo 360 Technology Co. Ltd*" in block_texts(answer.body["blocks"])

    # A mention Slack delivers four times, to whichever worker: answered once.
    event = mention("are Aksu Huafu Textiles and CloudWalk listed?", "1712.300200", "1712.300100")
    with ThreadPoolExecutor(4) as pool:
        replies = list(
            pool.map(lambda retry: slack.event(event, event_id="Ev0RETRIED", retry=retry), range(4))
        )
    assert [reply.status for reply in replies] == [200] * 4
    slack.event(mention("Hitech", "1712.300300"))
    fake_slack.wait_for(lambda fake: fake.api_calls("chat.postMessage"), count=2)
    stays_true(
        lambda: len(fake_slack.api_calls("chat.postMessage")) == 2,
        0.3,  # room for a duplicate answer to arrive, if one were sent
        "a mention delivered four times was answered more than once",
    )
    posts = fake_slack.api_calls("chat.postMessage")
    assert sorted(post.body["thread_ts"] for post in posts) == ["1712.300100", "1712.300300"]
    both = next(post for post in posts if post.body["thread_ts"] == "1712.300100")
    text = block_texts(both.body["blocks"])
    assert "*Aksu Huafu Textiles Co.*" in text and "*CloudWalk Technology*" in text

    # Forged, and signed ten minutes ago: refused.
    body = command_body("/entity", "Qihoo 360", fake_slack.new_response_url())
    assert slack.post(body, FORM, secret="forged").status == 401
    assert slack.post(body, FORM, timestamp=int(time.time()) - 600).status == 401

    for call in fake_slack.outgoing():
        assert not FORBIDDEN_MARKUP.search(call.raw), call.raw
    assert "xoxb-" not in web.log.read_text()


def test_no_request_body_reaches_the_log(web, fake_slack):
    """Bolt used to log a wrongly signed body whole, at INFO: two 25 MB posts, 52 MB of log."""
    slack = SlackSender(web.url)
    marker = f"BODY-{uuid.uuid4().hex}"
    logged_before = web.log.stat().st_size

    # Wrongly signed, 1.5 MB: read, checked, refused.
    big = command_body("/entity", marker * 40_000, fake_slack.new_response_url())
    assert slack.post(big, FORM, secret="forged").status == 401
    # 25 MB announced, unsigned or signed: refused from the headers alone.
    assert post_headers_only(web.url, 25_000_000, {"Content-Type": FORM}) == 401
    assert post_headers_only(web.url, 25_000_000, signed_headers(b"x")) == 413
    # Signed but malformed, and not UTF-8.
    broken = f'{{"not json {marker}'.encode()
    assert post_bytes(web.url, broken, {"Content-Type": JSON, **signed_headers(broken)})[0] == 400
    assert post_bytes(web.url, marker.encode() + b"\xff", {"Content-Type": FORM})[0] == 401
    # Signed and answered, and an event no listener handles (Bolt warns of those).
    response_url = fake_slack.new_response_url()
    slack.command("/entity", f"Qihoo 360 {marker}", response_url)
    fake_slack.wait_for_response(response_url)
    reaction = {"type": "reaction_added", "user": "U0ASKER", "reaction": marker}
    assert slack.event(reaction).status in (200, 404)
    suggestion = {"type": "block_suggestion", "team": {"id": TEAM_ID}, "value": marker}
    assert slack.post(json.dumps(suggestion), JSON).status in (200, 404)

    log = web.log.read_text(errors="replace")
    assert marker not in log
    assert "Traceback" not in log
    assert web.log.stat().st_size - logged_before < 10_000, log[logged_before:]


def test_gunicorn_without_the_signing_secret_exits_naming_it(tmp_path):
    env = subprocess_env(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "PORT": "0",
        }
    )

    finished = subprocess.run(
        ["bash", "-c", f"exec {procfile_command()}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert finished.returncode == 1
    assert "entitybot: SLACK_SIGNING_SECRET is not set" in finished.stderr
    assert "Traceback" not in finished.stderr
