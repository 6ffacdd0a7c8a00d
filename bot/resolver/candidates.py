"""The words of a query, weighted, and the listed spellings worth scoring against them."""

from __future__ import annotations

import heapq
from operator import itemgetter

from rapidfuzz.distance import OSA

from bot.names import NameForm
from bot.resolver.index import NameIndex, deletions
from bot.resolver.scoring import QueryTerm
from bot.resolver.similar import similar_words
from bot.resolver.thresholds import (
    CANDIDATE_RECORDS,
    CANDIDATE_SHARE,
    FULL_WEIGHT_WORD_LENGTH,
    JOINED_WORD_SIMILARITY,
    MIN_SHORT_TYPO_LENGTH,
    MIN_TYPO_LENGTH,
    SHORT_TYPO_GAIN,
)


def query_terms(index: NameIndex, form: NameForm) -> list[QueryTerm]:
    terms = []
    for token in form.core:
        # An unknown word is strong evidence against a listing. A letter or two is weak
        # evidence either way: initials, or what is left of a legal form ("Vuela Peru C"
        # for S.A.C.); numbers keep their weight ("CETC 38").
        weight = index.weight.get(token, index.unknown_weight)
        if token.isalpha():
            weight *= min(1.0, len(token) / FULL_WEIGHT_WORD_LENGTH)
        terms.append(QueryTerm(token=token, weight=weight, similar=similar_words(index, token)))
    return terms


def candidate_records(index: NameIndex, form: NameForm, terms: list[QueryTerm]) -> set[int]:
    accumulated: dict[int, float] = {}
    for term in terms:
        for word, similarity in term.similar.items():
            gain = term.weight * similarity
            for record in index.postings[word]:
                accumulated[record] = accumulated.get(record, 0.0) + gain
    # A short word no name uses, one slip from a short listed word, points to the names
    # holding that word; only for finding them (see MIN_SHORT_TYPO_LENGTH).
    for term in terms:
        for word in short_typos(index, term.token):
            for record in index.postings[word]:
                accumulated[record] = accumulated.get(record, 0.0) + term.weight * SHORT_TYPO_GAIN
    # Words joined or split: "Jihua" for JI HUA, "Eltex Alatau" for ELTEXALATAU.
    for position, term in enumerate(terms):
        gain = term.weight * JOINED_WORD_SIMILARITY
        joined = index.joined_pairs.get(term.token, [])
        if position + 1 < len(terms):
            pair = terms[position + 1]
            joined = [*joined, *index.postings.get(term.token + pair.token, ())]
            gain += pair.weight * JOINED_WORD_SIMILARITY if joined else 0.0
        for record in joined:
            accumulated[record] = accumulated.get(record, 0.0) + gain
    # A spelling that shares too little of the query to score as a near miss is not
    # worth scoring (a whole-name slip shares most of it too).
    floor = CANDIDATE_SHARE * sum(term.weight for term in terms)
    positions = {
        position
        for position, gained in heapq.nlargest(
            CANDIDATE_RECORDS, accumulated.items(), key=itemgetter(1)
        )
        if gained >= floor
    }
    positions.update(index.exact.get(tuple(sorted(form.core)), ()))
    return positions


def short_typos(index: NameIndex, token: str) -> set[str]:
    """Short listed words one slip from a short typed word that no name uses."""
    if token in index.postings or not token.isalpha():
        return set()
    if not MIN_SHORT_TYPO_LENGTH <= len(token) < MIN_TYPO_LENGTH:
        return set()
    found = set()
    for key in {token} | deletions(token):
        for word in index.short_typos.get(key, ()):
            if OSA.distance(token, word, score_cutoff=1) <= 1:
                found.add(word)
    return found
