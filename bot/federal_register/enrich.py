"""Fill in what the CSL does not say: for each cite no stored notice covers, ask the Federal
Register API for its document, store the notice, and pull out of its text what it says of
each party that cites it (the passage naming it, the reason it states).

It never blocks answers: it runs beside them (in the background after a refresh, or as
`entitybot enrich`), stores each notice as it goes, remembers every cite it asked about so
that an interrupted run resumes where it stopped, and stops with a note, changing nothing
more, when the API cannot be reached.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.federal_register.api import FederalRegisterApi, FederalRegisterError, FrDocument
from bot.federal_register.book import NoticeBook
from bot.federal_register.cites import Cite
from bot.federal_register.extract import find_party, rule_reason
from bot.store.datasets import CitedEntry, cited_entries
from bot.store.models import FederalRegisterLookup, FederalRegisterNotice, NoticeParty
from bot.store.notices import (
    all_notice_parties,
    all_notices,
    lookups,
    mark_verified,
    save_lookups,
    save_notices,
)

SOURCE = "federalregister.gov"


@dataclass
class EnrichReport:
    cites_asked: int = 0
    notices_added: list[str] = field(default_factory=list)
    parties_named: int = 0
    not_found: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    verified: list[str] = field(default_factory=list)
    # Why the run stopped early, when it did (the API out of reach, say).
    stopped: str = ""

    def describe(self) -> str:
        said = (
            f"Federal Register: asked about {self.cites_asked} cites; "
            f"{len(self.notices_added)} notices added ({self.parties_named} parties named)"
        )
        if self.verified:
            said += f"; {len(self.verified)} bundled notices confirmed"
        if self.not_found:
            said += f"; {len(self.not_found)} cites not found"
        if self.failed:
            said += f"; {len(self.failed)} documents unreadable ({self.failed[0]})"
        if self.stopped:
            said += f". Stopped: {self.stopped}; the next run resumes from here"
        return said + "."


class Enricher:
    def __init__(self, engine: Engine, api: FederalRegisterApi) -> None:
        self.engine = engine
        self.api = api

    def run(self, dataset_id: int, limit: int | None = None) -> EnrichReport:
        report = EnrichReport()
        try:
            self._confirm_bundled(report)
            self._add_missing(dataset_id, limit, report)
        except FederalRegisterError as exc:
            report.stopped = str(exc)
        return report

    def _confirm_bundled(self, report: EnrichReport) -> None:
        for notice in all_notices(self.engine):
            if notice.source != "bundled" or notice.document_number_verified:
                continue
            document = self.api.find(Cite(notice.volume, notice.first_page))
            if document and document.document_number:
                mark_verified(self.engine, notice.cite, document.document_number, document.html_url)
                report.verified.append(notice.cite)

    def _add_missing(self, dataset_id: int, limit: int | None, report: EnrichReport) -> None:
        book = NoticeBook(all_notices(self.engine), all_notice_parties(self.engine))
        asked = lookups(self.engine)
        entries = cited_entries(self.engine, dataset_id)
        citing: dict[Cite, list[CitedEntry]] = defaultdict(list)
        for entry in entries:
            for text in entry.cites:
                cite = Cite.parse(text)
                if cite:
                    citing[cite].append(entry)
        pending = sorted(
            cite
            for cite in citing
            if book.notice_for(cite) is None
            and asked.get(str(cite), _NEVER).outcome not in {"found", "not found"}
        )
        for cite in pending[:limit]:
            if book.notice_for(cite):  # a document fetched for an earlier cite holds it
                continue
            report.cites_asked += 1
            document = self.api.find(cite)
            if document is None:
                save_lookups(self.engine, [_lookup(cite, "not found")])
                report.not_found.append(str(cite))
                continue
            try:
                notice, parties = self._notice(document, citing)
            except FederalRegisterError as exc:
                if exc.unreachable:
                    raise
                # This document's text is missing or broken: note it, ask again next run.
                save_lookups(self.engine, [_lookup(cite, "failed", detail=str(exc))])
                report.failed.append(f"{cite}: {exc}")
                continue
            save_notices(self.engine, [(notice, parties)])
            save_lookups(
                self.engine,
                [_lookup(c, "found", notice.cite) for c in citing if document.holds(c)],
            )
            book = NoticeBook([*book.notices.values(), notice], [*book.parties, *parties])
            report.notices_added.append(notice.cite)
            report.parties_named += len(parties)

    def _notice(
        self, document: FrDocument, citing: dict[Cite, list[CitedEntry]]
    ) -> tuple[FederalRegisterNotice, list[NoticeParty]]:
        text = self.api.raw_text(document)
        cite = f"{document.volume} FR {document.start_page}"
        parties = []
        for entry in {
            e.designation_id: e for c, es in citing.items() if document.holds(c) for e in es
        }.values():
            passage = find_party(text, [entry.name, *entry.aliases])
            if passage is None:
                continue
            earliest = min(filter(None, (Cite.parse(c) for c in entry.cites)))
            parties.append(
                NoticeParty(
                    notice_cite=cite,
                    name=entry.name,
                    aliases=list(entry.aliases),
                    role="added" if document.holds(earliest) else "revised",
                    excerpt=passage.excerpt,
                    excerpt_source=f"{cite}, the rule's text as the Federal Register publishes it.",
                    reason=passage.reason or "",
                )
            )
        notice = FederalRegisterNotice(
            cite=cite,
            volume=document.volume,
            first_page=document.start_page,
            last_page=document.end_page,
            document_number=document.document_number,
            document_number_verified=True,
            publication_date=document.publication_date,
            effective_date=document.effective_on or document.publication_date,
            agency="Bureau of Industry and Security",
            action=document.action,
            title=document.title,
            url=document.html_url,
            reason=rule_reason(text) or document.abstract,
            source=SOURCE,
        )
        return notice, parties


_NEVER = FederalRegisterLookup(cite="", checked_at=datetime.min, outcome="")


def _lookup(
    cite: Cite, outcome: str, notice_cite: str = "", detail: str = ""
) -> FederalRegisterLookup:
    return FederalRegisterLookup(
        cite=str(cite),
        checked_at=datetime.now(UTC),
        outcome=outcome,
        notice_cite=notice_cite,
        detail=detail,
    )
