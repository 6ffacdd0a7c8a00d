"""Pure functions from a name as written to the forms that matching compares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from bot.names import tables

_POSSESSIVE = re.compile(r"['`]s\b")
_APOSTROPHES = re.compile(r"['`]")
_AMPERSAND = re.compile(r"[&+]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_text(text: str) -> str:
    """ASCII, lower case, "&" spelt out, punctuation gone, one space between words.

    "Ministry of Public Security's Institute" -> "ministry of public security institute";
    "IS'Vision" -> "isvision"; "Xi’an" -> "xian"; "ООО Ромашка" -> "ooo romashka".
    """
    folded = (text if text.isascii() else anyascii(text)).lower()
    folded = _POSSESSIVE.sub("", folded)
    folded = _APOSTROPHES.sub("", folded)
    folded = _AMPERSAND.sub(" and ", folded)
    return _NON_ALNUM.sub(" ", folded).strip()


def _join_initials(words: list[str]) -> list[str]:
    """Runs of single letters are one word: "s a de c v" -> "sa de cv", "g m" -> "gm",
    "s and d" -> "sd".
    """
    joined: list[str] = []
    run = ""
    for at, word in enumerate(words):
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if word == "and" and run and at + 1 < len(words) and len(words[at + 1]) == 1:
            continue  # "S&D", "M & P": initials joined by an ampersand
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return joined


def _fold_variants(words: list[str]) -> tuple[str, ...]:
    variants = tables.word_variants()
    return tuple(variants.get(word, word) for word in words)


@cache
def _tokenise_cached(text: str) -> tuple[str, ...]:
    return _fold_variants(_join_initials(normalise_text(text).split()))


def tokenise(text: str) -> tuple[str, ...]:
    """The words of a name after normalisation, initials joined and variants folded."""
    return _tokenise_cached(text) if len(text) < 200 else _tokenise_uncached(text)


def _tokenise_uncached(text: str) -> tuple[str, ...]:
    return _fold_variants(_join_initials(normalise_text(text).split()))


@dataclass(frozen=True)
class NameForm:
    tokens: tuple[str, ...]
    core: tuple[str, ...]
    legal_forms: tuple[str, ...]
    legal_kinds: frozenset[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def core_text(self) -> str:
        return " ".join(self.core)


def analyse(name: str) -> NameForm:
    """Split a name into its words and its core: legal forms and stop words removed.

    A name made only of such words keeps them as its core, so "Joint Stock Company"
    still has something to match on.
    """
    tokens = _tokenise_uncached(name)
    matcher = tables.legal_forms(_tokenise_uncached)
    stop_words = tables.word_set("stop_words.txt")
    removed: list[str] = []
    kinds: set[str] = set()
    keep = [True] * len(tokens)
    for start, end in matcher.spans(tokens):
        removed.append(" ".join(tokens[start:end]))
        kinds.add(matcher.kinds[tokens[start:end]])
        for position in range(start, end):
            keep[position] = False
    # A name's first word after any leading legal form is never a stop word ("DES
    # International", "OOO La Florida"), unless it is English's own article.
    first = next((at for at, kept in enumerate(keep) if kept), -1)
    core = tuple(
        token
        for at, (token, kept) in enumerate(zip(tokens, keep, strict=True))
        if kept and (token not in stop_words or (at == first and token != "the"))
    )
    if not core:
        core = tuple(token for token in tokens if token not in stop_words) or tokens
    return NameForm(
        tokens=tokens,
        core=tuple(dict.fromkeys(core)),
        legal_forms=tuple(removed),
        legal_kinds=frozenset(kinds - {"generic"}),
    )
