"""Requests no well-behaved client sends: raw bytes, odd headers, a body that never comes."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import time
from urllib.parse import urlsplit

from slack_testkit.slack_requests import SIGNING_SECRET

EVENTS_PATH = "/slack/events"


def signed_headers(
    body: bytes, timestamp: str | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """Slack's signature headers for `body`, computed over its bytes as sent."""
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    base = b"v0:" + timestamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def _connection(app_url: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(app_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def post_bytes(
    app_url: str, body: bytes, headers: dict[str, str], timeout: float = 10.0
) -> tuple[int, bytes]:
    """POST `body` as it is to /slack/events; the status and body of the reply."""
    connection = _connection(app_url, timeout)
    try:
        connection.request("POST", EVENTS_PATH, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def post_headers_only(
    app_url: str, content_length: int, headers: dict[str, str], timeout: float = 5.0
) -> int:
    """Announce a body of `content_length` bytes and send none of it: a server that reads
    the body before deciding keeps waiting, and the socket's timeout fails the test."""
    connection = _connection(app_url, timeout)
    try:
        connection.putrequest("POST", EVENTS_PATH)
        for name, value in {**headers, "Content-Length": str(content_length)}.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
