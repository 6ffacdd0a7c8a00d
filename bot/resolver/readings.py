"""The readings of a query: as typed, with slips of legal forms and function words put
right ("JOIiT STOC COMPANY", "Co., td.", "ANND", "orporation"), and, when those fit no name
well, without the words that close a company's name ("GAZ Group Holdings"), each with how
far it is trusted."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from bot.names import NameForm, analyse, legal_form_matcher, tables, tokenise
from bot.resolver.index import NameIndex, deletions
from bot.resolver.scoring import undoubled
from bot.resolver.similar import similar_words
from bot.resolver.thresholds import (
    CLOSING_WORD_TRUST,
    COMMON_LEGAL_WORD,
    CORRECTED_KNOWN_WORD_TRUST,
    LEGAL_SLIP_ODDS_AT_END,
    LEGAL_SLIP_ODDS_INSIDE,
    LONE_WORD_LEFT_TRUST,
    PLAIN_SLIP_LENGTH,
    UNCOMMON_LEGAL_WORD,
    UNKNOWN_WORD_SLIP_ODDS,
)


class QueryReadings:
    def __init__(self, index: NameIndex) -> None:
        self.index = index
        legal_words = legal_form_matcher().words | tables.word_set("stop_words.txt")
        # "Corp" folds into "corporation"; a slip of it ("COPR") should still be caught.
        self._legal_words = legal_words | {
            variant
            for variant, canonical in tables.word_variants().items()
            if canonical in legal_words
        }
        # Each word and its one-letter deletions lead to it: the words one edit from a token
        # share a key with it (symmetric deletion), so no token is compared with them all.
        self._by_deletion: dict[str, list[str]] = {}
        for word in self._legal_words:
            for key in {word} | deletions(word):
                self._by_deletion.setdefault(key, []).append(word)

    def of(self, text: str) -> list[tuple[NameForm, float]]:
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

    @staticmethod
    def shortened(readings: list[tuple[NameForm, float]]) -> list[tuple[NameForm, float]]:
        """The readings without the words that close a name ("GAZ Group Holdings" as GAZ
        Group, then GAZ), one word at a time, each trusted less than the full reading."""
        shorter_readings = []
        for form, trust in readings:
            shorter = _without_closing_words(form)
            while shorter is not None:
                # One word left is as often another company of that name ("Apex Group",
                # APEX Ltd.): worth a look, not a match.
                kept = CLOSING_WORD_TRUST if len(shorter.core) > 1 else LONE_WORD_LEFT_TRUST
                shorter_readings.append((shorter, trust * kept))
                shorter = _without_closing_words(shorter)
        return shorter_readings

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
            options = self._within_one_edit(token)
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

    def _within_one_edit(self, token: str) -> list[str]:
        """The legal forms and stop words one edit from `token`."""
        near = {
            word for key in {token} | deletions(token) for word in self._by_deletion.get(key, ())
        }
        return [word for word in near if OSA.distance(token, word, score_cutoff=1) <= 1]

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
            odds = LEGAL_SLIP_ODDS_AT_END if last else LEGAL_SLIP_ODDS_INSIDE
            return frequency >= len(postings[token]) * odds
        rival = max((len(postings[w]) for w in similar_words(self.index, token)), default=0)
        if last:
            return frequency >= max(UNCOMMON_LEGAL_WORD, rival)
        return frequency >= max(COMMON_LEGAL_WORD, UNKNOWN_WORD_SLIP_ODDS * rival)

    @staticmethod
    def _form_length(tokens: list[str], at: int, word: str) -> int:
        """Length of the legal form that `word` at `at` would be part of (0: none)."""
        folded = tables.word_variants().get(word, word)
        trial = (*tokens[:at], folded, *tokens[at + 1 :])
        for start, end in legal_form_matcher().spans(trial):
            if start <= at < end:
                return end - start
        return 0


def _plausible_slip(token: str, word: str) -> bool:
    """Outside a longer legal form, a two-letter word is a slip only from a doubled letter
    ("dde" for de) or swapped letters ("oc" for co): "io" could be anything."""
    return (
        len(word) >= PLAIN_SLIP_LENGTH or sorted(token) == sorted(word) or undoubled(token) == word
    )


def _without_closing_words(form: NameForm) -> NameForm | None:
    """The name without the last word that closes it ("GAZ Group Holdings" -> GAZ Group),
    or None when it ends otherwise or nothing else would be left."""
    if len(form.core) < 2 or form.core[-1] not in tables.word_set("closing_words.txt"):
        return None
    last = len(form.tokens) - 1 - form.tokens[::-1].index(form.core[-1])
    return analyse(" ".join(form.tokens[:last] + form.tokens[last + 1 :]))
