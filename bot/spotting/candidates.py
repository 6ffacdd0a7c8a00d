"""Where a message may name a listed party: stretches of words around the listed words in it.

Each distinctive listed word of the message (or a long word one slip from one) anchors
candidates: for every listed name holding that word, the stretch around it whose words the
name also holds, in the same order. Descriptive words (Shipbuilding, Sichuan, University)
anchor too, but only a stretch of two words or more: alone they name nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.names import legal_form_matcher, tables
from bot.resolver import NameIndex
from bot.resolver.similar import similar_words
from bot.resolver.thresholds import (
    LONE_WORD_POSSIBLE_SCORE,
    MAX_ANCHOR_RECORDS,
    MAX_SPAN_WORDS,
    MIN_ANCHOR_LENGTH,
    MIN_SLIP_ANCHOR_LENGTH,
    MIN_SLIP_SIMILARITY,
    SIMILAR_CACHE,
)
from bot.spotting.words import Word, ordinary_words


@dataclass(frozen=True)
class Stretch:
    """Words `first` to `last` of a run; `weak` when only descriptive words anchor it."""

    first: int
    last: int
    weak: bool


class CandidateFinder:
    def __init__(self, index: NameIndex) -> None:
        self.index = index
        # Words that join a name's words: legal forms, "of", "and" (but a name may begin
        # with "The").
        self.joining = (
            tables.word_set("stop_words.txt") | legal_form_matcher().words | {"and"}
        ) - {"the"}
        # Words that join but never end a name.
        self.connectives = tables.word_set("stop_words.txt") | {"and"}
        self._never_anchors = ordinary_words() | self.joining
        # Messages repeat words, and every candidate asks about its neighbours' slips.
        self.similar = lru_cache(maxsize=SIMILAR_CACHE)(self._similar)
        self._shares: dict[str, float] = {}
        self._record_tokens: dict[int, frozenset[str]] = {}

    def _similar(self, token: str) -> dict[str, float]:
        return similar_words(self.index, token)

    def stretches(self, run: list[Word], cased: bool, alone: bool) -> list[Stretch]:
        """Each candidate name in one run of words, once; weak only when no distinctive
        word anchors it."""
        weak_of: dict[tuple[int, int], bool] = {}
        for at, word in enumerate(run):
            if cased and not alone and not word.name_cased:
                continue  # in text written with capitals, a name is written with them
            neighbours = self._neighbour_words(run, at)
            for listed in self._anchors(word):
                postings = self.index.postings[listed]
                if len(postings) > MAX_ANCHOR_RECORDS:
                    continue
                weak = listed in self.index.descriptive
                # A name that holds neither neighbour grows only over joining words.
                for span in self._grow(run, at, listed, (listed,), False, cased):
                    weak_of[span] = weak_of.get(span, True) and weak
                for position in postings:
                    if not neighbours & self._token_set(position):
                        continue
                    record = self.index.records[position]
                    for span in self._grow(run, at, listed, record.tokens, record.person, cased):
                        weak_of[span] = weak_of.get(span, True) and weak
        return [
            Stretch(first, last, weak)
            for (first, last), weak in weak_of.items()
            if not weak or self.meaningful_words(run[first : last + 1]) > 1
        ]

    def _neighbour_words(self, run: list[Word], at: int) -> set[str]:
        """The listed words the nearest words either side of `at` may be, past joining
        words: a name that holds none of them grows over joining words only."""
        found: set[str] = set()
        for step in (-1, 1):
            other = at + step
            while 0 <= other < len(run) and set(run[other].tokens) <= self.joining:
                other += step
            if 0 <= other < len(run):
                for token in run[other].tokens:
                    found.add(token)
                    if not token.isdigit():
                        found |= self.similar(token).keys()
        return found

    def _token_set(self, position: int) -> frozenset[str]:
        tokens = self._record_tokens.get(position)
        if tokens is None:
            tokens = self._record_tokens[position] = frozenset(self.index.records[position].tokens)
        return tokens

    def may_stand_alone(self, word: Word) -> bool:
        """Whether `word` alone could come close enough to a listed name to be worth asking
        the resolver: as a listed word, some name it is in must be mostly that word (a
        word typed alone scores 100 times the root of the share of the name it explains);
        a word the lists do not hold may be a slip of one and is asked about."""
        tokens = [token for token in word.tokens if token not in self.joining]
        if len(tokens) != 1 or tokens[0] not in self.index.postings:
            return True
        return self._best_share(tokens[0]) >= (LONE_WORD_POSSIBLE_SCORE / 100) ** 2

    def _best_share(self, token: str) -> float:
        share = self._shares.get(token)
        if share is None:
            weights = self.index.listed_weight
            share = max(
                weights.get(token, 1.0)
                / (sum(weights.get(word, 1.0) for word in self.index.records[at].core) or 1.0)
                for at in self.index.postings[token]
            )
            self._shares[token] = share
        return share

    def meaningful_words(self, words: list[Word]) -> int:
        """How many words of a name say which party it is ("Alfa-Bank" says two)."""
        return sum(1 for word in words for token in word.tokens if token not in self.joining)

    def only_connective(self, word: Word) -> bool:
        """ "and", "of", "the": words that join a name's words but never end one."""
        return all(token in self.connectives for token in word.tokens)

    def _anchors(self, word: Word) -> set[str]:
        """The listed words `word` may be: itself, or one slip from a long listed word."""
        found: set[str] = set()
        for token in word.tokens:
            if token in self._never_anchors or len(token) < MIN_ANCHOR_LENGTH or token.isdigit():
                continue
            if token in self.index.postings:
                found.add(token)
            elif len(token) >= MIN_SLIP_ANCHOR_LENGTH and token.isalpha():
                found |= {
                    listed
                    for listed, similarity in self.similar(token).items()
                    if similarity >= MIN_SLIP_SIMILARITY and listed not in self._never_anchors
                }
        return found

    def _grow(
        self,
        run: list[Word],
        at: int,
        anchor: str,
        listed: tuple[str, ...],
        person: bool,
        cased: bool,
    ) -> Iterator[tuple[int, int]]:
        """The widest stretch around `at` whose words the listed name holds in the same
        order (or that join names), trimmed of connectives at either end: in "Hikvision's
        Hangzhou office", HANGZHOU HIKVISION ... ends at Hikvision, since its Hangzhou
        comes before it. A person's names come in any order ("Gennady Timchenko" for
        TIMCHENKO, Gennady). In text written with capitals only "of", "and" and the like
        join in lower case ("as" is no Norwegian AS there). Also yields the stretch
        without the legal forms it ends in: in "Air Koryo and JSC Admiralty", the JSC may
        be the next name's."""

        def placed(word: Word, after: int | None, before: int | None) -> int | None:
            if cased and not word.name_cased and not self.only_connective(word):
                return None
            if person:
                after = before = None
            return self._place(word, listed, after, before)

        first = last = at
        leftmost = rightmost = listed.index(anchor)
        while first > 0 and (found := placed(run[first - 1], None, leftmost)) is not None:
            first, leftmost = first - 1, found
        while last + 1 < len(run) and (found := placed(run[last + 1], rightmost, None)) is not None:
            last, rightmost = last + 1, found
        while first < at and self.only_connective(run[first]):
            first += 1
        while last > at and self.only_connective(run[last]):
            last -= 1
        if last - first + 1 > MAX_SPAN_WORDS:
            return
        yield first, last
        bare = last
        while bare > at and set(run[bare].tokens) <= self.joining:
            bare -= 1
        if bare != last:
            yield first, bare

    def _place(
        self, word: Word, listed: tuple[str, ...], after: int | None, before: int | None
    ) -> int | None:
        """Where `word` sits in the listed name, after `after` and before `before` when
        they are given (joining words sit anywhere); None when it does not."""
        position = after if after is not None else before
        for token in word.tokens if before is None else reversed(word.tokens):
            if token in self.joining:
                continue
            similar = {} if token.isdigit() else self.similar(token)
            places = [
                at
                for at, name_word in enumerate(listed)
                if (name_word == token or name_word in similar)
                and (after is None or at > after)
                and (before is None or at < before)
            ]
            if not places:
                return None
            position = min(places) if before is None else max(places)
            if after is not None:
                after = position
            if before is not None:
                before = position
        return position if position is not None else (after or before or 0)
