"""The query sets of benchmarks/matching.py beside the labelled ones: halves to tune on and
to check on, everyday variants of listed names by class, and real companies on no list.

Variants are made from the CSL by rule (a country for its adjective, "Group" added...), so
they measure each class on names nobody tuned on; the expected answer is the party of the
entry the variant was made from.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.names import analyse, legal_form_matcher, normalise_text, tables
from bot.resolver import NameIndex

VARIANTS_PER_CLASS = 240
_SEED = 13
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_CLOSING = ("group", "holding", "holdings")


def half_of(query: str) -> str:
    """A stable half for every query: "tune" to tune on, "check" to measure at the end."""
    return "tune" if hashlib.blake2b(query.encode()).digest()[0] % 2 == 0 else "check"


@dataclass(frozen=True)
class VariantQuery:
    query: str
    kind: str
    listing_id: int  # the entry it was made from


def _words_without_legal_forms(name: str) -> list[str]:
    words = normalise_text(name).split()
    dropped = {
        at for start, end in legal_form_matcher().spans(tuple(words)) for at in range(start, end)
    }
    return [word for at, word in enumerate(words) if at not in dropped]


def _swap(words: list[str], pairs: dict[str, str]) -> str | None:
    for at, word in enumerate(words):
        if word in pairs:
            return " ".join([*words[:at], pairs[word], *words[at + 1 :]])
    return None


def _nationality_pairs() -> dict[str, str]:
    """Each country for its adjective and the reverse (data/names/nationalities.txt)."""
    pairs: dict[str, str] = {}
    text = tables.bundled_path("names", "nationalities.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            adjective, _, country = line.strip().rpartition(" ")
            pairs.setdefault(country, adjective)
            pairs.setdefault(adjective, country)
    return pairs


def _closing_added(name: str) -> str | None:
    words = _words_without_legal_forms(name)
    return None if not words or words[-1] in _CLOSING else " ".join([*words, "group"])


def _closing_dropped(name: str) -> str | None:
    words = _words_without_legal_forms(name)
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _CLOSING else None


def _joined(name: str) -> str | None:
    words = _words_without_legal_forms(name)
    for at in range(len(words) - 1):
        if words[at].isalpha() and words[at + 1].isalpha() and len(words[at] + words[at + 1]) <= 12:
            return " ".join([*words[:at], words[at] + words[at + 1], *words[at + 2 :]])
    return None


def _split(name: str) -> str | None:
    split = _CAMEL.sub(" ", name)
    return split if split != name else None


def _plural(name: str) -> str | None:
    """An English last word in the other number: "Group" -> "Groups", "Systems" -> "System"."""
    words = _words_without_legal_forms(name)
    english = tables.word_set("english_words.txt")
    if not words or len(words[-1]) < 5 or words[-1] not in english:
        return None
    last = words[-1]
    other = last[:-1] if last.endswith("s") and not last.endswith("ss") else last + "s"
    return " ".join([*words[:-1], other]) if other in english else None


def _ampersand(name: str) -> str | None:
    if "&" in name:
        return name.replace("&", " and ")
    return (
        re.sub(r"\band\b", "&", name, count=1, flags=re.IGNORECASE)
        if re.search(r"\band\b", name, re.IGNORECASE)
        else None
    )


def variant_makers() -> dict[str, Callable[[str], str | None]]:
    nationality = _nationality_pairs()
    air = {"air": "airlines", "airlines": "airways", "airways": "air", "airline": "air"}
    tech = {"tech": "technology", "technology": "technologies", "technologies": "tech"}
    return {
        "country-adjective": lambda n: _swap(_words_without_legal_forms(n), nationality),
        "closing-word-added": _closing_added,
        "closing-word-dropped": _closing_dropped,
        "words-joined": _joined,
        "words-split": _split,
        "air-airlines-airways": lambda n: _swap(_words_without_legal_forms(n), air),
        "tech-technology": lambda n: _swap(_words_without_legal_forms(n), tech),
        "singular-plural": _plural,
        "ampersand-and": _ampersand,
    }


def variant_queries(index: NameIndex, per_class: int = VARIANTS_PER_CLASS) -> list[VariantQuery]:
    """Up to `per_class` variants of each class, of organisations' primary names, skipping a
    variant that is some other party's name exactly (it would mean that party)."""
    organisations = [
        listing
        for listing in index.listings.values()
        if not listing.is_person and not listing.former and listing.entry_type.lower() != "vessel"
    ]
    random.Random(_SEED).shuffle(organisations)
    made: list[VariantQuery] = []
    for kind, maker in variant_makers().items():
        count = 0
        for listing in organisations:
            query = maker(listing.primary_name)
            if not query or count >= per_class or _names_another(index, query, listing.listing_id):
                continue
            made.append(VariantQuery(query, kind, listing.listing_id))
            count += 1
    return made


def identity_of(index: NameIndex, listing_id: int) -> int:
    return index.parties[index.party_of_listing[listing_id]].identity


def _names_another(index: NameIndex, query: str, listing_id: int) -> bool:
    own = identity_of(index, listing_id)
    records = index.exact.get(tuple(sorted(analyse(query).core)), ())
    return any(identity_of(index, index.records[at].listing_id) != own for at in records)


def index_company_queries(path: Path, descriptive: frozenset[str]) -> list[tuple[str, str]]:
    """(query, kind): each company as its index names it, and its first word alone as a
    brand ("Verisign", "Carvana"), when that word is a name rather than a place or a trade."""
    names = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    queries = [(name, "index-company") for name in names]
    brands: set[str] = set()
    for name in names:
        words = name.replace(",", " ").split()
        core = analyse(words[0]).core if words else ()
        if len(words) > 1 and len(words[0]) >= 4 and core and core[0] not in descriptive:
            brands.add(words[0])
    return queries + [(brand, "index-brand") for brand in sorted(brands)]
