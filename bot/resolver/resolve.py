"""Rank the parties a query may mean, and say whether one is clearly meant."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Literal

from rapidfuzz import fuzz

from bot.names import NameForm, analyse
from bot.resolver.index import NO_KINDS, NameIndex, NameRecord, Party
from bot.resolver.readings import QueryReadings
from bot.resolver.scoring import QueryTerm, fit, spelling_score
from bot.resolver.similar import similar_words
from bot.resolver.thresholds import (
    CANDIDATE_RECORDS,
    CANDIDATE_SCORE,
    CANDIDATE_SHARE,
    CANDIDATE_SPREAD,
    CLOSE_WORDS_COVERAGE,
    COMPLETE_FIT_SCORE,
    DESCRIPTIVE_ONLY_CAP,
    FAMILY_SHOWN,
    FULL_WEIGHT_WORD_LENGTH,
    IGNORED_LEFTOVER_LENGTH,
    JOINED_WORD_SIMILARITY,
    LEGAL_CONFLICT_FACTOR,
    MATCH_MARGIN,
    MATCH_SCORE,
    MAX_QUERY_LENGTH,
    NEAR_MISS_SCORE,
    NEAR_MISSES_SHOWN,
    SHORT_NAME_MARGIN,
    SHORT_NAME_SCORE,
    SHORT_NAME_WORD_RECORDS,
    SHORT_SLIP_NAME_LENGTH,
    SPELLING_SLIP,
    UNCONFIRMED_LEGAL_FORM_FACTOR,
)

Status = Literal["match", "ambiguous", "none"]

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
    # The core words of the name matched on.
    core: tuple[str, ...] = ()

    @property
    def why(self) -> str:
        """Why this party: how the query met its name, in words."""
        if self.exactness == EXACTLY_AS_LISTED:
            return f"typed as the list writes it: \u201c{self.matched_on}\u201d"
        if self.exactness == AS_PRIMARY_NAME_WORDS:
            return f"the words of the listed name \u201c{self.matched_on}\u201d"
        if self.exactness == ALL_CORE_WORDS:
            return f"every distinctive word of \u201c{self.matched_on}\u201d"
        return f"close to \u201c{self.matched_on}\u201d (score {self.score:g})"


@dataclass(frozen=True)
class Resolution:
    query: str
    status: Status
    candidates: tuple[Candidate, ...]
    near_misses: tuple[Candidate, ...] = ()
    former: tuple[Candidate, ...] = ()
    # With a match: other listed parties whose names carry every distinctive word typed
    # ("Cambricon" is Cambricon Technologies, and Anhui Cambricon, Cambricon (Hong Kong)...).
    family: tuple[Candidate, ...] = ()
    # With a match: the rule that granted it.
    rule: str = ""


class QueryError(ValueError):
    """The query cannot be looked up as given; the message says why."""


class Resolver:
    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self._readings = QueryReadings(index)

    def resolve(self, query: str, limit: int = 5) -> Resolution:
        text = clean_query(query)
        ranked = self.rank(text)
        current = [c for c in ranked if not c.party.former]
        former = tuple(c for c in ranked if c.party.former and c.score >= MATCH_SCORE)
        typed = analyse(text)
        # One word typed bare ("Samsung"), without a legal form to confirm it.
        bare_word = typed.core if len(typed.core) == 1 and not typed.legal_forms else ()
        # A short name singles a party out only with a word few names use: "National
        # Instruments" is in a hundred names' words, "Jinghua Qidi" in one.
        singles_out = any(
            len(self.index.postings.get(word, ())) <= SHORT_NAME_WORD_RECORDS for word in typed.core
        )
        status, earned, rule = self._decide(current, bare_word, singles_out)
        if status == "none":
            near = tuple(c for c in current if c.score >= NEAR_MISS_SCORE)[:NEAR_MISSES_SHOWN]
            return Resolution(text, "none", (), near_misses=near, former=former[:limit])
        best = current[0]
        if status == "match":
            # The party that earned the match is the one answered, first.
            best = current[earned]
            chosen = [best] + [
                c for c in current if c.party.identity == best.party.identity and c is not best
            ]
            family = self._family(text, best, current)
            return Resolution(
                text,
                status,
                tuple(chosen[:limit]),
                former=former[:limit],
                family=family,
                rule=rule,
            )
        floor = max(CANDIDATE_SCORE, best.score - CANDIDATE_SPREAD)
        chosen = [c for c in current if c.score >= floor]
        return Resolution(text, status, tuple(chosen[:limit]), former=former[:limit])

    def _family(
        self, text: str, best: Candidate, current: list[Candidate]
    ) -> tuple[Candidate, ...]:
        """The other listed parties whose names carry every distinctive word typed, as
        they were typed: the family a brand or group name stands for."""
        distinctive = {word for word in analyse(text).core if word not in self.index.descriptive}
        if not distinctive:
            return ()
        return tuple(
            c
            for c in current
            if c.party.identity != best.party.identity
            and c.score >= CANDIDATE_SCORE
            and distinctive <= set(c.core)
        )[:FAMILY_SHOWN]

    def rank(self, text: str) -> list[Candidate]:
        """One candidate per party, best first, for the query as typed and, when it holds
        what looks like a slip of a legal form, as put right; each party keeps its better
        reading, so a name that is listed as typed ("SOVTEST ATE") is never lost."""
        best: dict[int, tuple[Ranking, Candidate]] = {}
        readings = self._readings.of(text)
        for form, trust in readings:
            terms = self._terms(form)
            if terms:
                self._rank_into(best, text, form, terms, trust, whole=True)
        # A closing word typed ("Group", "Holdings") that a listed name also has is the
        # better evidence; only when nothing fits well is the name read without it.
        if max((ranked.score for _, ranked in best.values()), default=0.0) < MATCH_SCORE:
            for form, trust in self._readings.shortened(readings):
                terms = self._terms(form)
                if terms:
                    self._rank_into(best, text, form, terms, trust, whole=False)
        return [
            candidate for _, candidate in sorted(best.values(), key=itemgetter(0), reverse=True)
        ]

    def _terms(self, form: NameForm) -> list[QueryTerm]:
        index = self.index
        terms = []
        for token in form.core:
            # An unknown word is strong evidence against a listing. A letter or two is weak
            # evidence either way: initials, or what is left of a legal form ("Vuela Peru C"
            # for S.A.C.); numbers keep their weight ("CETC 38").
            weight = index.weight.get(token, index.unknown_weight)
            if token.isalpha():
                weight *= min(1.0, len(token) / FULL_WEIGHT_WORD_LENGTH)
            terms.append(
                QueryTerm(token=token, weight=weight, similar=similar_words(self.index, token))
            )
        return terms

    def _candidate_records(self, form: NameForm, terms: list[QueryTerm]) -> set[int]:
        index = self.index
        accumulated: dict[int, float] = {}
        for term in terms:
            for word, similarity in term.similar.items():
                gain = term.weight * similarity
                for record in index.postings[word]:
                    accumulated[record] = accumulated.get(record, 0.0) + gain
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

    def _rank_into(
        self,
        best: dict[int, tuple[Ranking, Candidate]],
        text: str,
        form: NameForm,
        terms: list[QueryTerm],
        trust: float,
        whole: bool,
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
                len(word) <= IGNORED_LEFTOVER_LENGTH for word in fitted.unexplained
            )
            # A name typed exactly as a listing's name without its legal form (an alias:
            # "Hikvision Co., Ltd.") may take the legal forms the listing's other names give.
            kinds = record.legal_kinds
            if not kinds and form.core == record.core:
                kinds = index.listing_legal_kinds.get(record.listing_id, NO_KINDS)
            if _legal_forms_disagree(form, record, kinds):
                score *= LEGAL_CONFLICT_FACTOR
                explained = False
            elif _legal_form_unconfirmed(form, record, kinds):
                score *= UNCONFIRMED_LEGAL_FORM_FACTOR
                explained = False
            if descriptive_only and form.core != record.core:
                score = min(score, DESCRIPTIVE_ONLY_CAP)
                explained = False
            exactness = _exactness(
                text,
                form,
                record,
                complete=fitted.score * trust >= COMPLETE_FIT_SCORE and explained,
                whole=whole,
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
                    core=record.core,
                )
                best[party.party_id] = (ranking, candidate)
            elif exactness > held[1].exactness:
                best[party.party_id] = (held[0], replace(held[1], exactness=exactness))

    @staticmethod
    def _decide(
        current: list[Candidate], typed: tuple[str, ...], singles_out: bool
    ) -> tuple[Status, int, str]:
        """The status, which candidate earned it, and the rule that granted a match."""
        for level, rule in _EXACTNESS_RULES:
            holders = [at for at, c in enumerate(current) if c.exactness >= level]
            if holders and len({current[at].party.identity for at in holders}) == 1:
                return "match", holders[0], rule
        if not current or current[0].score < CANDIDATE_SCORE:
            return "none", 0, ""
        best = current[0]
        rival = next((c for c in current if _rivals(best, c)), None)
        margin = best.score - rival.score if rival else best.score
        if _one_word_slip(typed, best):
            return "ambiguous", 0, ""
        if best.score >= MATCH_SCORE and margin >= MATCH_MARGIN:
            return "match", 0, f"scores {best.score:g}, {margin:g} ahead of any other party"
        if (
            best.explained
            and singles_out
            and best.score >= SHORT_NAME_SCORE
            and margin >= SHORT_NAME_MARGIN
        ):
            return "match", 0, f"every typed word is in its name, {margin:g} ahead"
        return "ambiguous", 0, ""


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
_EXACTNESS_RULES = (
    (EXACTLY_AS_LISTED, "typed as the list writes it"),
    (AS_PRIMARY_NAME_WORDS, "the words of a listed name, legal form and all"),
    (ALL_CORE_WORDS, "every word of one listed name and nothing else"),
)


def _one_word_slip(typed: tuple[str, ...], best: Candidate) -> bool:
    """One word typed bare that is not the listed name's but one slip of a short one
    ("Samsung" for SAMSUN, a brand one letter from an acronym): another word as often as a
    typo. A legal form typed with it ("Optima OOO") is evidence enough."""
    return (
        len(typed) == 1
        and typed[0] not in best.core
        and len("".join(best.core)) <= SHORT_SLIP_NAME_LENGTH
    )


def _legal_form_unconfirmed(form: NameForm, record: NameRecord, kinds: frozenset[str]) -> bool:
    """ "Sparta Limited" against a list entry that is just SPARTA: the company type typed
    is not one the list gives, so it may be another Sparta."""
    return bool(form.legal_kinds) and not record.has_legal_form and not kinds and not record.person


def _exactness(text: str, form: NameForm, record: NameRecord, complete: bool, whole: bool) -> int:
    """3: typed as listed (case and spacing aside); 2: a primary name's words, legal form
    and all, in a reading of the whole query; 1: all of a name's core words and nothing
    else; 0: less exactly."""
    if text.casefold() == " ".join(record.text.split()).casefold():
        return EXACTLY_AS_LISTED
    if whole and record.primary and record.tokens == form.tokens:
        return AS_PRIMARY_NAME_WORDS
    return ALL_CORE_WORDS if complete else 0


def _legal_forms_disagree(form: NameForm, record: NameRecord, kinds: frozenset[str]) -> bool:
    """ "Kuwan JSC" against "Kuwan Co., Limited", or a company form against a person."""
    if record.person:
        return bool(form.legal_forms)
    return bool(form.legal_kinds and kinds and not form.legal_kinds & kinds)


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
