"""The in-memory name index: built once per process from the listings, never per query."""

from __future__ import annotations

import gc
import itertools
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.names import NameForm, analyse, normalise_text, tables, without_asides
from bot.resolver.thresholds import DESCRIPTIVE_WORD_WEIGHT, MIN_SHORT_TYPO_LENGTH, MIN_TYPO_LENGTH
from bot.resolver.variants import name_variants

NO_KINDS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Listing:
    """What the index needs to know of one designation (or a party a notice once named)."""

    listing_id: int
    list_code: str
    primary_name: str
    aliases: tuple[str, ...] = ()
    entry_type: str = ""
    former: bool = False

    @property
    def is_person(self) -> bool:
        return self.entry_type.lower() == "individual"


@dataclass(frozen=True)
class Party:
    """Listings of one list that are one party: the same core name, in any country.

    `identity` is shared by the parties of different lists that name each other (an Entity
    List entry whose name is an alias of an SDN entry), so they never compete as rivals.
    """

    party_id: int
    list_code: str
    identity: int
    listing_ids: tuple[int, ...]
    former: bool


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hundreds of thousands of small objects would trigger a full garbage collection
    every few thousand allocations while none of them is garbage; after the build they
    are frozen, so later collections (during lookups) do not walk the index either."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def letters_of(name: str) -> str:
    """A name's letters and digits as written, without spaces or punctuation."""
    return normalise_text(name).replace(" ", "")


def given_name_first(name: str) -> str:
    """ "DE GEETERE, Hans" as "Hans DE GEETERE"; "" for a name not written surname, comma,
    given names."""
    surname, comma, given = without_asides(name).partition(",")
    if not comma or "," in given or not surname.strip() or not given.strip():
        return ""
    return f"{given.strip()} {surname.strip()}"


def deletions(word: str) -> set[str]:
    return {word[:position] + word[position + 1 :] for position in range(len(word))}


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One distinct spelling of one listing's name, as matching sees it."""

    listing_id: int
    text: str
    tokens: tuple[str, ...]
    core: tuple[str, ...]
    joined: str
    legal_kinds: frozenset[str]
    has_legal_form: bool
    primary: bool
    # The name as the list prints it, not a spelling derived from it (brackets dropped...).
    verbatim: bool
    person: bool
    # The letters as written, before any word is folded, where they differ from the
    # folded ones: "Huawei OpenLab" typed "Huawei Open Lab" is the same letters, though
    # "lab" folds into laboratory.
    written: str = ""

    @property
    def joined_in_full(self) -> str:
        """All the words, legal form included, without spaces: slips of spacing and
        punctuation in a legal form ("S.A. D EC.V.") vanish here."""
        return "".join(self.tokens)

    @property
    def letters(self) -> str:
        return self.written or self.joined_in_full


class NameIndex:
    """Names and aliases as token postings with IDF weights and a typo lookup table."""

    def __init__(self, listings: Iterable[Listing]) -> None:
        started = time.perf_counter()
        self.listings: dict[int, Listing] = {}
        self.records: list[NameRecord] = []
        self.parties: list[Party] = []
        self.party_of_listing: dict[int, int] = {}
        # Many names recur across entries (CETC 38's seven aliases, Huawei's affiliates);
        # each is analysed once per build, and the memo goes when the build is done.
        self._forms: dict[str, NameForm] = {}
        with _collector_paused():
            self._add_listings(listings)
            self._build_tables()
        del self._forms
        self.build_seconds = time.perf_counter() - started

    def _add_listings(self, listings: Iterable[Listing]) -> None:
        grouped: dict[tuple[str, tuple[str, ...], bool], list[int]] = defaultdict(list)
        for listing in listings:
            self.listings[listing.listing_id] = listing
            seen: set[tuple[str, ...]] = set()
            names = [(listing.primary_name, True)] + [(alias, False) for alias in listing.aliases]
            for name, primary in names:
                for variant in name_variants(name):
                    form = self._analysed(variant)
                    if not form.core or form.tokens in seen:
                        continue
                    seen.add(form.tokens)
                    written = letters_of(variant)
                    self.records.append(
                        NameRecord(
                            listing_id=listing.listing_id,
                            text=variant,
                            tokens=form.tokens,
                            core=form.core,
                            joined="".join(form.core),
                            legal_kinds=form.legal_kinds,
                            has_legal_form=bool(form.legal_forms),
                            primary=primary,
                            verbatim=variant == name,
                            person=listing.is_person,
                            written="" if written == "".join(form.tokens) else written,
                        )
                    )
            key = self._core_key(listing.primary_name)
            grouped[(listing.list_code, key, listing.former)].append(listing.listing_id)
        identities = self._identities(grouped)
        for (list_code, key, former), listing_ids in grouped.items():
            party = Party(len(self.parties), list_code, identities[key], tuple(listing_ids), former)
            self.parties.append(party)
            for listing_id in listing_ids:
                self.party_of_listing[listing_id] = party.party_id

    def _analysed(self, name: str) -> NameForm:
        form = self._forms.get(name)
        if form is None:
            form = self._forms[name] = analyse(name)
        return form

    def _core_key(self, name: str) -> tuple[str, ...]:
        return tuple(sorted(self._analysed(without_asides(name)).core))

    def _identities(
        self, grouped: dict[tuple[str, tuple[str, ...], bool], list[int]]
    ) -> dict[tuple[str, ...], int]:
        """Number each primary core name; names that one listing gives as its own primary
        name and another as an alias, on another list, share a number."""
        numbers = {key: number for number, key in enumerate({key for _, key, _ in grouped})}
        parent = list(range(len(numbers)))

        def root(number: int) -> int:
            while parent[number] != number:
                parent[number] = parent[parent[number]]
                number = parent[number]
            return number

        lists_of_key: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for list_code, key, _ in grouped:
            lists_of_key[key].add(list_code)
        for record in self.records:
            if record.primary:
                continue
            alias_key = self._core_key(record.text)
            if alias_key not in numbers:
                continue
            listing = self.listings[record.listing_id]
            if lists_of_key[alias_key] - {listing.list_code}:
                own = numbers[self._core_key(listing.primary_name)]
                parent[root(numbers[alias_key])] = root(own)
        # A person one list writes surname first ("DE GEETERE, Hans") and another given
        # name first ("HANS DE GEETERE"). Core keys ignore word order, but a particle ("de")
        # is dropped inside a name and kept at its head, so only the name turned round
        # shows them to be one. Persons only: a company's words are not reordered.
        for listing in self.listings.values():
            turned = given_name_first(listing.primary_name) if listing.is_person else ""
            turned_key = self._core_key(turned) if turned else ()
            if (
                turned_key
                and turned_key in numbers
                and lists_of_key[turned_key] - {listing.list_code}
            ):
                own = numbers[self._core_key(listing.primary_name)]
                parent[root(numbers[turned_key])] = root(own)
        # The same words with the spaces moved ("AlphaBeta Trading", "Alpha Beta Trading")
        # are one company written two ways, on whichever lists.
        first_of_spelling: dict[str, int] = {}
        for listing in self.listings.values():
            key = self._core_key(listing.primary_name)
            spelling = "".join(self._analysed(without_asides(listing.primary_name)).core)
            first = first_of_spelling.setdefault(spelling, numbers[key])
            parent[root(numbers[key])] = root(first)
        return {key: root(number) for key, number in numbers.items()}

    def _build_tables(self) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
        # Two neighbouring listed words written as one ("EltexAlatau", "Jihua" for Ji Hua):
        # where such a word is typed, the names it joins are candidates.
        joined: dict[str, list[int]] = defaultdict(list)
        for position, record in enumerate(self.records):
            for token in record.core:
                postings[token].append(position)
            for left, right in zip(record.core, record.core[1:], strict=False):
                if left.isalpha() and right.isalpha():
                    joined[left + right].append(position)
            if record.written:
                # ... and as written, before words fold: "OsnovaLab" for OSNOVA LAB.
                words = normalise_text(record.text).split()
                for left, right in itertools.pairwise(words):
                    pair = left + right
                    if left.isalpha() and right.isalpha() and joined[pair][-1:] != [position]:
                        joined[pair].append(position)
            exact[tuple(sorted(record.core))].append(position)
        total = max(len(self.records), 1)
        self.postings = dict(postings)
        # How many names use each word, legal forms and stop words included: a slip of a
        # word the lists use thousands of times ("Co., td.") is likelier than a rare word.
        self.word_frequency: dict[str, int] = defaultdict(int)
        for record in self.records:
            for token in set(record.tokens):
                self.word_frequency[token] += 1
        self.exact = dict(exact)
        # The kinds of legal form each listing's names give, between them.
        listing_kinds: dict[int, frozenset[str]] = defaultdict(frozenset)
        for record in self.records:
            if record.legal_kinds:
                listing_kinds[record.listing_id] |= record.legal_kinds
        self.listing_legal_kinds = dict(listing_kinds)
        self.joined_pairs = {word: found for word, found in joined.items() if word not in postings}
        self.weight = {token: math.log(1 + total / len(found)) for token, found in postings.items()}
        self.unknown_weight = math.log(1 + total)
        self.descriptive = tables.word_set("generic_words.txt") | tables.word_set("place_names.txt")
        self.listed_weight = {
            token: weight * (DESCRIPTIVE_WORD_WEIGHT if token in self.descriptive else 1.0)
            for token, weight in self.weight.items()
        }
        # Each typo key leads to the spellings it may be a slip of: listed words, and the
        # unfolded spellings of folded ones ("Technologiee" is one slip from "technologies",
        # which the lists hold as "technology").
        self.spelling_targets: dict[str, tuple[str, ...]] = {}
        for variant, canonical in tables.word_variants().items():
            if canonical in self.postings and variant not in self.postings:
                self.spelling_targets[variant] = (canonical,)
        typo_table: dict[str, list[str]] = defaultdict(list)
        for spelling in [*self.postings, *self.spelling_targets]:
            if len(spelling) >= MIN_TYPO_LENGTH:
                typo_table[spelling].append(spelling)
                for position in range(len(spelling)):
                    typo_table[spelling[:position] + spelling[position + 1 :]].append(spelling)
            elif len(spelling) == MIN_TYPO_LENGTH - 1:
                typo_table[spelling].append(spelling)  # reachable from "REYY" for REY
        # Most keys lead to one spelling; a bare string costs far less than a list of one.
        self.typo_table: dict[str, str | tuple[str, ...]] = {
            key: found[0] if len(found) == 1 else tuple(found) for key, found in typo_table.items()
        }
        # Short listed words by themselves and one letter less: only to find the names a
        # short word typed wrong may belong to ("KBB Investments" for KB INVESTMENTS), never
        # to score them; the whole name's spelling decides.
        short_typos: dict[str, list[str]] = defaultdict(list)
        for spelling in self.postings:
            if spelling.isalpha() and MIN_SHORT_TYPO_LENGTH <= len(spelling) <= MIN_TYPO_LENGTH:
                for key in {spelling} | deletions(spelling):
                    short_typos[key].append(spelling)
        self.short_typos = {key: tuple(found) for key, found in short_typos.items()}

    def __len__(self) -> int:
        return len(self.listings)
