"""What a button carries back to the app, signed so that a click can bring back only what
this app wrote: the query, and the party the button is about.

Slack returns a button's `value` verbatim, but the value is the client's to send: anyone who
can craft a click could otherwise make the bot post a "chosen" card or a share for a query it
never answered. Each value is signed (HMAC-SHA256, keyed from the Slack signing secret) for
the one kind of button it was written for, with the moment it was signed and a random nonce,
so that no two answers' buttons carry the same value.

A value is ASCII throughout (its payload is JSON with every other character escaped), so a
value that is not is refused before anything is compared or encoded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

# Slack's limit on a button value.
MAX_VALUE = 2000
# "{signed at}.{nonce}.{tag}." in front of the payload: 8 + 8 + 22 characters and 3 dots.
SIGNATURE_ROOM = 41
MAX_PAYLOAD = MAX_VALUE - SIGNATURE_ROOM
# 16 of HMAC-SHA256's 32 bytes: 128 bits is far past guessing, and leaves room for the text.
TAG_BYTES = 16
_KEY_LABEL = b"entitybot button values v1"


@dataclass(frozen=True)
class Opened:
    """A value this app signed: its payload, and the tag that tells this button from every
    other (what a claim on the button is keyed by)."""

    payload: str
    tag: str


class ButtonSigner:
    """Signs button values and opens them again, refusing any this app did not write."""

    def __init__(self, secret: str, clock: Callable[[], float] = time.time) -> None:
        # A key of its own, derived from the secret: a tag made here is never a Slack
        # request signature, nor the other way round.
        self._key = hmac.new(secret.encode(), _KEY_LABEL, hashlib.sha256).digest()
        self._clock = clock

    def sign(self, kind: str, payload: str) -> str:
        """`payload` (ASCII, as PartyRef and ThreadShare encode it) as a value only a
        button of `kind` may bring back."""
        if not payload.isascii():
            raise ValueError("a button value's payload must be ASCII")
        signed_at = f"{int(self._clock()):08x}"
        nonce = secrets.token_urlsafe(6)
        return f"{signed_at}.{nonce}.{self._tag(kind, signed_at, nonce, payload)}.{payload}"

    def open(self, kind: str, value: str, max_age: float | None = None) -> Opened | None:
        """The payload of a value signed here for `kind` (and at most `max_age` seconds
        ago); None for anything else: unsigned, altered, another kind's, or too old."""
        if not value.isascii():
            # Not one this app wrote; and a lone surrogate in it could not even be encoded.
            return None
        parts = value.split(".", 3)
        if len(parts) != 4:
            return None
        signed_at, nonce, tag, payload = parts
        expected = self._tag(kind, signed_at, nonce, payload)
        if not hmac.compare_digest(tag.encode("ascii"), expected.encode("ascii")):
            return None
        if max_age is not None and self._clock() - int(signed_at, 16) > max_age:
            return None
        return Opened(payload, tag)

    def _tag(self, kind: str, signed_at: str, nonce: str, payload: str) -> str:
        message = "\0".join((kind, signed_at, nonce, payload)).encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()[:TAG_BYTES]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass(frozen=True)
class PartyRef:
    query: str
    # Empty when the button is about the whole answer rather than one party.
    name: str = ""
    list_code: str = ""

    def encode(self) -> str:
        value = _json({"q": self.query, "n": self.name, "l": self.list_code})
        if len(value) > MAX_PAYLOAD:
            # The party identifies the card on its own; the query is only shown.
            value = _json({"q": "", "n": self.name, "l": self.list_code})
        return value[:MAX_PAYLOAD]

    @classmethod
    def decode(cls, value: str) -> PartyRef | None:
        """None when the value is not one this app wrote."""
        fields = _fields(value)
        if fields is None:
            return None
        query, name, list_code = fields.get("q"), fields.get("n", ""), fields.get("l", "")
        if not (isinstance(query, str) and isinstance(name, str) and isinstance(list_code, str)):
            return None
        if not query and not name:
            return None
        return cls(query=query, name=name, list_code=list_code)


@dataclass(frozen=True)
class ThreadShare:
    """The message a shortcut's answer is about: where it is, and its text, which is read
    again when the answer is shared (the button carries no answer, only the question)."""

    channel: str
    thread_ts: str
    text: str

    def encode(self) -> str | None:
        """None when the text does not fit in a button: no button is offered then."""
        value = _json({"c": self.channel, "t": self.thread_ts, "x": self.text})
        return value if len(value) <= MAX_PAYLOAD else None

    @classmethod
    def decode(cls, value: str) -> ThreadShare | None:
        fields = _fields(value)
        if fields is None:
            return None
        channel, thread_ts, text = fields.get("c"), fields.get("t"), fields.get("x")
        if not (isinstance(channel, str) and isinstance(thread_ts, str) and isinstance(text, str)):
            return None
        if not channel or not thread_ts:
            return None
        return cls(channel, thread_ts, text)


def _fields(value: str) -> dict[str, object] | None:
    """The JSON object a value holds, or None when it holds none."""
    try:
        fields = json.loads(value)
    except (TypeError, ValueError):
        return None
    return fields if isinstance(fields, dict) else None


def _json(fields: dict[str, str]) -> str:
    """JSON with no &, < or >: a typed "<!channel>" is inert even where Slack shows nothing."""
    text = json.dumps(fields)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
