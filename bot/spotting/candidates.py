"""Where a message may name a listed party: stretches of words around the listed words in it.

Each distinctive listed word of the message (or a long word one slip from one) anchors
candidates: for every listed name holding that word, the stretch around it whose words the
name also holds, in the same order. Descriptive words (Shipbuilding, Sichuan, University)
anchor too, but only a stretch of two words or more: alone they name nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.names import legal_form_matcher, tables
from bot.resolver import NameIndex
from bot.resolver.similar import similar_words
from bot.resolver.thresholds import (
    MAX_ANCHOR_RECORDS,
    MAX_SPAN_WORDS,
    MIN_ANCHOR_LENGTH,
    MIN_SLIP_ANCHOR_LENGTH,
    MIN_SLIP_SIMILARITY,
    MIN_TYPO_LENGTH,
    SIMILAR_CACHE,
)
from bot.spotting.words import Word, ordinary_words


@dataclass(frozen=True)
class Stretch:
    """Words `first` to `last` of a run; `weak` when only descriptive words anchor it."""

    first: int
    last: int
    weak: bool
    # The most of a listed name's weight the stretch's words could explain (1.0 when it
    # was grown over joining words alone): a name it explains little of cannot match it.
    coverage: float = 1.0


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
        self._posting_set: Callable[[str], frozenset[int]] = lru_cache(maxsize=None)(
            lambda word: frozenset(index.postings.get(word, ()))
        )
        self._core_weight: dict[int, float] = {}

    def _similar(self, token: str) -> dict[str, float]:
        return similar_words(self.index, token)

    def stretches(self, run: list[Word], cased: bool, alone: bool) -> list[Stretch]:
        """Each candidate name in one run of words, once; weak only when no distinctive
        word anchors it."""
        weak_of: dict[tuple[int, int], bool] = {}
        coverage_of: dict[tuple[int, int], float] = {}
        # Spans only a short word's slip anchors ("Qiho" for Qihoo): alone they are no name.
        in_company: set[tuple[int, int]] = set()
        vocabulary = self._typed(run) | self.joining
        for at, word in enumerate(run):
            if cased and not alone and not word.name_cased:
                continue  # in text written with capitals, a name is written with them
            neighbours = self._neighbour_words(run, at)
            for listed, short_slip in self._anchors(word).items():
                postings = self.index.postings[listed]
                if len(postings) > MAX_ANCHOR_RECORDS:
                    continue
                weak = listed in self.index.descriptive
                # A name that holds neither neighbour grows only over joining words.
                spans = {span: 1.0 for span in self._grow(run, at, listed, (listed,), False, cased)}
                # Names that hold the same words of this run, in the same order, grow alike.
                grown: dict[tuple[tuple[str, ...], bool], list[tuple[int, int]]] = {}
                typed: dict[tuple[int, int], set[str]] = {}
                for position in self._posting_set(listed) & neighbours:
                    record = self.index.records[position]
                    seen = (tuple(t for t in record.tokens if t in vocabulary), record.person)
                    if seen not in grown:
                        grown[seen] = list(
                            self._grow(run, at, listed, record.tokens, record.person, cased)
                        )
                    for span in grown[seen]:
                        if span not in typed:
                            typed[span] = self._typed(run[span[0] : span[1] + 1])
                        covered = self._coverage(typed[span], position)
                        spans[span] = max(spans.get(span, 0.0), covered)
                for span, covered in spans.items():
                    weak_of[span] = weak_of.get(span, True) and weak
                    coverage_of[span] = max(coverage_of.get(span, 0.0), covered)
                    if short_slip:
                        in_company.add(span)
        for span in _joined_or_split(self.index, self._never_anchors, run, cased, alone):
            weak_of[span] = False
            coverage_of.setdefault(span, 1.0)
        return [
            Stretch(first, last, weak, coverage_of[(first, last)])
            for (first, last), weak in weak_of.items()
            if self.meaningful_words(run[first : last + 1]) > 1
            or not (weak or (first, last) in in_company)
        ]

    def _typed(self, words: list[Word]) -> set[str]:
        """The listed words `words` are, or may be slips of."""
        typed: set[str] = set()
        for word in words:
            for token in word.tokens:
                typed.add(token)
                if not token.isdigit():
                    typed.update(self.similar(token))
        return typed

    def _coverage(self, typed: set[str], position: int) -> float:
        """The share of a listed name's weight that the `typed` words explain."""
        weights = self.index.listed_weight
        core = self.index.records[position].core
        total = self._core_weight.get(position)
        if total is None:
            total = self._core_weight[position] = sum(weights.get(w, 1.0) for w in core) or 1.0
        return sum(weights.get(word, 1.0) for word in core if word in typed) / total

    def _neighbour_words(self, run: list[Word], at: int) -> frozenset[int]:
        """The names holding a word the nearest words either side of `at` may be, past
        joining words: any other name grows over joining words only."""
        found: set[int] = set()
        for step in (-1, 1):
            other = at + step
            while 0 <= other < len(run) and set(run[other].tokens) <= self.joining:
                other += step
            if 0 <= other < len(run):
                for token in run[other].tokens:
                    words = {token} if token.isdigit() else {token, *self.similar(token)}
                    for word in words:
                        found |= self._posting_set(word)
        return frozenset(found)

    def meaningful_words(self, words: list[Word]) -> int:
        """How many words of a name say which party it is ("Alfa-Bank" says two)."""
        return sum(1 for word in words for token in word.tokens if token not in self.joining)

    def only_connective(self, word: Word) -> bool:
        """ "and", "of", "the": words that join a name's words but never end one."""
        return all(token in self.connectives for token in word.tokens)

    def _anchors(self, word: Word) -> dict[str, bool]:
        """The listed words `word` may be: itself, or one slip from a listed word; each with
        whether it is the slip of a short word (which anchors no name alone)."""
        found: dict[str, bool] = {}
        for token in word.tokens:
            if token in self._never_anchors or len(token) < MIN_ANCHOR_LENGTH or token.isdigit():
                continue
            if token in self.index.postings:
                found[token] = False
            if len(token) >= MIN_TYPO_LENGTH and token.isalpha():
                short = len(token) < MIN_SLIP_ANCHOR_LENGTH
                for listed, similarity in self.similar(token).items():
                    if similarity >= MIN_SLIP_SIMILARITY and listed not in self._never_anchors:
                        found[listed] = found.get(listed, True) and short
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
        join in lower case ("as" is no Norwegian AS there)."""

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
        # Also without the joining words it starts or ends with: in "Air Koryo and JSC
        # Admiralty" the JSC may be the next name's, in "company and Svetlana" the
        # company the last one's.
        start = first
        while start < at and set(run[start].tokens) <= self.joining:
            start += 1
        end = last
        while end > at and set(run[end].tokens) <= self.joining:
            end -= 1
        yield from {(first, last), (start, last), (first, end), (start, end)}

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


def _joined_or_split(
    index: NameIndex,
    never_anchors: frozenset[str] | set[str],
    run: list[Word],
    cased: bool,
    alone: bool,
) -> set[tuple[int, int]]:
    """Stretches where a listed name is written with its spaces moved: one word that is
    two listed words joined ("jihua lab" for JI HUA LABORATORY), or two words that are
    one listed word ("Eltex Alatau" for ELTEXALATAU); with the next word, which the
    resolver keeps when the name holds it."""
    spans: set[tuple[int, int]] = set()
    for at, word in enumerate(run):
        if (cased and not alone and not word.name_cased) or not word.tokens:
            continue
        last_token = word.tokens[-1]
        if any(token in index.joined_pairs and token not in never_anchors for token in word.tokens):
            spans.add((at, at))
            spans.add((at, min(at + 1, len(run) - 1)))
        if at + 1 < len(run) and run[at + 1].tokens:
            joined = last_token + run[at + 1].tokens[0]
            if (
                last_token.isalpha()
                and last_token not in never_anchors
                and 0 < len(index.postings.get(joined, ())) <= MAX_ANCHOR_RECORDS
            ):
                spans.add((at, at + 1))
                spans.add((at, min(at + 2, len(run) - 1)))
    return spans
