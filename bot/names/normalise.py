"""Pure functions from a name as written to the forms that matching compares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from bot.names import tables

_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*")
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


def _words(text: str) -> tuple[str, ...]:
    return _fold_variants(_join_initials(normalise_text(text).split()))


# Names recur (a parent's name on each affiliate, a query typed again); long texts do not.
_cached_words = cache(_words)
CACHED_TEXT_LENGTH = 200


def tokenise(text: str) -> tuple[str, ...]:
    """The words of a name after normalisation, initials joined and variants folded."""
    return _cached_words(text) if len(text) < CACHED_TEXT_LENGTH else _words(text)


@cache
def legal_form_matcher() -> tables.PhraseMatcher:
    """The legal forms of data/names/legal_forms.txt, tokenised as names are, compiled once."""
    phrases: dict[tuple[str, ...], str] = {}
    for form, kind in tables.legal_form_lines():
        tokens = _words(form)
        if phrases.get(tokens, kind) != kind:
            raise ValueError(f"legal_forms.txt gives {form!r} two kinds")
        phrases[tokens] = kind
    return tables.PhraseMatcher(phrases)


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
    tokens = _words(name)
    matcher = legal_form_matcher()
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


def without_brackets(name: str) -> str:
    """The name with its bracketed asides dropped: "Towlid Abzar Boreshi Iran (TABA)"."""
    return " ".join(_PARENTHESIS.sub(" ", name).split()) or name


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-. ]{1,11}$")
_WORD = re.compile(r"[A-Za-z0-9]+")


def _is_initials_of(acronym: str, outside: str) -> bool:
    """ "TTP" against "TEHRIK-E TALIBAN PAKISTAN": its letters open words, in order."""
    letters = [char for char in acronym.lower() if char.isalnum()]
    initials = [word[0].lower() for word in _WORD.findall(outside)]
    position = 0
    for initial in initials:
        if position < len(letters) and initial == letters[position]:
            position += 1
    return len(letters) >= 2 and position == len(letters)


def bracket_names_the_party(inner: str, name: str, outside: str) -> bool:
    """An acronym in brackets is how the list abbreviates the party; "(Hong Kong)" or
    "(Yanjiao)" only says where it sits."""
    if inner.lower() == outside.split()[0].lower():
        return True
    if name.isupper():
        return " " not in inner and _is_initials_of(inner, outside)
    return bool(_ACRONYM.match(inner))


def without_asides(name: str) -> str:
    """The name without the brackets that only abbreviate it ("(TABA)", "(Huawei)"); a
    bracket that says which one ("(Japan)", "(Hong Kong)") stays, as words."""

    def aside(found: re.Match[str]) -> str:
        inner = found.group(1).strip()
        outside = without_brackets(name)
        return " " if bracket_names_the_party(inner, name, outside) else f" {inner} "

    return " ".join(_PARENTHESIS.sub(aside, name).split()) or name


def core_key(name: str) -> tuple[str, ...]:
    """What makes two primary names one party: the core words, in any order, the brackets
    that only abbreviate the name dropped ("Towlid Abzar Boreshi Iran (TABA)" is TOWLID
    ABZAR BORESHI IRAN), but not those that say which one: "Yangtze Memory Technologies
    (Japan) Inc." is not Yangtze Memory Technologies Co., Ltd."""
    return tuple(sorted(analyse(without_asides(name)).core))
