"""The HTTP surface: Slack's signature checked on every request; a health check."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from slack_testkit.slack_requests import FORM, command_body, signature

from tests.waiting import stays_true


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_forged_signature_is_refused_and_nothing_is_done(app, fake_slack):
    body = command_body("/entity", "Qihoo 360", fake_slack.new_response_url())

    reply = app.slack.post(body, FORM, secret="not-the-signing-secret")

    assert reply.status == 401
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


def test_a_body_changed_after_signing_is_refused(app, fake_slack):
    body = command_body("/entity", "Qihoo 360", fake_slack.new_response_url())
    timestamp = int(time.time())
    headers = {"X-Slack-Signature": signature(app.slack.secret, timestamp, body)}
    tampered = body.replace("Qihoo", "Huawei")

    reply = app.slack.post(tampered, FORM, timestamp=timestamp, headers=headers)

    assert reply.status == 401


@pytest.mark.parametrize("age_seconds", [600, -600])
def test_a_request_ten_minutes_off_is_refused_even_when_signed(app, fake_slack, age_seconds):
    body = command_body("/entity", "Qihoo 360", fake_slack.new_response_url())

    reply = app.slack.post(body, FORM, timestamp=int(time.time()) - age_seconds)

    assert reply.status == 401
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


def test_the_health_check_answers_without_a_signature(app):
    status, body = _get(f"{app.url}/healthz")

    assert status == 200
    assert body == b'{"status": "ok"}'


def test_other_paths_and_methods_are_not_found(app):
    assert _get(f"{app.url}/slack/events")[0] == 404
    assert _get(f"{app.url}/admin")[0] == 404


def test_slack_url_verification_is_answered(app):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "x", "challenge": challenge, "type": "url_verification"})

    reply = app.slack.post(body, "application/json")

    assert reply.status == 200
    assert reply.json() == {"challenge": challenge}
