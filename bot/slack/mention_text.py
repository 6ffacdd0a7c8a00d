"""The names in a message to the bot: "@entitybot are Aksu Huafu Textiles and CloudWalk listed?"

Pure text handling, no Slack calls. Whether "and" separates two names or belongs to one
("Sichuan Zhonghe Import and Export Trade Co., Ltd.") cannot be told from the words alone, so
`split_names` asks the caller how well each candidate piece is answered and keeps the reading
that answers best.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from bot.names import legal_form_matcher, tokenise


class Found(IntEnum):
    """How well a piece of text is answered, as `split_names` weighs readings."""

    NOTHING = 0
    POSSIBLE = 1  # several parties come close
    FORMER = 2  # a Federal Register rule listed it; the current lists do not
    MATCH = 3


Grade = Callable[[str], Found]
MAX_NAMES = 10
# Each "and" doubles the readings to try; past this many, every "and" separates.
MAX_AND_SPLITS = 5


@dataclass(frozen=True)
class NameSplit:
    names: list[str]
    # More names followed than `max_names` allowed; they were not read.
    truncated: bool = False


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
_LIST_SEPARATOR = re.compile(r"\s*[;,]\s*")
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


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


def split_names(text: str, grade: Grade, max_names: int = MAX_NAMES) -> NameSplit:
    """The names in a cleaned message, in order, without repeats.

    Lines always separate names. Within a line the whole line is tried first: a match stays
    one name. Otherwise semicolons and commas separate names (except a comma before a legal
    form, as in "Co., Ltd."), and "and" separates names only where that reading answers
    better than the words taken together.
    """
    names: dict[str, None] = {}
    for line in text.splitlines():
        for piece in _line_pieces(name_in(line, grade), grade):
            for name in _and_pieces(piece, grade):
                if name in names:
                    continue
                if len(names) == max_names:
                    return NameSplit(list(names), truncated=True)
                names[name] = None
    return NameSplit(list(names))


def _line_pieces(line: str, grade: Grade) -> list[str]:
    if not line or grade(line) is Found.MATCH:
        return [line] if line else []
    pieces: list[str] = []
    for part in _LIST_SEPARATOR.split(line):
        if not part:
            continue
        if pieces and _starts_with_legal_form(part):
            pieces[-1] = f"{pieces[-1]}, {part}"
        elif part := name_in(part, grade):
            pieces.append(part)
    return pieces


def _starts_with_legal_form(text: str) -> bool:
    """ "Ltd." after "Co., " belongs to the name before the comma."""
    spans = legal_form_matcher().spans(tokenise(text))
    return bool(spans) and spans[0][0] == 0


def _and_pieces(text: str, grade: Grade) -> list[str]:
    """The reading of `text` at its "and"s that answers best; ties go to fewer names."""
    gaps = list(_AND.finditer(text))
    if not gaps:
        return [text]
    if len(gaps) > MAX_AND_SPLITS:
        return [piece for piece in (name_in(p, grade) for p in _AND.split(text)) if piece]
    best, best_score = [text], int(grade(text))
    if best_score == Found.MATCH:
        return best
    for count in range(1, len(gaps) + 1):
        for chosen in itertools.combinations(gaps, count):
            pieces = _cut(text, chosen, grade)
            if not all(pieces):
                continue
            score = sum(grade(piece) for piece in pieces)
            if score > best_score:
                best, best_score = pieces, score
    return best


def _cut(text: str, gaps: tuple[re.Match[str], ...], grade: Grade) -> list[str]:
    pieces, start = [], 0
    for gap in gaps:
        pieces.append(text[start : gap.start()])
        start = gap.end()
    pieces.append(text[start:])
    return [name_in(piece, grade) for piece in pieces]
