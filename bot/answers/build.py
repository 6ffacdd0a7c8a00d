"""From a resolution to an answer: list, listing date, reason and source excerpt per party."""

from __future__ import annotations

from dataclasses import replace

from bot.answers.dates import listing_date
from bot.answers.model import (
    Answer,
    DataSummary,
    ExcerptKind,
    FormerListing,
    ListedParty,
    ListingDate,
    NearMiss,
    NoticeRef,
)
from bot.answers.reasons import Reason, derived_reason
from bot.federal_register.book import (
    NOTICE_LIST_CODE,
    NOTICE_LIST_NAME,
    NoticeBook,
    NoticeMention,
)
from bot.federal_register.bundle import BUNDLED_SOURCE
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
) -> tuple[str, str, ExcerptKind]:
    """The excerpt, where it is from, and what kind it is: the rule's own passage on the
    party when a notice names it (a verbatim quote when the Federal Register's text gave
    it; the curated table gives the entry's fields), else the entry's fields as its list
    prints them (`as_listed` says so)."""
    if adding and adding.party is not None:
        kind: ExcerptKind = "fields" if adding.notice.source == BUNDLED_SOURCE else "quote"
        return adding.party.excerpt, adding.party.excerpt_source, kind
    return entry_excerpt(entry), as_listed, "fields"


def why_listed(entry: Designation | ListingHistory, adding: NoticeMention | None) -> Reason:
    """The rule that added the entry, in its own words where they are known (the answer
    names the rule), else what the entry's licence requirement and programs say."""
    if adding:
        said = (adding.party.reason if adding.party else "") or adding.notice.reason
        return Reason(said, said)
    return derived_reason(
        entry.list_code, entry.list_name, entry.license_requirement, entry.programs
    )


def when_listed(entry: Designation | ListingHistory, adding: NoticeMention | None) -> ListingDate:
    return listing_date(
        start_date=entry.start_date,
        rule_effective=adding.notice.effective_date if adding else None,
        rule_cite=adding.notice.cite if adding else "",
        own_fields=(entry.federal_register_notice, entry.remarks),
        cites=entry.federal_register_cites,
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
        # Candidates of one identity are one party on several lists: they share a number.
        numbers: dict[int, int] = {}
        for candidate in (*resolution.candidates, *resolution.family):
            numbers.setdefault(candidate.party.identity, len(numbers) + 1)
        return Answer(
            query=resolution.query,
            status=resolution.status,
            results=[
                replace(self._listed(c), party_number=numbers[c.party.identity])
                for c in resolution.candidates
            ]
            + [
                replace(self._listed(c), relation="family", party_number=numbers[c.party.identity])
                for c in resolution.family
            ],
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
        excerpt, excerpt_source, excerpt_kind = source_excerpt(
            shown, adding, f"The entry's fields as the {shown.list_name} prints them (CSL)."
        )
        reason = why_listed(shown, adding)
        return ListedParty(
            name=shown.name,
            list_code=shown.list_code,
            list_name=shown.list_name,
            agency=shown.agency,
            entry_type=shown.entry_type,
            score=candidate.score,
            matched_on=candidate.matched_on,
            listing_date=when_listed(shown, adding),
            federal_register=cites,
            reason=reason.full,
            reason_compact=reason.compact,
            excerpt=excerpt,
            excerpt_source=excerpt_source,
            excerpt_kind=excerpt_kind,
            source_url=shown.source_information_url or shown.source_list_url,
            countries=countries,
            aliases=aliases,
            license_requirement=shown.license_requirement,
            license_policy=shown.license_policy,
            programs=shown.programs,
            entry_id=shown.entry_id,
            notice=notice_ref(adding.notice) if adding else None,
            stable_keys=tuple(entry.stable_key for entry in group),
            # Each other entry once: two rows of one name and country read as one.
            other_entries=list(
                dict.fromkeys(
                    f"{entry.name} ({', '.join(entry.countries)})"
                    if entry.countries
                    else entry.name
                    for entry in group[1:]
                    if (entry.name, entry.countries) != (shown.name, shown.countries)
                )
            ),
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
            listed_from=ListingDate(
                day=notice.effective_date,
                year=notice.effective_date.year if notice.effective_date else None,
                source=f"effective date of {notice.cite}",
            ),
            left_between=None,
            federal_register=[notice.cite],
            notice=notice_ref(notice),
            reason=party.reason or notice.reason,
            excerpt=party.excerpt,
            excerpt_source=party.excerpt_source,
            excerpt_kind="fields" if notice.source == BUNDLED_SOURCE else "quote",
            source_url=notice.url,
        )

    def _departed(self, candidate: Candidate, row: ListingHistory) -> FormerListing:
        """An entry an earlier dataset held and the active one does not."""
        adding = self._adding_notice(row, [row.name, *row.aliases])
        listed_from = when_listed(row, adding)
        if listed_from.precision == "unknown":
            listed_from = ListingDate(
                day=row.first_seen,
                source=f"on the list in the first data held, as of {row.first_seen}",
            )
        excerpt, excerpt_source, excerpt_kind = source_excerpt(
            row, adding, f"The entry's fields as the {row.list_name} printed them when last seen."
        )
        return FormerListing(
            name=row.name,
            list_code=row.list_code,
            list_name=row.list_name,
            score=candidate.score,
            matched_on=candidate.matched_on,
            listed_from=listed_from,
            left_between=(row.last_seen, row.gone_by) if row.gone_by else None,
            federal_register=list(row.federal_register_cites),
            notice=notice_ref(adding.notice) if adding else None,
            reason=why_listed(row, adding).full,
            excerpt=excerpt,
            excerpt_source=excerpt_source,
            excerpt_kind=excerpt_kind,
            source_url=row.source_url,
            entry_id=row.entry_id,
            stable_key=row.stable_key,
        )
