"""A message as words with their places, and where a name cannot run on.

Pure text handling: no index, no Slack. A party's name is a run of words with nothing
between them that a name never holds (a line break, a question mark, a bullet, a comma that
does not open a legal form) and no ordinary word of the message among them ("can", "ship",
"Friday", "thanks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from bot.names import legal_form_matcher, tables, tokenise

# A word: letters or digits, with the apostrophes, dots, hyphens and ampersands names carry
# inside them ("Huawei's", "S.A.", "Hi-Tech", "AT&T"), and a final dot ("Co.").
_WORD = re.compile(r"[^\W_](?:[\w'’.&\-]*[^\W_])?\.?")
# What may stand between two words of one name: spaces, the punctuation of legal forms and
# initials, and the brackets of "Yidatong (Tianjin) Metal Materials". Anything else ends a
# name.
_JOINING_GAP = re.compile(r"[ \t.,&'’\-()]*")
_BRACKETS = re.compile(r"[()]")
# Between two initials of one name: "C & I", "A B".
_INITIALS_GAP = re.compile(r"[ .]*&?[ .]*")
# "1." or "2)" opening a line numbers a list; it is no part of a name.
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]?")
_LINE_START = re.compile(r"[ \t>*\u2022\-]*")
# A comma joins only when a legal form follows it ("Co., Ltd."); a hyphen between spaces
# ("Qihoo 360 - please check") and a dot that ends a sentence do not join at all.
_SPACED_DASH = re.compile(r"\s[-\u2013\u2014]+\s")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    # The words matching compares (normalised, variants folded); empty for punctuation.
    tokens: tuple[str, ...]
    # Written with a capital or a digit somewhere: how names are written in cased text.
    name_cased: bool
    ordinary: bool
    # The word before it greets or signs off ("Hi Anna", "Thanks,\nBen").
    after_salutation: bool
    # Nothing a name may not hold stands between this word and the one before it.
    joined_to_previous: bool
    # A bracket stands between this word and the one before it ("Nilepet (Nile ...").
    bracketed: bool


@cache
def ordinary_words() -> frozenset[str]:
    """data/names/message_words.txt, less any word a legal form or a listed name's
    descriptive part uses (those can belong to a name: "Company", "Export", "Shipping"),
    and the greetings of data/names/salutations.txt ("Hi", whatever "Hi-Tech" says)."""
    keep = legal_form_matcher().words | tables.word_set("generic_words.txt")
    return (tables.word_set("message_words.txt") - keep) | tables.word_set("salutations.txt")


def _name_cased(text: str) -> bool:
    return any(char.isupper() or char.isdigit() for char in text)


def _opens_legal_form(text: str, at: int) -> bool:
    following = text[at : at + 40]
    spans = legal_form_matcher().spans(tokenise(following))
    return bool(spans) and spans[0][0] == 0


def _ends_sentence(word: str) -> bool:
    """A word ending in a dot ends a sentence unless it is an abbreviation a name holds
    (a legal form, an initial: "Co.", "S.A.", "J.")."""
    if not word.endswith("."):
        return False
    bare = word.rstrip(".")
    if len(bare) <= 1 or "." in bare:
        return False
    return not (set(tokenise(bare)) & legal_form_matcher().words)


def _joins(text: str, previous: str, gap: str, next_at: int) -> bool:
    if _ends_sentence(previous) or _SPACED_DASH.search(gap):
        return False
    if not _JOINING_GAP.fullmatch(gap):
        return False
    return "," not in gap or _opens_legal_form(text, next_at)


def message_words(text: str) -> list[Word]:
    """Every word of `text`, in order, with how it joins the one before it; initials
    written apart ("C & I", "A B C") are one word, as names read them."""
    return _initials_joined(text, _words(text))


def _initials_joined(text: str, words: list[Word]) -> list[Word]:
    joined: list[Word] = []
    for word in words:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _is_initial(word)
            and _INITIALS_GAP.fullmatch(text, previous.end, word.start)
            and all(len(token) == 1 for token in previous.tokens)
            and previous.tokens
        ):
            span = text[previous.start : word.end]
            joined[-1] = replace(previous, end=word.end, text=span, tokens=tokenise(span))
        else:
            joined.append(word)
    return joined


def _is_initial(word: Word) -> bool:
    return len(word.tokens) == 1 and len(word.tokens[0]) == 1 and word.tokens[0].isalpha()


def _words(text: str) -> list[Word]:
    ordinary = ordinary_words()
    salutations = tables.word_set("salutations.txt")
    words: list[Word] = []
    for found in _WORD.finditer(text):
        written = found.group()
        line_start = text.rfind("\n", 0, found.start()) + 1
        numbering = _LIST_NUMBER.fullmatch(written) and _LINE_START.fullmatch(
            text, line_start, found.start()
        )
        tokens = () if numbering else tokenise(written)
        previous = words[-1] if words else None
        joined = previous is not None and _joins(
            text, previous.text, text[previous.end : found.start()], found.start()
        )
        words.append(
            Word(
                start=found.start(),
                end=found.end(),
                text=written,
                tokens=tokens,
                name_cased=_name_cased(written),
                ordinary=bool(tokens) and all(token in ordinary for token in tokens),
                joined_to_previous=joined,
                bracketed=previous is not None
                and bool(_BRACKETS.search(text, previous.end, found.start())),
                # A list number has no tokens: it greets nobody.
                after_salutation=previous is not None
                and bool(previous.tokens)
                and set(previous.tokens) <= salutations,
            )
        )
    return words


def runs(words: list[Word]) -> list[list[Word]]:
    """The maximal runs of joined, non-ordinary words: where names may stand."""
    found: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        if word.ordinary or not word.tokens:
            if current:
                found.append(current)
            current = []
            continue
        if current and not word.joined_to_previous:
            found.append(current)
            current = []
        current.append(word)
    if current:
        found.append(current)
    return found


def is_cased(text: str) -> bool:
    """Whether case tells names apart in `text`: it has both lower- and upper-case letters."""
    letters = [char for char in text if char.isalpha()]
    return any(char.islower() for char in letters) and any(char.isupper() for char in letters)
