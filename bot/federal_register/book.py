"""In-memory view of the stored notices: which rule a cite belongs to, what it says of a party."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.federal_register.cites import Cite
from bot.names import core_key
from bot.store.models import FederalRegisterNotice, NoticeParty

# The rules on file are the Bureau of Industry and Security's: the parties they add go on
# the Entity List.
NOTICE_LIST_CODE = "EL"
NOTICE_LIST_NAME = "Entity List"


@dataclass(frozen=True)
class NoticeMention:
    """A notice and, when it names the party, how."""

    notice: FederalRegisterNotice
    party: NoticeParty | None


class NoticeBook:
    def __init__(self, notices: list[FederalRegisterNotice], parties: list[NoticeParty]) -> None:
        self.notices = {notice.cite: notice for notice in notices}
        self._by_volume: dict[int, list[FederalRegisterNotice]] = defaultdict(list)
        for notice in notices:
            self._by_volume[notice.volume].append(notice)
        self.parties = parties
        # Parties by exact name first, then by core name ("Qihoo 360 Technology Co. Ltd"
        # and "Qihoo 360 Technology Company" are two entries of one party).
        self._party_by_name: dict[tuple[str, str], NoticeParty] = {}
        self._party_by_key: dict[tuple[str, tuple[str, ...]], NoticeParty] = {}
        for party in parties:
            self._party_by_name.setdefault((party.notice_cite, party.name.casefold()), party)
            for name in (party.name, *party.aliases):
                self._party_by_key.setdefault((party.notice_cite, core_key(name)), party)

    def notice_for(self, cite: Cite) -> FederalRegisterNotice | None:
        """The rule whose pages hold `cite`: the CSL cites the page an entry is printed on."""
        for notice in self._by_volume.get(cite.volume, ()):
            if notice.first_page <= cite.page <= notice.last_page:
                return notice
        return None

    def mention(self, cite: Cite, names: list[str]) -> NoticeMention | None:
        notice = self.notice_for(cite)
        if notice is None:
            return None
        for name in names:
            party = self._party_by_name.get((notice.cite, name.casefold()))
            if party is not None:
                return NoticeMention(notice, party)
        for name in names:
            party = self._party_by_key.get((notice.cite, core_key(name)))
            if party is not None:
                return NoticeMention(notice, party)
        return NoticeMention(notice, None)

    def party_notice(self, party: NoticeParty) -> FederalRegisterNotice:
        return self.notices[party.notice_cite]
