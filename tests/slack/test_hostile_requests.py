"""Whatever reaches POST /slack/events, it is refused cleanly unless Slack signed it: no 500,
no traceback, no body read before the signature headers are checked, one log line."""

from __future__ import annotations

import json
import logging
import time

import pytest
from slack_testkit.raw_http import post_bytes, post_headers_only, signed_headers
from slack_testkit.slack_requests import FORM, JSON, command_body

from bot.slack.request_guard import MAX_BODY_BYTES
from tests.waiting import stays_true

MALFORMED_BODIES = [
    pytest.param(b"{not json", JSON, id="broken-json"),
    pytest.param(b"[1, 2, 3]", JSON, id="json-array"),
    pytest.param(b"payload=%7Bnot+json", FORM, id="form-payload-not-json"),
    pytest.param(b"payload=%5B%5D", FORM, id="form-payload-array"),
    pytest.param(b"{\xff\xfe\x00garbage}", JSON, id="not-utf8"),
    pytest.param(b"", JSON, id="empty"),
]


# Objects, but not shaped as Slack shapes them: each raised inside Bolt (HTTP 500).
BADLY_SHAPED = [
    pytest.param({"type": "event_callback", "event": "app_mention"}, id="event-string"),
    pytest.param({"type": "event_callback", "event": []}, id="event-list"),
    pytest.param(
        {"type": "block_actions", "team": {"id": "T0TEST"}, "actions": []}, id="no-action"
    ),
    pytest.param({"type": "block_actions", "actions": "share"}, id="actions-string"),
    pytest.param({"type": "event_callback", "authorizations": "x"}, id="authorizations-string"),
    pytest.param({"type": "event_callback", "authorizations": [5]}, id="authorization-number"),
    pytest.param({"type": "block_actions", "team": 5}, id="team-number"),
    pytest.param({"type": "event_callback", "enterprise": 5}, id="enterprise-number"),
]


def _guard_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "bot.slack.request_guard" and record.levelno == logging.WARNING
    ]


@pytest.mark.parametrize(("body", "content_type"), MALFORMED_BODIES)
def test_an_unsigned_malformed_body_is_refused_with_401(app, fake_slack, body, content_type):
    status, reply = post_bytes(app.url, body, {"Content-Type": content_type})

    assert status == 401
    assert b"Traceback" not in reply
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


@pytest.mark.parametrize(("body", "content_type"), MALFORMED_BODIES[:4])
def test_a_malformed_body_with_a_wrong_signature_is_refused_with_401(app, body, content_type):
    headers = {"Content-Type": content_type, **signed_headers(body, secret="not-the-secret")}

    assert post_bytes(app.url, body, headers)[0] == 401


@pytest.mark.parametrize(("body", "content_type"), MALFORMED_BODIES[:4])
def test_a_signed_body_bolt_cannot_parse_gets_400_and_a_reason(app, caplog, body, content_type):
    caplog.set_level(logging.WARNING)

    status, reply = post_bytes(
        app.url, body, {"Content-Type": content_type, **signed_headers(body)}
    )

    assert status == 400
    assert reply == b"refused a signed Slack request Bolt cannot read\n"
    assert _guard_warnings(caplog) == ["refused a signed Slack request Bolt cannot read"]


@pytest.mark.parametrize("payload", BADLY_SHAPED)
def test_a_signed_payload_bolt_cannot_route_gets_400(app, fake_slack, payload):
    body = json.dumps(payload).encode()

    status, reply = post_bytes(app.url, body, {"Content-Type": JSON, **signed_headers(body)})

    assert (status, reply) == (400, b"refused a signed Slack request Bolt cannot read\n")
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


def test_a_signed_body_that_is_not_utf8_gets_400_as_one_the_app_cannot_read(
    app, fake_slack, caplog
):
    caplog.set_level(logging.WARNING)
    body = b"token=x&text=\xff\xfe"

    status, reply = post_bytes(app.url, body, {"Content-Type": FORM, **signed_headers(body)})

    assert (status, reply) == (400, b"refused a signed Slack request whose body is not UTF-8\n")
    assert _guard_warnings(caplog) == ["refused a signed Slack request whose body is not UTF-8"]
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


def test_a_body_that_is_not_utf8_with_a_wrong_signature_gets_401(app, caplog):
    caplog.set_level(logging.WARNING)
    body = b"token=x&text=\xff\xfe"
    headers = {"Content-Type": FORM, **signed_headers(body, secret="not-the-secret")}

    assert post_bytes(app.url, body, headers)[0] == 401
    assert _guard_warnings(caplog) == ["refused a Slack request with a wrong signature"]


BAD_TIMESTAMP_LINE = "refused a signed Slack request with a bad or missing timestamp"


@pytest.mark.parametrize(
    "timestamp", ["abc", "", "1e9", "1712000000.5", "0x6650", "-1", "\u00b2\u00b3", None]
)
def test_a_signed_request_whose_timestamp_is_not_a_number_is_logged_as_such(
    app, fake_slack, caplog, timestamp
):
    caplog.set_level(logging.WARNING)
    body = command_body("/entity", "Qihoo 360", fake_slack.new_response_url()).encode()
    headers = {"Content-Type": FORM, **signed_headers(body, timestamp or "")}
    if timestamp is None:
        del headers["X-Slack-Request-Timestamp"]

    # http.client sends header values as Latin-1, as a client may.
    status, reply = post_bytes(app.url, body, headers)

    assert (status, reply) == (401, BAD_TIMESTAMP_LINE.encode() + b"\n")
    assert _guard_warnings(caplog) == [BAD_TIMESTAMP_LINE]
    stays_true(lambda: fake_slack.outgoing() == [], 0.1, "a refused request made the app act")


def test_a_bad_timestamp_without_a_signature_is_an_unsigned_request(app, caplog):
    caplog.set_level(logging.WARNING)

    status, _ = post_bytes(
        app.url, b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "abc"}
    )

    assert status == 401
    assert _guard_warnings(caplog) == ["refused an unsigned Slack request"]


def test_an_unsigned_request_is_refused_before_its_body_is_read(app):
    # 25 MB announced and never sent: waiting for it would time the socket out.
    assert post_headers_only(app.url, 25_000_000, {"Content-Type": JSON}) == 401


def test_a_signed_request_past_the_size_cap_is_refused_before_its_body_is_read(app):
    headers = {"Content-Type": JSON, **signed_headers(b"{}")}

    assert post_headers_only(app.url, MAX_BODY_BYTES + 1, headers) == 413


def test_a_stale_signature_is_refused_before_the_body_is_read(app):
    stale = str(int(time.time()) - 600)
    headers = {"Content-Type": JSON, **signed_headers(b"{}", stale)}

    assert post_headers_only(app.url, 1000, headers) == 401


def test_a_flood_of_refusals_is_logged_once_per_reason(app, caplog):
    caplog.set_level(logging.WARNING)

    for _ in range(20):
        assert post_bytes(app.url, b"{not json", {"Content-Type": JSON})[0] == 401
    for _ in range(5):
        body = b'{"type": "event_callback"}'
        headers = {"Content-Type": JSON, **signed_headers(body, secret="forged")}
        assert post_bytes(app.url, body, headers)[0] == 401
    for _ in range(5):
        headers = {"Content-Type": JSON, **signed_headers(b"{}", timestamp="abc")}
        assert post_bytes(app.url, b"{}", headers)[0] == 401

    assert _guard_warnings(caplog) == [
        "refused an unsigned Slack request",
        "refused a Slack request with a wrong signature",
        BAD_TIMESTAMP_LINE,
    ]
    assert "Traceback" not in caplog.text


def test_signed_requests_still_reach_the_app(app, fake_slack):
    response_url = fake_slack.new_response_url()
    body = command_body("/entity", "Qihoo 360", response_url).encode()

    status, reply = post_bytes(app.url, body, {"Content-Type": FORM, **signed_headers(body)})

    assert (status, reply) == (200, b"")
    fake_slack.wait_for_response(response_url)
