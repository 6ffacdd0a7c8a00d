"""Every listed party a message names, however it is phrased.

Candidate names come from the name index itself (candidates.py); each is judged by the same
resolver that answers a lookup, then by what running text adds: a lone common word
("Target", "Advance") is a word, not a name; a lone short word in mixed case ("Sep", "Air")
is no acronym; a lone word that is only part of a listed name is a possible match at most.
Where candidates overlap the best one stands: a match over a possible one over a party
formerly listed, then the longer name, then the better score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.names import tables
from bot.resolver import Resolution, Resolver
from bot.resolver.thresholds import (
    BRAND_WORD_RECORDS,
    CANDIDATE_SCORE,
    LONE_SLIP_SCORE,
    LONE_WORD_POSSIBLE_SCORE,
    RESOLUTION_CACHE,
    SHORT_WORD_LENGTH,
)
from bot.spotting.candidates import CandidateFinder, Stretch
from bot.spotting.unlisted import NameSpan, unlisted_names
from bot.spotting.words import Word, is_cased, message_words, runs

# Stop words that join a sentence rather than a name's words ("Physics in Qingdao").
_SENTENCE_WORDS = frozenset({"and", "in", "at", "on", "for", "to", "with", "by", "the", "an"})
# "Hikvision's": a possessive ends a name.
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# Where candidates overlap: a match, then a possible match, then a party formerly listed.
_MATCH, _POSSIBLE, _FORMER = 3, 2, 1


@dataclass(frozen=True)
class Spot:
    """A part of the message that names a listed party (match), may (ambiguous), or names
    one formerly listed (none, with the former listing)."""

    start: int
    end: int
    text: str
    resolution: Resolution


@dataclass(frozen=True)
class Spotting:
    spots: list[Spot]
    unlisted: list[NameSpan]


class Spotter:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.finder = CandidateFinder(resolver.index)
        self._common_words = tables.word_set("english_words.txt")
        self._particles = tables.word_set("stop_words.txt") - _SENTENCE_WORDS
        # The same names come up message after message; a resolution is a value.
        self._resolve = lru_cache(maxsize=RESOLUTION_CACHE)(resolver.resolve)

    def forget_resolutions(self) -> None:
        """Drop the remembered resolutions (a benchmark times a message unseen)."""
        self._resolve.cache_clear()

    def spot(self, text: str) -> Spotting:
        words = message_words(text)
        cased = is_cased(text)
        all_runs = runs(words)
        line_items = _line_items(text, words, all_runs)
        candidates: list[Spot] = []
        for run in all_runs:
            alone = id(run[0]) in line_items
            matched: list[Stretch] = []
            # Longest first: a stretch inside one that names a party for sure would lose to
            # it anyway, and is not worth asking about.
            for stretch in sorted(
                self.finder.stretches(run, cased, alone), key=lambda s: s.first - s.last
            ):
                if any(m.first <= stretch.first and stretch.last <= m.last for m in matched):
                    continue
                piece = run[stretch.first : stretch.last + 1]
                lone = self.finder.meaningful_words(piece) == 1
                if lone and not self._may_name_alone(piece, cased):
                    continue
                if not lone and 100 * stretch.coverage**0.5 < CANDIDATE_SCORE:
                    continue  # it explains too little of any name it was found in
                start, end = piece[0].start, piece[-1].end
                resolved = self._resolve(text[start:end])
                if resolved.status == "match":
                    matched.append(stretch)
                resolution = self._in_running_text(resolved, piece, lone, stretch.weak)
                if cased and resolution.status != "none":
                    resolution = self._within_a_longer_name(text, run, stretch, resolution)
                if _standing(resolution):
                    candidates.append(Spot(start, end, text[start:end], resolution))
        spots = _best_without_overlap(candidates)
        taken = [(spot.start, spot.end) for spot in spots]
        unlisted = unlisted_names(text, all_runs, taken, line_items, cased, self.finder)
        return Spotting(spots, unlisted)

    def _may_name_alone(self, piece: list[Word], cased: bool) -> bool:
        """Whether one word can name a party in running text: not a common word (unless a
        legal form goes with it: "Integral JSC"), and not a short word in mixed case."""
        (word,) = [w for w in piece if not set(w.tokens) <= self.finder.joining]
        with_legal_form = len(piece) > 1
        if not with_legal_form and all(token in self._common_words for token in word.tokens):
            return False
        letters = sum(char.isalpha() for char in word.text)
        return not (cased and letters <= SHORT_WORD_LENGTH and not word.text.isupper())

    def _within_a_longer_name(
        self, text: str, run: list[Word], stretch: Stretch, resolution: Resolution
    ) -> Resolution:
        """A name that is part of a longer capitalised name the lists do not hold ("Wurth
        Elektronik", "Royal Bank of Canada", "China Southern Airlines") names that other
        company: a match there is a possible match, and a possible match is nothing."""
        first, last = stretch.first, stretch.last
        while first > 0 and self._continues_name(run, first - 1, -1):
            first -= 1
        while last + 1 < len(run) and self._continues_name(run, last + 1, 1):
            last += 1
        if (first, last) == (stretch.first, stretch.last):
            return resolution
        longer = self._resolve(text[run[first].start : run[last].end])
        if longer.status != "none" or longer.former:
            return resolution
        if resolution.status == "match":
            return replace(resolution, status="ambiguous")
        return replace(resolution, status="none", candidates=(), former=())

    def _continues_name(self, run: list[Word], at: int, step: int) -> bool:
        """Whether the word at `at` carries the capitalised name next to it on: a
        capitalised word (not a number), or a particle names hold ("of", "de", "van")
        before one; not "and" (it joins two names as often as the words of one) nor "in",
        "for" (a sentence's); never past a possessive ("Hikvision's Hangzhou") or a
        bracket."""
        word, before = run[at], run[at - step]
        if _POSSESSIVE.search((before if step > 0 else word).text):
            return False
        if (word if step > 0 else before).bracketed:
            return False  # "Nilepet (Nile Petroleum)": a bracket holds another name, or a place
        if word.name_cased:
            return not all(token.isdigit() for token in word.tokens)
        following = at + step
        return (
            set(word.tokens) <= self._particles
            and 0 <= following < len(run)
            and run[following].name_cased
        )

    def _listed(self, piece: list[Word]) -> bool:
        """Whether every word of `piece` is one the lists use (rather than a slip of one)."""
        return all(token in self.resolver.index.postings for w in piece for token in w.tokens)

    def _brand_of(self, piece: list[Word], core: tuple[str, ...]) -> bool:
        """Whether one word is the name a listed company goes by: the first word of its
        name that is not a place or a description ("Zhipu" of Beijing Zhipu Huazhang
        Technology), and one few names use, so that it names that company or its family;
        not a short word (an acronym is another matter) nor a name after a greeting."""
        index = self.resolver.index
        joining = self.finder.joining
        tokens = [token for word in piece for token in word.tokens if token not in joining]
        named = [word for word in core if word not in index.descriptive]
        return (
            len(tokens) == 1
            and len(tokens[0]) > SHORT_WORD_LENGTH
            and not piece[0].after_salutation
            and bool(named)
            and named[0] == tokens[0]
            and len(index.postings.get(tokens[0], ())) <= BRAND_WORD_RECORDS
        )

    def _in_running_text(
        self, resolution: Resolution, piece: list[Word], lone: bool, weak: bool
    ) -> Resolution:
        """What running text leaves of a resolution. One word never names a person (a given
        name alone names nobody); it stands when the resolver is sure of it, or comes close
        to one listed name (closer still when it is a slip of one). A word that is only
        part of a listed name ("Landstar" for Landstar Tech Company Ltd), or a short
        acronym ("CPT"), is how text names any company of that name: a possible match at
        most. Descriptive words alone ("Commercial Bank") must be a whole listed name."""
        best = resolution.candidates[0] if resolution.candidates else None
        if best is None:
            return resolution
        if lone:
            listing = self.resolver.index.listings[best.listing_id]
            if not self._listed(piece):
                least = LONE_SLIP_SCORE
            elif resolution.status == "match":
                least = 0.0
            elif self._brand_of(piece, best.core):
                least = CANDIDATE_SCORE
            else:
                least = LONE_WORD_POSSIBLE_SCORE
            if listing.is_person or best.score < least:
                return replace(resolution, status="none", candidates=())
            letters = sum(char.isalpha() for word in piece for char in word.text)
            if best.exactness == 0 or letters <= SHORT_WORD_LENGTH:
                return replace(resolution, status="ambiguous")
        if weak and (resolution.status != "match" or best.exactness == 0):
            return replace(resolution, status="none", candidates=())
        return resolution


def _line_items(text: str, words: list[Word], all_runs: list[list[Word]]) -> set[int]:
    """The runs that are all of their line (a list item, a bare name): ids of first words."""
    words_per_line: dict[int, int] = {}
    for word in words:
        if word.tokens:
            line = text.count("\n", 0, word.start)
            words_per_line[line] = words_per_line.get(line, 0) + 1
    return {
        id(run[0])
        for run in all_runs
        if words_per_line.get(text.count("\n", 0, run[0].start)) == len(run)
    }


def _standing(resolution: Resolution) -> int:
    """How a candidate's resolution stands; 0: it names nobody."""
    if resolution.status == "match":
        return _MATCH
    if resolution.status == "ambiguous":
        return _POSSIBLE
    return _FORMER if resolution.former else 0


def _best_without_overlap(candidates: list[Spot]) -> list[Spot]:
    def rank(spot: Spot) -> tuple[int, int, float]:
        resolution = spot.resolution
        best = (resolution.candidates or resolution.former)[0].score
        return (_standing(resolution), spot.end - spot.start, best)

    chosen: list[Spot] = []
    for spot in sorted(candidates, key=rank, reverse=True):
        if all(spot.end <= other.start or spot.start >= other.end for other in chosen):
            chosen.append(spot)
    return sorted(chosen, key=lambda spot: spot.start)
