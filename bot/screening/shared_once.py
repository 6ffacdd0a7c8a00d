"""Each answer shared at most once in a channel, however often its button is pressed.

A share button can be pressed twice before its private copy is removed, by a double click or
a click sent again, and the clicks may reach two workers or instances; so what was shared is
recorded in the store, as claims.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.store import claims

# Instances' clocks may differ: a claim outlives the button by this much.
MARGIN = timedelta(hours=1)


def first_share(engine: Engine, answer_id: str, channel: str, valid_for: timedelta) -> bool:
    """True the first time the answer `answer_id` is shared in `channel`. The record is kept
    as long as the button that shares it is `valid_for`, so no later click repeats it."""
    return claims.claim(engine, [_key(answer_id, channel)], valid_for + MARGIN) is not None


def unshared(engine: Engine, answer_id: str, channel: str) -> None:
    """Forget a share that could not be posted, so that it can be tried again."""
    claims.force_release(engine, _key(answer_id, channel))


def _key(answer_id: str, channel: str) -> str:
    return f"share:{channel}:{answer_id}"
