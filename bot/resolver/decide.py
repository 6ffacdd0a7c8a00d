"""Say whether one ranked party is clearly meant: the status, who earned it and the rule."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from bot.names import analyse, tables
from bot.resolver.index import Party
from bot.resolver.scoring import typing_slip
from bot.resolver.thresholds import (
    CANDIDATE_SCORE,
    MATCH_MARGIN,
    MATCH_SCORE,
    SHORT_NAME_MARGIN,
    SHORT_NAME_SCORE,
    SHORT_SLIP_NAME_LENGTH,
)

Status = Literal["match", "ambiguous", "none"]

# How exactly a party's name was typed, and the rule each level grants a match by.
EXACTLY_AS_LISTED = 3
AS_PRIMARY_NAME_WORDS = 2
ALL_CORE_WORDS = 1
_EXACTNESS_RULES = (
    (EXACTLY_AS_LISTED, "typed as the list writes it"),
    (AS_PRIMARY_NAME_WORDS, "the words of a listed name, legal form and all"),
    (ALL_CORE_WORDS, "every word of one listed name and nothing else"),
)


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
    # The name matched on is a person's.
    person: bool = False

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


def decide(
    current: list[Candidate],
    typed: tuple[str, ...],
    lone_word: tuple[str, ...],
    descriptive: AbstractSet[str],
    singles_out: bool,
) -> tuple[Status, int, str]:
    """The status, which candidate earned it, and the rule that granted a match; one word
    typed bare never singles out a person or, when it is an everyday word, anyone.

    `typed` is the one word typed bare, if so; `lone_word` the one typed word that is not
    descriptive, when the rest only describes."""
    status, earned, rule = _granted(current, lone_word, bool(typed), descriptive, singles_out)
    if status == "match" and (
        _ordinary_word_alone(typed) or _person_by_one_word(typed, current[earned])
    ):
        return "ambiguous", 0, ""
    return status, earned, rule


def _granted(
    current: list[Candidate],
    lone_word: tuple[str, ...],
    bare: bool,
    descriptive: AbstractSet[str],
    singles_out: bool,
) -> tuple[Status, int, str]:
    for level, rule in _EXACTNESS_RULES:
        holders = [at for at, c in enumerate(current) if c.exactness >= level]
        if holders and len({current[at].party.identity for at in holders}) == 1:
            return "match", holders[0], rule
    if not current or current[0].score < CANDIDATE_SCORE:
        return "none", 0, ""
    best = current[0]
    rival = next((c for c in current if _rivals(best, c)), None)
    margin = best.score - rival.score if rival else best.score
    if _one_word_slip(lone_word, bare, best, descriptive):
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


def _one_word_slip(
    lone_word: tuple[str, ...], bare: bool, best: Candidate, descriptive: AbstractSet[str]
) -> bool:
    """The one word that names the party, typed not as listed but one slip of a short
    listed name ("Samsung" for SAMSUN, "Ebara" for ELARA, "KBC Bank" for KBK BANK, a brand
    one letter from an acronym): another name as often as a typo. Letters swapped or
    doubled ("Irktu", "Sidaar") are slips of the fingers; a specific legal form typed with
    it ("Optima OOO") is evidence enough; so is a longer name around it ("Luoyng Institute
    of Science and Technology")."""
    if len(lone_word) != 1 or lone_word[0] in best.core:
        return False
    whole = "".join(best.core)
    named = "".join(word for word in best.core if word not in descriptive) or whole
    short = (
        min(len(lone_word[0]), len(whole)) <= SHORT_SLIP_NAME_LENGTH
        if bare
        else len(whole) <= SHORT_SLIP_NAME_LENGTH
    )
    return short and not typing_slip(lone_word[0], named)


def _ordinary_word_alone(typed: tuple[str, ...]) -> bool:
    """One everyday English word typed bare ("Target", "Liberty", "Titan"): as likely any
    of the companies using the word as the listed one, even when it is the whole listed
    name. It is shown as a possible match, never answered as the party."""
    return len(typed) == 1 and typed[0] in tables.word_set("english_words.txt")


def _person_by_one_word(typed: tuple[str, ...], earned: Candidate) -> bool:
    """A person is named by more than one word: one name alone ("Martin", "Simon"), even a
    listed alias, is anyone of that name."""
    return len(typed) == 1 and earned.person
