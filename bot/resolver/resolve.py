"""Rank the parties a query may mean, and say whether one is clearly meant."""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import itemgetter

from rapidfuzz import fuzz

from bot.names import NameForm, analyse
from bot.resolver.candidates import candidate_records, query_terms
from bot.resolver.decide import (
    ALL_CORE_WORDS,
    AS_PRIMARY_NAME_WORDS,
    EXACTLY_AS_LISTED,
    Candidate,
    Status,
    decide,
)
from bot.resolver.index import NO_KINDS, NameIndex, NameRecord, letters_of
from bot.resolver.readings import QueryReadings
from bot.resolver.scoring import QueryTerm, fit, spelling_score
from bot.resolver.thresholds import (
    CANDIDATE_SCORE,
    CANDIDATE_SPREAD,
    CLOSE_WORDS_COVERAGE,
    COMPLETE_FIT_SCORE,
    DESCRIPTIVE_ONLY_CAP,
    FAMILY_SHOWN,
    IGNORED_LEFTOVER_LENGTH,
    LEGAL_CONFLICT_FACTOR,
    MATCH_SCORE,
    MAX_QUERY_LENGTH,
    NEAR_MISS_SCORE,
    NEAR_MISSES_SHOWN,
    SHORT_NAME_WORD_RECORDS,
    SPELLING_SLIP,
    UNCONFIRMED_LEGAL_FORM_FACTOR,
)

# How candidates of one party, and then parties, are ordered (see _rank_into).
Ranking = tuple[bool, float, float, float, bool, bool]


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
        # One word typed bare ("Samsung"), or with a legal form that says only that it is a
        # company ("Ebara Corporation"): nothing but the word itself to go on.
        bare_word = typed.core if len(typed.core) == 1 and not typed.legal_kinds else ()
        # A short name singles a party out only with a word few names use: "National
        # Instruments" is in a hundred names' words, "Jinghua Qidi" in one.
        singles_out = any(
            len(self.index.postings.get(word, ())) <= SHORT_NAME_WORD_RECORDS for word in typed.core
        )
        # The one word that names the party when the rest only describes it ("KBC Bank"):
        # a slip of it is another name as often as a typo, as for one word typed bare.
        distinctive = tuple(word for word in typed.core if word not in self.index.descriptive)
        lone_word = distinctive if len(distinctive) == 1 and not typed.legal_kinds else ()
        status, earned, rule = decide(
            current, bare_word, lone_word, self.index.descriptive, singles_out
        )
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
        if bare_word:
            # One word names no person (see decide): a company holding it comes first.
            chosen.sort(key=lambda candidate: candidate.person)
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
            terms = query_terms(self.index, form)
            if terms:
                self._rank_into(best, text, form, terms, trust, whole=True)
        # A closing word typed ("Group", "Holdings") that a listed name also has is the
        # better evidence; only when nothing fits well is the name read without it.
        if max((ranked.score for _, ranked in best.values()), default=0.0) < MATCH_SCORE:
            for form, trust in self._readings.shortened(readings):
                terms = query_terms(self.index, form)
                if terms:
                    self._rank_into(best, text, form, terms, trust, whole=False)
        return [
            candidate for _, candidate in sorted(best.values(), key=itemgetter(0), reverse=True)
        ]

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
        query_letters = letters_of(text)
        query_words = " ".join(form.tokens)
        descriptive_only = all(term.token in index.descriptive for term in terms)
        # Whole-name spelling slips are for names typed wrong: when every word is one the
        # lists use, a name one letter away is another name ("Xingtai", "Xingtac").
        misspelt = any(term.token not in index.postings for term in terms)
        # Case tells spellings apart only when the query has some.
        lower_case = text.islower()
        for position in candidate_records(index, form, terms):
            record = index.records[position]
            weights = index.weight if record.person else index.listed_weight
            fitted = fit(terms, record.core, weights)
            words_close = fitted.query_coverage >= CLOSE_WORDS_COVERAGE
            spelling = max(
                spelling_score(query_joined, record.joined, misspelt, words_close),
                spelling_score(query_in_full, record.joined_in_full, misspelt, words_close),
                spelling_score(query_letters, record.letters, misspelt, words_close),
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
                    person=record.person,
                )
                best[party.party_id] = (ranking, candidate)
            elif exactness > held[1].exactness:
                best[party.party_id] = (held[0], replace(held[1], exactness=exactness))


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
