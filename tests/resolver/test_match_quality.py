"""The resolver on the full CSL: each class of everyday variant people type, and the short
words one letter off that must never be a match. Every listed name here is a real entry."""

from __future__ import annotations

import pytest

from bot.importers import ParsedCsl
from bot.resolver import Listing, NameIndex, Resolver


@pytest.fixture(scope="module")
def resolver(full_csl: ParsedCsl) -> Resolver:
    return Resolver(
        NameIndex(
            Listing(at, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
            for at, e in enumerate(full_csl.entries)
        )
    )


def answered(resolver: Resolver, query: str) -> tuple[str, str]:
    resolution = resolver.resolve(query)
    first = resolution.candidates[0] if resolution.candidates else None
    name = resolver.index.listings[first.listing_id].primary_name if first else ""
    return resolution.status, name


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # A country for its adjective, and the reverse.
        ("Iranian Space Agency", "Iran Space Agency"),
        ("Iran Cyber Police", "IRANIAN CYBER POLICE"),
        (
            "Chinese Electronics Technology Group Corporation No. 28 Institute",
            "China Electronics Technology Group Corporation No. 28 Institute",
        ),
        ("Russia High Technologies", "AO RUSSIAN HIGH TECHNOLOGIES"),
        # Air, Airlines, Airways.
        ("Aerocaribbean Air", "AEROCARIBBEAN AIRLINES"),
        ("Iran Airlines", "Iran Air"),
        # Tech, Technology, Technologies.
        ("Planet Tech", "Planet Technology"),
        ("Sunton Technology Hong Kong", "Sunton Tech Hong Kong Ltd."),
        # A closing word the listed name lacks.
        ("GAZ Group Holdings", "GAZ GROUP"),
        # Words joined or split.
        ("DaliRF Technology", "DALI RF TECHNOLOGY CO., LIMITED"),
        ("Aero Caribbean Airlines", "AEROCARIBBEAN AIRLINES"),
        ("Cloud Walk Technology", "CloudWalk Technology"),
        ("Huawei Open Lab Dubai", "Huawei OpenLab Dubai"),
        # "&" for "and", and the reverse.
        ("Dandong Zhongsheng Industry and Trade", "DANDONG ZHONGSHENG INDUSTRY & TRADE CO., LTD."),
        ("Universal Shipping & Transportation", "UNIVERSAL SHIPPING AND TRANSPORTATION LIMITED"),
    ],
)
def test_everyday_variants_of_a_listed_name_are_a_match(resolver, query, listed):
    status, name = answered(resolver, query)
    assert (status, name.casefold()) == ("match", listed.casefold())


def test_a_short_word_typed_wrong_still_finds_its_name(resolver):
    # "Gza" is no listed word, but one slip from GAZ: the whole name decides.
    assert answered(resolver, "Gza-Oil, OOO") == ("match", "Gaz-Oil, OOO")
    assert answered(resolver, "BC BANK AO")[1] == "BCS BANK AO"


def test_one_word_one_letter_from_a_short_listed_name_is_only_possible(resolver):
    # SAMSUN is an SDN vessel; a brand one letter away is not it, however close.
    assert answered(resolver, "Samsung") == ("ambiguous", "SAMSUN")
    # Typed as the list writes it, the vessel is meant.
    assert answered(resolver, "Samsun")[0] == "match"


def test_a_company_form_that_says_nothing_more_does_not_confirm_a_slip(resolver):
    # ELARA is listed; "Ebara Corporation" says only that Ebara is a company.
    assert answered(resolver, "Ebara Corporation") == ("ambiguous", "Elara")


def test_letters_swapped_or_doubled_are_a_slip_of_the_fingers(resolver):
    # Irkut Corporation, typed with two letters swapped; SIDAR COMPANY with one doubled.
    assert answered(resolver, "Irktu Corporation") == ("match", "Irkut Corporation")
    assert answered(resolver, "Sidaar") == ("match", "SIDAR COMPANY")


def test_one_everyday_word_that_is_only_part_of_a_listed_name_is_only_possible(resolver):
    # TARGET ELECTRONICS is listed; "Target" alone may be any company using the word.
    assert answered(resolver, "Target") == ("ambiguous", "TARGET ELECTRONICS")
    assert answered(resolver, "Standard")[0] == "ambiguous"
    # Even typed as a listed name's whole name (LIBERTY, a vessel), an everyday word is
    # shown as a possible match, not answered as the party.
    assert answered(resolver, "Liberty") == ("ambiguous", "LIBERTY")
    # A word that is no everyday word, typed as a listed name, is that party.
    assert answered(resolver, "Titan") == ("match", "TITAN")


def test_one_word_never_singles_out_a_person(resolver):
    # "Martin" is a listed alias of Parviz Khaki, and the name of many other people.
    assert answered(resolver, "Martin")[0] == "ambiguous"
    assert answered(resolver, "Parviz Khaki")[0] == "match"
    # CAESAR is also a person's alias; the company whose name holds the word comes first.
    assert answered(resolver, "Caesar") == ("ambiguous", "CAESAR ELECTRONICS INC.")


def test_a_closing_word_leaving_one_word_is_only_possible(resolver):
    # APEX Ltd. is listed; "Apex Group" may be any other Apex.
    status, name = answered(resolver, "Apex Group")
    assert (status, name) == ("ambiguous", "APEX")


def test_a_closing_word_typed_as_listed_is_kept(resolver):
    # STAR SAPPHIRE GROUP PTE. LTD. and STAR SAPPHIRE CO. LTD. are two parties; the typed
    # "Group" tells them apart, so the name is not also read without it.
    assert answered(resolver, "STAR SAPPHHIRE GROUP PTE. LTD.") == (
        "match",
        "STAR SAPPHIRE GROUP PTE. LTD.",
    )


def test_a_match_says_which_rule_granted_it(resolver):
    assert resolver.resolve("Iran Air").rule == "typed as the list writes it"
    assert "ahead of any other party" in resolver.resolve("GAZ Group Holdings").rule
    assert resolver.resolve("Samsung").rule == ""


def test_one_company_written_with_the_spaces_moved_is_one_identity(resolver):
    resolution = resolver.resolve("Militech Trade LLC")
    assert resolution.status == "match"
    lists = {c.party.list_code for c in resolution.candidates}
    assert lists == {"SDN", "EL"}
