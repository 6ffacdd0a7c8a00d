"""Rank the parties a query may mean, and say whether one is clearly meant."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.names import NameForm, analyse, tables
from bot.names.normalise import tokenise
from bot.resolver.index import MIN_TYPO_LENGTH, NameIndex, NameRecord, Party, deletions
from bot.resolver.scoring import (
    SPELLING_SLIP,
    QueryTerm,
    fit,
    numbers,
    spelling_score,
    typo_similarity,
)

Status = Literal["match", "ambiguous", "none"]

# Thresholds on the 0-100 fit, measured on labelled queries (benchmarks/matching.py).
MATCH_SCORE = 88.0
MATCH_MARGIN = 8.0
# Every typed word found in one listed name, the rest of which is mostly descriptive
# ("Jinghua Qidi"), is a match when nothing else comes close.
SHORT_NAME_SCORE = 80.0
SHORT_NAME_MARGIN = 20.0
CANDIDATE_SCORE = 60.0
NEAR_MISS_SCORE = 40.0
CANDIDATE_RECORDS = 48
CANDIDATE_SHARE = 0.4
# Legal forms of different kinds ("JSC" against "Co., Ltd.") make a fit doubtful.
LEGAL_CONFLICT_FACTOR = 0.85
# A specific legal form typed where the listed name has none.
UNCONFIRMED_LEGAL_FORM_FACTOR = 0.87
# Two spelling slips in a whole name count when this much of it matches word by word.
CLOSE_WORDS_COVERAGE = 0.75
# A query of descriptive words only ("Florida Corporation") cannot single out a party
# whose name says more.
DESCRIPTIVE_ONLY_CAP = 80.0
# A legal form or function word used in at least this many names can be what a slip meant;
# at the end of a name, where legal forms stand, rarer ones too (Bulgarian EOOD).
COMMON_LEGAL_WORD = 100
UNCOMMON_LEGAL_WORD = 20
# How far a reading is trusted that turned a listed word into a legal form.
CORRECTED_KNOWN_WORD_TRUST = 0.9
# Similarity factor for the neighbours of a word the lists use.
KNOWN_WORD_NEIGHBOUR = 0.9
# Past this many characters a query is not a name; refusing beats guessing.
MAX_QUERY_LENGTH = 400


# How candidates of one party, and then parties, are ordered (see _rank_into).
Ranking = tuple[bool, float, float, float, bool, bool]


@dataclass(frozen=True)
class Candidate:
    party: Party
    score: float
    matched_on: str
    listing_id: int
    # Every typed word is in the name matched on, or the whole name is one slip away.
    explained: bool = False
    # How exactly it was typed (see _exactness).
    exactness: int = 0
    matched_primary: bool = False


@dataclass(frozen=True)
class Resolution:
    query: str
    status: Status
    candidates: tuple[Candidate, ...]
    near_misses: tuple[Candidate, ...] = ()
    former: tuple[Candidate, ...] = ()


class QueryError(ValueError):
    """The query cannot be looked up as given; the message says why."""


class Resolver:
    def __init__(self, index: NameIndex) -> None:
        self.index = index
        legal_words = tables.legal_forms(tokenise).words | tables.word_set("stop_words.txt")
        # "Corp" folds into "corporation"; a slip of it ("COPR") should still be caught.
        self._legal_words = legal_words | {
            variant
            for variant, canonical in tables.word_variants().items()
            if canonical in legal_words
        }

    def resolve(self, query: str, limit: int = 5) -> Resolution:
        text = clean_query(query)
        ranked = self.rank(text)
        current = [c for c in ranked if not c.party.former]
        former = tuple(c for c in ranked if c.party.former and c.score >= MATCH_SCORE)
        status = self._status(current)
        if status == "none":
            near = tuple(c for c in current if c.score >= NEAR_MISS_SCORE)[:3]
            return Resolution(text, "none", (), near_misses=near, former=former[:limit])
        best = current[0]
        if status == "match":
            chosen = [c for c in current if c.party.identity == best.party.identity]
        else:
            floor = max(CANDIDATE_SCORE, best.score - 20.0)
            chosen = [c for c in current if c.score >= floor]
        return Resolution(text, status, tuple(chosen[:limit]), former=former[:limit])

    def rank(self, text: str) -> list[Candidate]:
        """One candidate per party, best first, for the query as typed and, when it holds
        what looks like a slip of a legal form, as put right; each party keeps its better
        reading, so a name that is listed as typed ("SOVTEST ATE") is never lost."""
        best: dict[int, tuple[Ranking, Candidate]] = {}
        for form, trust in self._readings(text):
            terms = self._terms(form)
            if terms:
                self._rank_into(best, text, form, terms, trust)
        return [
            candidate for _, candidate in sorted(best.values(), key=itemgetter(0), reverse=True)
        ]

    def _readings(self, text: str) -> list[tuple[NameForm, float]]:
        """The query as typed, and as put right if it holds slips of legal forms, each with
        how far its scores are trusted: a reading that turned a word the lists use into a
        legal form ("CLC Holdings" -> LLC Holdings) is trusted less than what was typed."""
        as_typed = analyse(text)
        tokens = list(tokenise(text))
        corrected = self._corrected(tokens)
        if corrected == tokens:
            return [(as_typed, 1.0)]
        changed_known = any(
            typed != put and typed in self.index.postings
            for typed, put in zip(tokens, corrected, strict=True)
        )
        trust = CORRECTED_KNOWN_WORD_TRUST if changed_known else 1.0
        return [(as_typed, 1.0), (analyse(" ".join(corrected)), trust)]

    def _corrected(self, tokens: list[str]) -> list[str]:
        """The words with mistyped legal forms and function words put right ("JOIiT STOC
        COMPANY", "Co., td.", "ANND", "orporation")."""
        if len(tokens) < 2:
            return tokens
        corrected = list(tokens)
        last = len(tokens) - 1
        for at, token in enumerate(tokens):
            if token in self._legal_words or len(token) < 2:
                continue
            options = _within_one_edit(token, self._legal_words)
            if not options:
                continue
            best = max(
                options,
                key=lambda word: (self._form_length(corrected, at, word), self._frequency(word)),
            )
            if self._form_length(corrected, at, best) > 1:
                corrected[at] = best  # it completes a legal form: "Co., td.", "JOIiT STOCK"
                continue
            plausible = [word for word in options if _plausible_slip(token, word)]
            if plausible:
                best = max(plausible, key=self._frequency)
                if self._likelier_slip_of(token, best, last=at == last):
                    corrected[at] = best
        return corrected

    def _frequency(self, word: str) -> int:
        return self.index.word_frequency.get(tables.word_variants().get(word, word), 0)

    def _likelier_slip_of(self, token: str, word: str, last: bool) -> bool:
        """Whether `token` is more likely a slip of the legal form or function word `word`
        than what it is: "ANND" is and, "UNITED TANKERS LDT" ends in Ltd, "Corporaton" (a
        slip the lists make once) is corporation, but "SGAE" stays SAGE rather than S.A.E.,
        "MPS" an acronym rather than ApS, and "Anhui Land Group" keeps its land.

        Legal forms end names, so there less evidence is needed. A word the lists use must
        be outnumbered by the legal form ten times at the end, a hundred times elsewhere;
        an unknown word is weighed against the listed words it may be a slip of."""
        postings = self.index.postings
        frequency = self._frequency(word)
        if token in postings:
            return frequency >= len(postings[token]) * (10 if last else 100)
        rival = max((len(postings[w]) for w in self._similar(token)), default=0)
        if last:
            return frequency >= max(UNCOMMON_LEGAL_WORD, rival)
        return frequency >= max(COMMON_LEGAL_WORD, 10 * rival)

    @staticmethod
    def _form_length(tokens: list[str], at: int, word: str) -> int:
        """Length of the legal form that `word` at `at` would be part of (0: none)."""
        folded = tables.word_variants().get(word, word)
        trial = (*tokens[:at], folded, *tokens[at + 1 :])
        for start, end in tables.legal_forms(tokenise).spans(trial):
            if start <= at < end:
                return end - start
        return 0

    def _terms(self, form: NameForm) -> list[QueryTerm]:
        index = self.index
        terms = []
        for token in form.core:
            # An unknown word is strong evidence against a listing. A letter or two is weak
            # evidence either way: initials, or what is left of a legal form ("Vuela Peru C"
            # for S.A.C.); numbers keep their weight ("CETC 38").
            weight = index.weight.get(token, index.unknown_weight)
            if token.isalpha():
                weight *= min(1.0, len(token) / 4)
            terms.append(QueryTerm(token=token, weight=weight, similar=self._similar(token)))
        return terms

    def _similar(self, token: str) -> dict[str, float]:
        index = self.index
        similar: dict[str, float] = {}
        known = token in index.postings
        if known:
            similar[token] = 1.0
        if len(token) < MIN_TYPO_LENGTH - 1 or token.isdigit():
            return similar
        # A word the lists use is most likely meant as written; its neighbours count less.
        discount = KNOWN_WORD_NEIGHBOUR if known else 1.0
        allowed = 2 if len(token) >= 9 else 1
        digits = numbers(token)
        keys = {token} | deletions(token) if len(token) >= MIN_TYPO_LENGTH else {token}
        for key in keys:
            found = index.typo_table.get(key, ())
            for spelling in (found,) if isinstance(found, str) else found:
                distance = OSA.distance(token, spelling, score_cutoff=allowed)
                if distance > allowed or numbers(spelling) != digits:
                    continue
                for listed in index.spelling_targets.get(spelling, (spelling,)):
                    if listed not in similar:
                        similar[listed] = discount * typo_similarity(token, spelling, distance)
        return similar

    def _candidate_records(self, form: NameForm, terms: list[QueryTerm]) -> set[int]:
        index = self.index
        accumulated: dict[int, float] = {}
        for term in terms:
            for word, similarity in term.similar.items():
                gain = term.weight * similarity
                for record in index.postings[word]:
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

    def _rank_into(
        self,
        best: dict[int, tuple[Ranking, Candidate]],
        text: str,
        form: NameForm,
        terms: list[QueryTerm],
        trust: float,
    ) -> None:
        """Score the candidate spellings of one reading; keep each party's best."""
        index = self.index
        query_joined = "".join(form.core)
        query_in_full = "".join(form.tokens)
        query_words = " ".join(form.tokens)
        descriptive_only = all(term.token in index.descriptive for term in terms)
        # Whole-name spelling slips are for names typed wrong: when every word is one the
        # lists use, a name one letter away is another name ("Xingtai", "Xingtac").
        misspelt = any(term.token not in index.postings for term in terms)
        # Case tells spellings apart only when the query has some.
        lower_case = text.islower()
        for position in self._candidate_records(form, terms):
            record = index.records[position]
            weights = index.weight if record.person else index.listed_weight
            fitted = fit(terms, record.core, weights)
            words_close = fitted.query_coverage >= CLOSE_WORDS_COVERAGE
            spelling = max(
                spelling_score(query_joined, record.joined, misspelt, words_close),
                spelling_score(query_in_full, record.joined_in_full, misspelt, words_close),
            )
            score = max(fitted.score, spelling) * trust
            explained = spelling >= SPELLING_SLIP or all(
                len(word) <= 2 for word in fitted.unexplained
            )
            if _legal_forms_disagree(form, record):
                score *= LEGAL_CONFLICT_FACTOR
                explained = False
            elif _legal_form_unconfirmed(form, record):
                score *= UNCONFIRMED_LEGAL_FORM_FACTOR
                explained = False
            if descriptive_only and form.core != record.core:
                score = min(score, DESCRIPTIVE_ONLY_CAP)
                explained = False
            exactness = _exactness(
                text, form, record, complete=fitted.score * trust >= 99.95 and explained
            )
            # A name typed exactly as listed comes first; equal scores go to the spelling
            # nearest to what was typed, as typed, then to names as the list prints them.
            ranking = (
                exactness == EXACTLY_AS_LISTED,
                round(score, 1),
                fuzz.ratio(text, record.text.lower() if lower_case else record.text),
                fuzz.ratio(query_words, " ".join(record.tokens)),
                record.verbatim,
                record.primary,
            )
            party = index.parties[index.party_of_listing[record.listing_id]]
            held = best.get(party.party_id)
            if held is None or ranking > held[0]:
                candidate = Candidate(
                    party=party,
                    score=round(score, 1),
                    matched_on=record.text,
                    listing_id=record.listing_id,
                    explained=explained,
                    exactness=max(exactness, held[1].exactness if held else 0),
                    matched_primary=record.primary,
                )
                best[party.party_id] = (ranking, candidate)
            elif exactness > held[1].exactness:
                best[party.party_id] = (held[0], replace(held[1], exactness=exactness))

    @staticmethod
    def _status(current: list[Candidate]) -> Status:
        for level in (EXACTLY_AS_LISTED, AS_PRIMARY_NAME_WORDS, ALL_CORE_WORDS):
            if len({c.party.identity for c in current if c.exactness >= level}) == 1:
                return "match"
        if not current or current[0].score < CANDIDATE_SCORE:
            return "none"
        best = current[0]
        rival = next((c for c in current if _rivals(best, c)), None)
        margin = best.score - rival.score if rival else best.score
        if best.score >= MATCH_SCORE and margin >= MATCH_MARGIN:
            return "match"
        if best.explained and best.score >= SHORT_NAME_SCORE and margin >= SHORT_NAME_MARGIN:
            return "match"
        return "ambiguous"


def _rivals(best: Candidate, other: Candidate) -> bool:
    """Another party competes unless it only fits by carrying the best one's own name as
    an alias (OFAC lists a foundation's branches under each other's names)."""
    if other.party.identity == best.party.identity:
        return False
    return not (
        best.matched_primary
        and not other.matched_primary
        and analyse(other.matched_on).tokens == analyse(best.matched_on).tokens
    )


EXACTLY_AS_LISTED = 3
AS_PRIMARY_NAME_WORDS = 2
ALL_CORE_WORDS = 1


def _legal_form_unconfirmed(form: NameForm, record: NameRecord) -> bool:
    """ "Sparta Limited" against a list entry that is just SPARTA: the company type typed
    is not one the list gives, so it may be another Sparta."""
    return bool(form.legal_kinds) and not record.has_legal_form and not record.person


def _exactness(text: str, form: NameForm, record: NameRecord, complete: bool) -> int:
    """3: typed as listed (case and spacing aside); 2: a primary name's words, legal form
    and all; 1: all of a name's core words and nothing else; 0: less exactly."""
    if text.casefold() == " ".join(record.text.split()).casefold():
        return EXACTLY_AS_LISTED
    if record.primary and record.tokens == form.tokens:
        return AS_PRIMARY_NAME_WORDS
    return ALL_CORE_WORDS if complete else 0


def _legal_forms_disagree(form: NameForm, record: NameRecord) -> bool:
    """ "Kuwan JSC" against "Kuwan Co., Limited", or a company form against a person."""
    if record.person:
        return bool(form.legal_forms)
    return bool(
        form.legal_kinds and record.legal_kinds and not form.legal_kinds & record.legal_kinds
    )


def _within_one_edit(token: str, words: frozenset[str]) -> list[str]:
    """The legal forms and stop words one edit from `token`."""
    return [
        word
        for word in words
        if abs(len(word) - len(token)) <= 1 and OSA.distance(token, word, score_cutoff=1) <= 1
    ]


def _plausible_slip(token: str, word: str) -> bool:
    """Outside a longer legal form, a two-letter word is a slip only from a doubled letter
    ("dde" for de) or swapped letters ("oc" for co): "io" could be anything."""
    return len(word) >= 3 or sorted(token) == sorted(word) or _undoubled(token) == word


def _undoubled(token: str) -> str:
    return "".join(char for at, char in enumerate(token) if at == 0 or char != token[at - 1])


def clean_query(query: str) -> str:
    """One line of printable text, or QueryError saying what is wrong with it."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in query).split())
    if not text:
        raise QueryError("the query is empty: give a company or person name")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"the query is {len(text):,} characters long; names are at most "
            f"{MAX_QUERY_LENGTH} characters, so shorten it to the name itself"
        )
    return text
