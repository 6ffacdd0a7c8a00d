"""Whether Bolt can read a signed body: parse it, and route and authorize the payload.

Bolt assumes Slack's shapes: a body that is not an object, or an `event` that is a string,
raised inside Bolt and came back as HTTP 500 with a traceback in the log. Slack never sends
such a body, but whoever holds the signing secret could, and a body here is refused with 400
instead of failing inside Bolt.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.request import BoltRequest


def bolt_can_read(text: str, content_type: str | None) -> bool:
    """Whether Bolt makes a request of `text` (parsed as Bolt parses it) that it can route."""
    try:
        # Bolt's own parsing and context extraction, as it will run them for the request.
        request = BoltRequest(body=text, headers={"content-type": content_type or ""})
    except (ValueError, AttributeError, TypeError, KeyError, IndexError):
        return False
    return isinstance(request.body, dict) and _routable(request.body)


def _routable(payload: dict[str, Any]) -> bool:
    """Bolt indexes these fields to pick a listener and to authorize, before any listener
    runs: an event is an object, actions and authorizations are lists of objects, and an
    action payload has at least one action."""
    event = payload.get("event", {})
    actions = payload.get("actions", [{}])
    authorizations = payload.get("authorizations", [])
    return (
        isinstance(event, dict) and _objects(actions) and bool(actions) and _objects(authorizations)
    )


def _objects(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
