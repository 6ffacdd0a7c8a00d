"""From a resolution to an answer: list, listing date, reason and source excerpt per party."""

from __future__ import annotations

from datetime import date

from bot.answers.model import (
    Answer,
    DataSummary,
    FormerListing,
    ListedParty,
    NearMiss,
    NoticeRef,
)
from bot.answers.reasons import derived_reason
from bot.federal_register.book import (
    NOTICE_LIST_CODE,
    NOTICE_LIST_NAME,
    NoticeBook,
    NoticeMention,
)
from bot.federal_register.cites import Cite
from bot.resolver import Candidate, Resolution
from bot.store.models import Designation, FederalRegisterNotice, ListingHistory, NoticeParty


def notice_ref(notice: FederalRegisterNotice) -> NoticeRef:
    return NoticeRef(
        cite=notice.cite,
        title=notice.title,
        url=notice.url,
        publication_date=notice.publication_date,
        effective_date=notice.effective_date,
        document_number=notice.document_number,
    )


def entry_excerpt(entry: Designation | ListingHistory) -> str:
    """The entry as its list prints it, field values verbatim."""
    cites = (
        entry.federal_register_notice
        if isinstance(entry, Designation)
        else "; ".join(entry.federal_register_cites)
    )
    pieces = [
        f"{','.join(entry.countries)}: {entry.name}" if entry.countries else entry.name,
        f"License requirement: {entry.license_requirement}" if entry.license_requirement else "",
        f"License review policy: {entry.license_policy}"
        if isinstance(entry, Designation) and entry.license_policy
        else "",
        f"Programs: {'; '.join(entry.programs)}" if entry.programs else "",
        f"Federal Register citation: {cites}" if cites else "",
        f"Remarks: {entry.remarks}" if isinstance(entry, Designation) and entry.remarks else "",
    ]
    return " \u2014 ".join(piece for piece in pieces if piece)


def source_excerpt(
    entry: Designation | ListingHistory, adding: NoticeMention | None, as_listed: str
) -> tuple[str, str]:
    """The excerpt and where it is from: the rule's own passage on the party when a notice
    names it, else the entry as its list prints it (`as_listed` says so)."""
    if adding and adding.party is not None:
        return adding.party.excerpt, adding.party.excerpt_source
    return entry_excerpt(entry), as_listed


def why_listed(entry: Designation | ListingHistory, adding: NoticeMention | None) -> str:
    """The rule that added the entry, in its own words where they are known (the answer
    names the rule), else what the entry's licence requirement and programs say."""
    if adding:
        return (adding.party.reason if adding.party else "") or adding.notice.reason
    return derived_reason(
        entry.list_code, entry.list_name, entry.license_requirement, entry.programs
    )


class AnswerBuilder:
    def __init__(
        self,
        book: NoticeBook,
        data: DataSummary,
        entries: dict[int, Designation],
        aliases: dict[int, list[str]],
        former_parties: dict[int, NoticeParty],
        former_entries: dict[int, ListingHistory],
    ) -> None:
        self.book = book
        self.data = data
        self.entries = entries
        self.aliases = aliases
        self.former_parties = former_parties
        self.former_entries = former_entries

    def answer(self, resolution: Resolution) -> Answer:
        return Answer(
            query=resolution.query,
            status=resolution.status,
            results=[self._listed(candidate) for candidate in resolution.candidates],
            history=[self._former(candidate) for candidate in resolution.former],
            near_misses=[
                NearMiss(
                    name=self.entries[c.listing_id].name,
                    list_code=c.party.list_code,
                    score=c.score,
                )
                for c in resolution.near_misses
            ],
            data=self.data,
        )

    def _listed(self, candidate: Candidate) -> ListedParty:
        shown = self.entries[candidate.listing_id]
        group = [shown] + [
            self.entries[listing_id]
            for listing_id in candidate.party.listing_ids
            if listing_id != candidate.listing_id
        ]
        countries = list(dict.fromkeys(c for entry in group for c in entry.countries))
        cites = list(dict.fromkeys(c for entry in group for c in entry.federal_register_cites))
        aliases = list(
            dict.fromkeys(a for entry in group for a in self.aliases.get(entry.id or 0, ()))
        )
        names = [entry.name for entry in group] + aliases
        adding = self._adding_notice(shown, names)
        listing_date, date_note = self._listing_date(shown, adding)
        excerpt, excerpt_source = source_excerpt(
            shown, adding, f"The entry as the {shown.list_name} prints it (CSL, verbatim)."
        )
        return ListedParty(
            name=shown.name,
            list_code=shown.list_code,
            list_name=shown.list_name,
            agency=shown.agency,
            entry_type=shown.entry_type,
            score=candidate.score,
            matched_on=candidate.matched_on,
            listing_date=listing_date,
            listing_date_note=date_note,
            federal_register=cites,
            reason=why_listed(shown, adding),
            excerpt=excerpt,
            excerpt_source=excerpt_source,
            source_url=shown.source_information_url or shown.source_list_url,
            countries=countries,
            aliases=aliases,
            license_requirement=shown.license_requirement,
            license_policy=shown.license_policy,
            programs=shown.programs,
            notice=notice_ref(adding.notice) if adding else None,
            other_entries=[
                f"{entry.name} ({', '.join(entry.countries)})" if entry.countries else entry.name
                for entry in group[1:]
            ],
        )

    def _adding_notice(
        self, entry: Designation | ListingHistory, names: list[str]
    ) -> NoticeMention | None:
        """The notice that put the entry on its list: one that names it as added, else the
        rule holding its earliest cite, when that rule is on file."""
        cites = sorted(filter(None, (Cite.parse(c) for c in entry.federal_register_cites)))
        mentions = [m for cite in cites if (m := self.book.mention(cite, names))]
        for mention in mentions:
            if mention.party is not None and mention.party.role == "added":
                return mention
        if cites and mentions and mentions[0].notice is self.book.notice_for(cites[0]):
            return mentions[0]
        return None

    @staticmethod
    def _listing_date(
        entry: Designation | ListingHistory, adding: NoticeMention | None
    ) -> tuple[date | None, str]:
        if entry.start_date:
            return entry.start_date, "start date on the list"
        if adding and adding.notice.effective_date:
            return adding.notice.effective_date, f"effective date of {adding.notice.cite}"
        cites = sorted(filter(None, (Cite.parse(c) for c in entry.federal_register_cites)))
        if cites:
            return None, f"first cited in {cites[0]}; that rule's date is not on file"
        return None, "the list gives no date"

    def _former(self, candidate: Candidate) -> FormerListing:
        if candidate.listing_id in self.former_entries:
            return self._departed(candidate, self.former_entries[candidate.listing_id])
        party = self.former_parties[candidate.listing_id]
        notice = self.book.party_notice(party)
        return FormerListing(
            name=party.name,
            list_code=NOTICE_LIST_CODE,
            list_name=NOTICE_LIST_NAME,
            score=candidate.score,
            matched_on=candidate.matched_on,
            listed_from=notice.effective_date,
            listed_from_note=f"{notice.cite}",
            left_between=None,
            federal_register=[notice.cite],
            notice=notice_ref(notice),
            reason=party.reason or notice.reason,
            excerpt=party.excerpt,
            excerpt_source=party.excerpt_source,
            source_url=notice.url,
        )

    def _departed(self, candidate: Candidate, row: ListingHistory) -> FormerListing:
        """An entry an earlier dataset held and the active one does not."""
        adding = self._adding_notice(row, [row.name, *row.aliases])
        listed_from, note = self._listing_date(row, adding)
        if listed_from is None:
            note = f"on the list in the data as of {row.first_seen}; {note}"
        excerpt, excerpt_source = source_excerpt(
            row, adding, f"The entry as the {row.list_name} printed it when it was last seen."
        )
        return FormerListing(
            name=row.name,
            list_code=row.list_code,
            list_name=row.list_name,
            score=candidate.score,
            matched_on=candidate.matched_on,
            listed_from=listed_from,
            listed_from_note=note,
            left_between=(row.last_seen, row.gone_by) if row.gone_by else None,
            federal_register=list(row.federal_register_cites),
            notice=notice_ref(adding.notice) if adding else None,
            reason=why_listed(row, adding),
            excerpt=excerpt,
            excerpt_source=excerpt_source,
            source_url=row.source_url,
        )
