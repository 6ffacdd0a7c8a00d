"""What a button carries back to the app: the query, and the party the button is about.

Slack returns a button's `value` verbatim in the signed action payload; it is still treated as
untrusted text (a party is looked up again by name, never taken from the value).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# Slack's limit on a button value.
MAX_VALUE = 2000


@dataclass(frozen=True)
class PartyRef:
    query: str
    # Empty when the button is about the whole answer rather than one party.
    name: str = ""
    list_code: str = ""

    def encode(self) -> str:
        value = _json({"q": self.query, "n": self.name, "l": self.list_code})
        if len(value) > MAX_VALUE:
            # The party identifies the card on its own; the query is only shown.
            value = _json({"q": "", "n": self.name, "l": self.list_code})
        return value[:MAX_VALUE]

    @classmethod
    def decode(cls, value: str) -> PartyRef | None:
        """None when the value is not one this app wrote."""
        try:
            fields = json.loads(value)
        except (TypeError, ValueError):
            return None
        if not isinstance(fields, dict):
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
        return value if len(value) <= MAX_VALUE else None

    @classmethod
    def decode(cls, value: str) -> ThreadShare | None:
        try:
            fields = json.loads(value)
        except (TypeError, ValueError):
            return None
        if not isinstance(fields, dict):
            return None
        channel, thread_ts, text = fields.get("c"), fields.get("t"), fields.get("x")
        if not (isinstance(channel, str) and isinstance(thread_ts, str) and isinstance(text, str)):
            return None
        if not channel or not thread_ts:
            return None
        return cls(channel, thread_ts, text)


def _json(fields: dict[str, str]) -> str:
    """JSON with no &, < or >: a typed "<!channel>" is inert even where Slack shows nothing."""
    text = json.dumps(fields)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
