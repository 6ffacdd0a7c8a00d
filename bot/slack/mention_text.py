"""The name in `/entity` text, and message text as the user meant it (Slack markup out).

Pure text handling, no Slack calls. Messages (mentions, DMs, the shortcut) are read whole by
the domain's spotter; `/entity` takes one name, with the filler around it stripped unless the
filler is part of a listed name ("Check Point ...").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from enum import IntEnum


class Found(IntEnum):
    """How well a piece of text is answered, as `split_names` weighs readings."""

    NOTHING = 0
    POSSIBLE = 1  # several parties come close
    FORMER = 2  # a Federal Register rule listed it; the current lists do not
    MATCH = 3


Grade = Callable[[str], Found]


# <@U123>, <@U123|name>, <#C123|general>, <!channel>, <!subteam^S1|@team>, <!date^...|...>
_SLACK_TOKEN = re.compile(r"<([@#!])[^>]*>")
# Broadcasts typed as plain words (slash commands arrive unescaped): never part of a name.
_BROADCAST_WORD = re.compile(r"(?<!\w)@(?:channel|here|everyone)\b", re.IGNORECASE)
# <https://example.com|example.com>, <mailto:a@b.c|a@b.c>, <https://example.com>
_SLACK_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")

_HELP = re.compile(r"\s*(help|usage|\?)\s*", re.IGNORECASE)

_LEADING_FILLER = re.compile(
    r"""^(?:
        (?:hey|hi|hello)\s*[,!]+\s*
      | (?:please|pls|kindly)(?:\s*,\s*|\s+)
      | (?:can|could|would|will)\s+(?:you|u)\b[\s,]*(?:please\b[\s,]*)?
      | (?:check|screen|search|look\s*up|lookup|find|verify)\b
        (?:\s+(?:on|for|if|whether|that))?\b[\s:,\-]*
      | (?:tell\s+me\s+)?(?:whether|if)\s+
      | (?:is|are)\s+(?:there\s+)?(?=\S)
      | (?:the\s+)?(?:following|these|this)\b
        (?:\s+(?:compan(?:y|ies)|names?|part(?:y|ies)|entit(?:y|ies)|firms?|people|persons?))?
        [\s:,\-]*
      | (?:and|or|&)\s+
      | [\-\u2022*_~:,]+\s*
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_FILLER = re.compile(
    r"""(?:
        [\s?!:,;*_~]+
      | \s+(?:(?:is|are)\s+)?(?:still\s+)?
        (?:on|in)\s+(?:the|any|a|an|our)\s+(?:[\w.-]+\s+){0,4}?lists?
      | \s+(?:(?:is|are)\s+)?(?:still\s+)?
        (?:listed|sanctioned|blacklisted|designated|restricted|flagged)(?:\s+anywhere)?
      | \s+(?:please|pls|thanks|thank\s+you|for\s+me|for\s+us)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def clean_slack_text(text: str) -> str:
    """Message text as the user meant it: mentions, channel links and broadcasts removed,
    links shown by their label, Slack's escaping undone."""
    text = _SLACK_TOKEN.sub(" ", text)
    text = _SLACK_LINK.sub(lambda found: found.group(2) or found.group(1), text)
    return _BROADCAST_WORD.sub(" ", html.unescape(text))


def is_help(text: str) -> bool:
    return not text.strip() or _HELP.fullmatch(text) is not None


def strip_filler(text: str) -> str:
    """The name inside "is ... on the list?", "check ...", "... sanctioned?" and the like."""
    text = " ".join(text.split())
    while True:
        trimmed = _TRAILING_FILLER.sub("", text)
        trimmed = _LEADING_FILLER.sub("", trimmed, count=1)
        if trimmed == text:
            return text
        text = trimmed


def name_in(text: str, grade: Grade) -> str:
    """The name inside the filler ("check Huawei" -> "Huawei"), unless what looked like
    filler is part of a listed name ("Check Point ...")."""
    text = " ".join(text.split())
    stripped = strip_filler(text)
    if stripped != text and grade(stripped) is not Found.MATCH and grade(text) is Found.MATCH:
        return text
    return stripped
