"""Requests as Slack sends them to an app: the same bodies, signed the same way."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from slack_testkit.fake_slack import BOT_USER_ID, TEAM_ID

SIGNING_SECRET = "test-signing-secret-8f1c"
API_APP_ID = "A0ENTITYBOT"
CHANNEL_ID = "C0COMPLIANCE"
ASKER = "U0ASKER"
_event_numbers = itertools.count(1)


def signature(secret: str, timestamp: int, body: str) -> str:
    """X-Slack-Signature: v0= and the HMAC-SHA256 of "v0:{timestamp}:{body}"."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Reply:
    status: int
    body: str
    seconds: float

    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}


class SlackSender:
    """Posts to an app's /slack/events as Slack would."""

    def __init__(self, app_url: str, secret: str = SIGNING_SECRET) -> None:
        self.app_url = app_url
        self.secret = secret

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> Reply:
        timestamp = int(time.time()) if timestamp is None else timestamp
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature(secret or self.secret, timestamp, body),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(headers or {}),
        }
        parts = urlsplit(self.app_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        started = time.perf_counter()
        try:
            connection.request("POST", "/slack/events", body=body.encode(), headers=sent)
            response = connection.getresponse()
            text = response.read().decode()
            return Reply(response.status, text, time.perf_counter() - started)
        finally:
            connection.close()

    def command(
        self,
        command: str,
        text: str,
        response_url: str,
        user_id: str = ASKER,
        **options: Any,
    ) -> Reply:
        return self.post(command_body(command, text, response_url, user_id), FORM, **options)

    def event(
        self, event: dict[str, Any], event_id: str | None = None, retry: int = 0, **options: Any
    ) -> Reply:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        body = json.dumps(event_body(event, event_id or new_event_id()))
        return self.post(body, JSON, headers=headers if retry else None, **options)

    def action(self, payload: dict[str, Any], **options: Any) -> Reply:
        return self.post(urlencode({"payload": json.dumps(payload)}), FORM, **options)


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def new_event_id() -> str:
    return f"Ev{next(_event_numbers):08d}TEST"


def command_body(command: str, text: str, response_url: str, user_id: str = ASKER) -> str:
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "entitybot-test",
            "channel_id": CHANNEL_ID,
            "channel_name": "compliance",
            "user_id": user_id,
            "user_name": "asker",
            "command": command,
            "text": text,
            "api_app_id": API_APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": "1337.42.abcdef",
        }
    )


def event_body(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "deprecated-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
    }


def mention(text: str, ts: str, thread_ts: str | None = None, user: str = ASKER) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": CHANNEL_ID,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, ts: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D0ASKER",
        "user": ASKER,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def find_button(blocks: list[dict[str, Any]], action_id: str) -> tuple[str, dict[str, Any]]:
    """(block_id, element) of the button whose action_id starts with `action_id`."""
    for block in blocks:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        for element in elements:
            if element.get("type") == "button" and element["action_id"].startswith(action_id):
                return block["block_id"], element
    raise AssertionError(f"no {action_id} button in {blocks}")


def button_click(
    blocks: list[dict[str, Any]],
    action_id: str,
    response_url: str,
    *,
    ephemeral: bool,
    message: dict[str, Any] | None = None,
    user_id: str = ASKER,
) -> dict[str, Any]:
    """The block_actions payload Slack sends when the button is pressed."""
    block_id, button = find_button(blocks, action_id)
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": (message or {}).get("ts", "1700000000.000001"),
        "channel_id": CHANNEL_ID,
        "is_ephemeral": ephemeral,
    }
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user_id, "username": "asker", "name": "asker", "team_id": TEAM_ID},
        "api_app_id": API_APP_ID,
        "token": "deprecated-verification-token",
        "container": container,
        "trigger_id": "1337.42.ghijkl",
        "team": {"id": TEAM_ID, "domain": "entitybot-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": CHANNEL_ID, "name": "compliance"},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "action_id": button["action_id"],
                "block_id": block_id,
                "text": button["text"],
                "value": button.get("value", ""),
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    return payload


def message_shortcut(
    callback_id: str,
    text: str,
    ts: str,
    response_url: str,
    *,
    thread_ts: str | None = None,
    channel: str = CHANNEL_ID,
    user_id: str = ASKER,
) -> dict[str, Any]:
    """The message_action payload Slack sends when a message shortcut is run on a message."""
    message: dict[str, Any] = {"type": "message", "user": "U0AUTHOR", "text": text, "ts": ts}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {
        "type": "message_action",
        "token": "deprecated-verification-token",
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": "entitybot-test"},
        "user": {"id": user_id, "username": "asker", "team_id": TEAM_ID, "name": "asker"},
        "channel": {"id": channel, "name": "compliance"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": "1337.42.mnopqr",
        "response_url": response_url,
        "message_ts": ts,
        "message": message,
    }
