"""What every button listener reads from a click: who, where, and the button's value, opened
only when this app signed it for that kind of button."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from bot.slack.button_values import Opened
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

# A share button posts for a day after its answer; its private copy has long gone by then,
# and a share is recorded for as long, so that no later click posts it again.
SHARE_VALID_FOR = timedelta(days=1)


def open_value(
    services: SlackServices,
    body: dict[str, Any],
    action: dict[str, Any],
    kind: str,
    valid_for: timedelta | None = None,
) -> Opened | None:
    """The payload the clicked button carries; None, with one log line, when this app did
    not sign it for `kind` (altered, unsigned, another button's) or it is too old."""
    max_age = valid_for.total_seconds() if valid_for else None
    opened = services.buttons.open(kind, str(action.get("value") or ""), max_age)
    if opened is None:
        # Never the value itself: it is whatever the sender made it.
        logger.warning(
            "refused a %s click from %s: not a value this app signed", kind, user_of(body)
        )
    return opened


def user_of(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def channel_of(body: dict[str, Any]) -> str:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return str(channel or "")
