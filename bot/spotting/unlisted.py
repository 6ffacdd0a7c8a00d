"""The names a message holds that matched nothing: what a reply lists as "Not on the lists"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.spotting.candidates import CandidateFinder
from bot.spotting.words import Word


@dataclass(frozen=True)
class NameSpan:
    """A part of the message that reads as a company name."""

    start: int
    end: int
    text: str


def unlisted_names(
    text: str,
    runs: list[list[Word]],
    taken: list[tuple[int, int]],
    line_items: set[int],
    cased: bool,
    finder: CandidateFinder,
) -> list[NameSpan]:
    """What is left of each run once the parts naming parties (`taken`) are out, where it
    reads as a company name: alone on its line, or in text written with capitals, a
    stretch of capitalised words (joined by "of", "and" ...); and saying more than where or
    what (not "Beijing", not "Trading Co."). A name right after a greeting or a sign-off is
    a person writing ("Hi Anna", "Thanks, Ben")."""
    says_nothing = finder.joining | finder.index.descriptive

    def name_like(word: Word) -> bool:
        return word.name_cased or finder.only_connective(word)

    found: list[NameSpan] = []
    for run in runs:
        alone = id(run[0]) in line_items
        if run[0].after_salutation or not (alone or cased):
            continue
        for outside in _pieces(run, taken, keep=None):
            for piece in [outside] if alone else _pieces(outside, [], keep=name_like):
                while piece and finder.only_connective(piece[0]):
                    piece = piece[1:]
                while piece and finder.only_connective(piece[-1]):
                    piece = piece[:-1]
                tokens = [token for word in piece for token in word.tokens]
                if all(
                    token.isdigit() or token in says_nothing or len(token) == 1 for token in tokens
                ):
                    continue
                start, end = piece[0].start, piece[-1].end
                found.append(NameSpan(start, end, text[start:end]))
    return found


def _pieces(
    run: list[Word], taken: list[tuple[int, int]], keep: Callable[[Word], bool] | None
) -> list[list[Word]]:
    """The stretches of `run` outside `taken` whose words `keep` keeps."""
    pieces: list[list[Word]] = [[]]
    for word in run:
        covered = any(start < word.end and end > word.start for start, end in taken)
        if covered or (keep is not None and not keep(word)):
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [piece for piece in pieces if piece]
