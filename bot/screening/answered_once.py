"""Each Slack event answered once, however many times Slack delivers it.

Slack delivers an event again (X-Slack-Retry-Num, same event_id) when it thinks the first
delivery was not acknowledged, and a retry may reach another worker or instance; so the
record of what was answered lives in the store, not in memory.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.store import claims

# Slack stops retrying within about an hour; a day leaves room for clock trouble.
KEEP_FOR = timedelta(days=1)


def first_delivery(engine: Engine, event_id: str, channel: str, ts: str) -> bool:
    """True once per event and once per message (a message can come as two events: a
    mention in a DM is both `app_mention` and `message`)."""
    keys = [f"event:{event_id}"] if event_id else []
    if channel and ts:
        keys.append(f"message:{channel}:{ts}")
    if not keys:
        return True
    return claims.claim(engine, keys, KEEP_FOR) is not None
