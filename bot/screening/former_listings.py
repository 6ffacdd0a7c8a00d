"""Parties that were listed and are not now, indexed beside the current ones.

Two kinds: entries an earlier dataset held that the active one does not (departed), and
parties a Federal Register rule on file added that no current or departed Entity List entry
bears the name of. Both share the name index with current listings, under ids no
designation has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.federal_register.book import NOTICE_LIST_CODE
from bot.names import core_key
from bot.resolver import Listing
from bot.store.models import ListingHistory, NoticeParty

# Designation ids are positive; former listings count down from these.
NOTICE_PARTY_IDS = -1
DEPARTED_IDS = -10_000_000


@dataclass(frozen=True)
class CurrentName:
    """A name a current listing goes by, with its list."""

    list_code: str
    name: str


@dataclass(frozen=True)
class FormerListings:
    listings: list[Listing]
    # By listing id: the party a rule added, or the entry a refresh saw leave.
    notice_parties: dict[int, NoticeParty]
    departed_entries: dict[int, ListingHistory]


def former_listings(
    departed: Iterable[ListingHistory],
    notice_parties: Iterable[NoticeParty],
    current: Iterable[CurrentName],
) -> FormerListings:
    listings: list[Listing] = []
    departed_entries: dict[int, ListingHistory] = {}
    for number, entry in enumerate(departed):
        listing_id = DEPARTED_IDS - number
        departed_entries[listing_id] = entry
        listings.append(
            Listing(
                listing_id,
                entry.list_code,
                entry.name,
                tuple(entry.aliases),
                entry.entry_type,
                former=True,
            )
        )
    # A party a rule added is former when no current entry of the rule's list, and no
    # departed entry already indexed, bears its name.
    known = {core_key(entry.name) for entry in departed_entries.values()}
    known |= {core_key(named.name) for named in current if named.list_code == NOTICE_LIST_CODE}
    by_notice: dict[int, NoticeParty] = {}
    for party in notice_parties:
        if party.role == "added" and core_key(party.name) not in known:
            listing_id = NOTICE_PARTY_IDS - (party.id or 0)
            by_notice[listing_id] = party
            listings.append(
                Listing(listing_id, NOTICE_LIST_CODE, party.name, tuple(party.aliases), former=True)
            )
    return FormerListings(listings, by_notice, departed_entries)
