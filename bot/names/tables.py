"""The word tables in data/names/, read and compiled once per process."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from bot.bundle import bundled_path


def _lines(file_name: str) -> Iterator[str]:
    for line in bundled_path("names", file_name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


class PhraseMatcher:
    """Finds the longest listed phrase starting at each token, left to right."""

    def __init__(self, phrases: dict[tuple[str, ...], str]) -> None:
        """`phrases` maps each phrase's tokens to its kind."""
        self.kinds = dict(phrases)
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase:
                by_first.setdefault(phrase[0], set()).add(phrase)
        self._by_first = {
            first: sorted(found, key=len, reverse=True) for first, found in by_first.items()
        }
        self.words = frozenset(word for found in by_first.values() for p in found for word in p)

    def spans(self, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
        """(start, end) of each phrase found, not overlapping."""
        found = []
        position = 0
        while position < len(tokens):
            end = self._longest_at(tokens, position)
            if end:
                found.append((position, end))
                position = end
            else:
                position += 1
        return found

    def _longest_at(self, tokens: tuple[str, ...], position: int) -> int:
        for phrase in self._by_first.get(tokens[position], ()):
            end = position + len(phrase)
            if tokens[position:end] == phrase:
                return end
        return 0


def legal_form_lines() -> Iterator[tuple[str, str]]:
    """data/names/legal_forms.txt: each legal form as written, and its kind ("form = kind")."""
    for line in _lines("legal_forms.txt"):
        form, _, kind = line.rpartition("=")
        yield form.strip(), kind.strip()


@cache
def word_set(file_name: str) -> frozenset[str]:
    return frozenset(_lines(file_name))


@cache
def word_variants() -> dict[str, str]:
    """Each variant spelling and the one form it folds into: abbreviations, plurals and
    nationalities (a country's adjective is its name)."""
    return {**_pairs("word_variants.txt"), **_pairs("nationalities.txt")}


def _pairs(file_name: str) -> dict[str, str]:
    pairs = {}
    for line in _lines(file_name):
        variant, _, canonical = line.rpartition(" ")
        pairs[variant.replace("'", "")] = canonical
    return pairs
