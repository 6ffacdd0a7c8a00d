"""Entry identity across versions, on the full real CSL: one key per entry, kept through a
changed address, country, alias or cite, and through a reordered file."""

from __future__ import annotations

import random
from dataclasses import replace

from bot.importers.entry import CslEntry
from bot.importers.identity import Traits, assign_keys, traits


def keys_of(entries: list[CslEntry], previous: dict[str, Traits] | None = None) -> list[str]:
    return assign_keys([traits(entry) for entry in entries], previous or {})


def previous_of(entries: list[CslEntry]) -> dict[str, Traits]:
    """A version as the next load pairs with it: its entries by key."""
    return dict(zip(keys_of(entries), [traits(entry) for entry in entries], strict=True))


def test_every_entry_of_the_full_csl_has_its_own_key(full_csl):
    keys = keys_of(full_csl.entries)
    assert len(set(keys)) == len(full_csl.entries) == 25921
    at, sdn = next((at, e) for at, e in enumerate(full_csl.entries) if e.list_code == "SDN")
    assert keys[at] == f"SDN|#{sdn.raw['entity_number']}"


def test_revised_entries_keep_their_keys_in_the_next_version(full_csl):
    entries = full_csl.entries
    before = dict(zip(map(id, entries), keys_of(entries), strict=True))
    # Same-named DPL entries told apart by country, one gaining the other's; an OFAC entry
    # renamed; an Entity List entry (one of two Qihoo 360s) with a new address, alias, cite.
    rosenthal_za = next(
        e for e in entries if e.name.startswith("A. ROSENTHAL") and e.countries == ["ZA"]
    )
    ofac = next(e for e in entries if e.list_code == "SDN" and e.entry_type == "Entity")
    qihoo = next(e for e in entries if e.list_code == "EL" and e.name.startswith("Qihoo"))
    revised = {
        id(rosenthal_za): replace(
            rosenthal_za,
            addresses=[*rosenthal_za.addresses, "Windhoek, NA"],
            countries=["ZA", "NA"],
        ),
        id(ofac): replace(ofac, name=f"{ofac.name} (RENAMED)"),
        id(qihoo): replace(
            qihoo,
            addresses=[*qihoo.addresses, "Hong Kong, HK"],
            countries=[*qihoo.countries, "HK"],
            alt_names=[*qihoo.alt_names, "360 Security"],
            federal_register_notice=f"{qihoo.federal_register_notice}; 89 FR 10001",
        ),
    }
    # The next file, in another order: (the entry as it was, as it is now).
    versions = [(entry, revised.get(id(entry), entry)) for entry in entries]
    random.Random(7).shuffle(versions)

    after = keys_of([now for _, now in versions], previous_of(entries))

    assert after == [before[id(was)] for was, _ in versions]


def test_the_one_left_of_two_same_named_entries_keeps_its_own_key(full_csl):
    """Numbering the entries of a file afresh would give the one left the first number,
    and so the key of the one that left."""
    rosenthal = [e for e in full_csl.entries if e.name.startswith("A. ROSENTHAL")]
    assert sorted(e.countries[0] for e in rosenthal) == ["NA", "ZA"]
    before = dict(zip(map(id, rosenthal), keys_of(rosenthal), strict=True))
    (za,) = [e for e in rosenthal if e.countries == ["ZA"]]

    (after,) = keys_of([replace(za, addresses=["Johannesburg, ZA"])], previous_of(rosenthal))

    assert after == before[id(za)] and len(set(before.values())) == 2
    assert keys_of([za]) != [after]
