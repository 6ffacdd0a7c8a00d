"""Each signed Slack request acted on once, however often it is sent again.

A signature covers a timestamp and the body, and stays acceptable while that timestamp is
within five minutes of now; anyone who captured a request can send it again meanwhile, to
any worker or instance. So the signatures already seen live in the store, as claims.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import Engine

from bot.store import claims

# A timestamp up to five minutes ahead is accepted, so a signature can stay acceptable for
# ten minutes from its first arrival; one more minute covers clocks that differ between
# instances.
KEEP_FOR = timedelta(minutes=11)


def first_receipt(engine: Engine, signature: str) -> bool:
    """True the first time `signature` is seen, across every process sharing `engine`."""
    # The key is a hash: a fixed size whatever is sent, and no signature kept in the clear.
    key = "request:" + hashlib.sha256(signature.encode()).hexdigest()
    return claims.claim(engine, [key], KEEP_FOR) is not None
