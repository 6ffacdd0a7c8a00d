"""How well one listed spelling explains a query: weighted token alignment, 0-100."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.resolver.thresholds import (
    ACRONYM_SIMILARITY,
    EDIT_COST,
    JOINED_WORD_SIMILARITY,
    KNOWN_WORDS_SLIP_LENGTH,
    MAX_ACRONYM_LENGTH,
    MAX_SPELLING_EDITS,
    MIN_ACRONYM_LENGTH,
    SPELLING_SLIPS,
)


@dataclass(frozen=True)
class QueryTerm:
    token: str
    weight: float
    similar: dict[str, float]  # listed word -> similarity, 1.0 for the word itself


@dataclass(frozen=True)
class Fit:
    score: float
    query_coverage: float
    name_coverage: float
    unexplained: tuple[str, ...]  # typed words the name does not account for


_DIGITS = re.compile(r"\d+")


def spelling_score(
    typed: str, listed: str, misspelt: bool = True, words_close: bool = True
) -> float:
    """Score of two core names written without spaces, from the edits between them.

    One edit in a ten-letter name is a typo; in a four-letter name it is another name.
    When every typed word is one the lists use (`misspelt` false), a short name one letter
    off is another listed name ("Xingtai", "Xingtac"), so only long names count as slips.
    Two edits count only when the words themselves are close (`words_close`): two edits in
    one short word make another word ("Icarus", "Cirrus").
    """
    if typed == listed:
        return 100.0
    shortest = min(len(typed), len(listed))
    if abs(len(typed) - len(listed)) > MAX_SPELLING_EDITS or (
        not misspelt and shortest < KNOWN_WORDS_SLIP_LENGTH
    ):
        return 0.0
    distance = OSA.distance(typed, listed, score_cutoff=MAX_SPELLING_EDITS)
    if distance > MAX_SPELLING_EDITS or (distance > 1 and not words_close):
        return 0.0
    if numbers(typed) != numbers(listed):
        return 0.0  # "Plant 322" and "Plant 325" are two plants, not a typo
    for edits, length, score in SPELLING_SLIPS:
        if distance == edits and shortest >= length:
            return score
    return 0.0


def undoubled(word: str) -> str:
    """The word with each doubled letter written once: "taaloon" -> "talon"."""
    return "".join(char for at, char in enumerate(word) if at == 0 or char != word[at - 1])


def typing_slip(typed: str, listed: str) -> bool:
    """A slip of the fingers rather than another name: two neighbouring letters swapped
    ("Irktu", "Kayail") or a letter doubled or undoubled ("Sidaar", "Potrico")."""
    if typed == listed:
        return False
    if len(typed) == len(listed):
        return sorted(typed) == sorted(listed) and OSA.distance(typed, listed) == 1
    return abs(len(typed) - len(listed)) == 1 and undoubled(typed) == undoubled(listed)


def numbers(text: str) -> list[str]:
    return _DIGITS.findall(text)


def typo_similarity(typed: str, listed: str, distance: int) -> float:
    """One edit in a long word is a typo; in a short word it may be another name."""
    return 1.0 - distance / (max(len(typed), len(listed)) + 1) * EDIT_COST


def fit(terms: list[QueryTerm], core: tuple[str, ...], listed_weight: dict[str, float]) -> Fit:
    """Align query terms to listed words (each used once), then score coverage both ways.

    Query coverage asks whether every typed word is explained; name coverage asks how much
    of the listed name was typed, with descriptive words (Trading, Beijing) counting less.
    """
    used = [False] * len(core)
    explained = [0.0] * len(terms)
    for position in sorted(range(len(terms)), key=lambda at: -terms[at].weight):
        similar = terms[position].similar
        best, best_at = 0.0, -1
        for at, word in enumerate(core):
            if not used[at]:
                similarity = similar.get(word, 0.0)
                if similarity > best:
                    best, best_at = similarity, at
                    if similarity == 1.0:
                        break
        if best_at >= 0:
            used[best_at] = True
            explained[position] = best
    if not all(explained):
        _explain_joins(terms, core, used, explained)
        _explain_acronyms(terms, core, used, explained)
    typed = sum(term.weight for term in terms) or 1.0
    query_coverage = sum(term.weight * got for term, got in zip(terms, explained, strict=True))
    query_coverage /= typed
    weights = [listed_weight.get(word, 1.0) for word in core]
    name_coverage = sum(w for w, hit in zip(weights, used, strict=True) if hit) / (
        sum(weights) or 1.0
    )
    score = 100.0 * query_coverage**2 * name_coverage**0.5
    return Fit(
        score=score,
        query_coverage=query_coverage,
        name_coverage=name_coverage,
        unexplained=tuple(
            term.token for term, got in zip(terms, explained, strict=True) if not got
        ),
    )


def _explain_joins(
    terms: list[QueryTerm], core: tuple[str, ...], used: list[bool], explained: list[float]
) -> None:
    for position, term in enumerate(terms):
        if explained[position]:
            continue
        for at in range(len(core) - 1):
            if not used[at] and not used[at + 1] and core[at] + core[at + 1] == term.token:
                used[at] = used[at + 1] = True
                explained[position] = JOINED_WORD_SIMILARITY
                break
        else:
            following = position + 1
            if following < len(terms) and not explained[following]:
                joined = term.token + terms[following].token
                for at, word in enumerate(core):
                    if not used[at] and word == joined:
                        used[at] = True
                        explained[position] = explained[following] = JOINED_WORD_SIMILARITY
                        break


def _explain_acronyms(
    terms: list[QueryTerm], core: tuple[str, ...], used: list[bool], explained: list[float]
) -> None:
    initials = "".join(word[0] for word in core)
    for position, term in enumerate(terms):
        token = term.token
        if (
            explained[position]
            or not token.isalpha()
            or not MIN_ACRONYM_LENGTH <= len(token) <= MAX_ACRONYM_LENGTH
        ):
            continue
        start = initials.find(token)
        while start >= 0:
            span = range(start, start + len(token))
            if not any(used[at] for at in span):
                for at in span:
                    used[at] = True
                explained[position] = ACRONYM_SIMILARITY
                break
            start = initials.find(token, start + 1)
