"""What a rule's own text says of a party: the passage naming it and the stated reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.names import analyse, normalise_text

MAX_EXCERPT = 700
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(\"\u201c])")
# The preamble explains; the regulatory text (after "List of Subjects") only tabulates.
_REGULATORY_TEXT = re.compile(r"\bList of Subjects\b", re.IGNORECASE)
# Words by which a rule states why a party is listed.
REASON_CUES = (
    "contrary to the national security",
    "contrary to the foreign policy",
    "contrary to u.s. national security",
    "contrary to u.s. foreign policy",
    "reasonable cause to believe",
    "significant risk",
    "military end",
    "human rights",
    "weapons of mass destruction",
    "diversion",
)


@dataclass(frozen=True)
class PartyPassage:
    excerpt: str
    reason: str | None
    in_preamble: bool


def paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text) if block.strip()]


def sentences(paragraph: str) -> list[str]:
    return [piece.strip() for piece in _SENTENCE_END.split(paragraph) if piece.strip()]


def _names_party(paragraph: str, names: list[str]) -> bool:
    words = set(normalise_text(paragraph).split())
    for name in names:
        core = analyse(name).core
        if core and all(word in words for word in core):
            return True
    return False


def _has_reason(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(cue in lowered for cue in REASON_CUES)


def find_party(text: str, names: list[str]) -> PartyPassage | None:
    """The first passage of the rule that names the party (any of `names`), preferring the
    preamble, which says why, to the regulatory text, which only lists it."""
    blocks = paragraphs(text)
    cut = next(
        (at for at, block in enumerate(blocks) if _REGULATORY_TEXT.search(block)), len(blocks)
    )
    for in_preamble, span in ((True, range(cut)), (False, range(cut, len(blocks)))):
        for at in span:
            if not _names_party(blocks[at], names):
                continue
            said = sentences(blocks[at])
            naming = [s for s in said if _names_party(s, names)] or said[:1]
            excerpt = " ".join(naming)
            if len(excerpt) > MAX_EXCERPT:
                excerpt = excerpt[: MAX_EXCERPT - 1].rsplit(" ", 1)[0] + "\u2026"
            reason = next((s for s in said if _has_reason(s)), None)
            if reason is None and in_preamble:
                # The reason is often given just before the names, for the whole group.
                for earlier in reversed(blocks[max(0, at - 3) : at]):
                    reason = next((s for s in sentences(earlier) if _has_reason(s)), None)
                    if reason:
                        break
            return PartyPassage(excerpt=excerpt, reason=reason, in_preamble=in_preamble)
    return None


def rule_reason(text: str) -> str | None:
    """The first sentence of the preamble that states a reason."""
    for block in paragraphs(text):
        if _REGULATORY_TEXT.search(block):
            return None
        for sentence in sentences(block):
            if _has_reason(sentence):
                return sentence
    return None
