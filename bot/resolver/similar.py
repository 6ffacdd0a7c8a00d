"""The listed words a typed word may stand for: itself, and its typo neighbours."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from bot.resolver.index import NameIndex, deletions
from bot.resolver.scoring import numbers, typo_similarity
from bot.resolver.thresholds import KNOWN_WORD_NEIGHBOUR, MIN_TYPO_LENGTH, TWO_EDIT_WORD_LENGTH


def similar_words(index: NameIndex, token: str) -> dict[str, float]:
    """Listed word -> similarity (1.0 for the word itself), for one typed word."""
    similar: dict[str, float] = {}
    known = token in index.postings
    if known:
        similar[token] = 1.0
    if len(token) < MIN_TYPO_LENGTH - 1 or token.isdigit():
        return similar
    # A word the lists use is most likely meant as written; its neighbours count less.
    discount = KNOWN_WORD_NEIGHBOUR if known else 1.0
    allowed = 2 if len(token) >= TWO_EDIT_WORD_LENGTH else 1
    digits = numbers(token)
    keys = {token} | deletions(token) if len(token) >= MIN_TYPO_LENGTH else {token}
    # In a fixed order, and each listed word at its best similarity: a set's order changes
    # from run to run, and an answer must not.
    for key in sorted(keys):
        found = index.typo_table.get(key, ())
        for spelling in (found,) if isinstance(found, str) else found:
            distance = OSA.distance(token, spelling, score_cutoff=allowed)
            if distance > allowed or numbers(spelling) != digits:
                continue
            for listed in index.spelling_targets.get(spelling, (spelling,)):
                similarity = discount * typo_similarity(token, spelling, distance)
                if similarity > similar.get(listed, 0.0):
                    similar[listed] = similarity
    return similar
