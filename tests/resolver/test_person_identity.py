"""One person written surname first on one list and given name first on another is one
identity; only persons are turned round. Every name here is a real entry."""

from __future__ import annotations

import pytest

from bot.importers import ParsedCsl
from bot.resolver import Listing, NameIndex


@pytest.fixture(scope="module")
def index(full_csl: ParsedCsl) -> NameIndex:
    return NameIndex(
        Listing(at, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
        for at, e in enumerate(full_csl.entries)
    )


def identity(index: NameIndex, list_code: str, name: str) -> int:
    (found,) = {
        index.parties[index.party_of_listing[listing.listing_id]].identity
        for listing in index.listings.values()
        if listing.list_code == list_code and listing.primary_name == name
    }
    return found


def test_a_person_surname_first_and_given_name_first_is_one_identity(index):
    """The SDN list writes "DE GEETERE, Hans", the DPL "HANS DE GEETERE"; the particle
    "de" is kept at the head of a name and dropped inside it, so word order alone did not
    join them."""
    sdn = identity(index, "SDN", "DE GEETERE, Hans")
    assert sdn == identity(index, "DPL", "HANS DE GEETERE")
    assert sdn == identity(index, "EL", "Hans Maria De Geetere")
    # Another person of the same surname stays another person.
    assert identity(index, "SDN", "DE GEETERE, Tom") != sdn


def test_the_names_already_one_in_any_word_order_stay_one(index):
    assert identity(index, "SDN", "KHAKI, Parviz") == identity(index, "ISN", "Parviz Khaki")


def test_only_a_person_is_turned_round():
    """The same two real names, the surname-first one typed as an entity: not joined."""

    def identities(entry_type: str) -> set[int]:
        built = NameIndex(
            [
                Listing(1, "SDN", "DE GEETERE, Hans", (), entry_type),
                Listing(2, "DPL", "HANS DE GEETERE", (), ""),
            ]
        )
        return {party.identity for party in built.parties}

    assert len(identities("Individual")) == 1
    assert len(identities("Entity")) == 2
