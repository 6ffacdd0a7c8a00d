"""The answer to one query, independent of how it is shown (text, JSON, Slack)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.answers.scripts import script_note
from bot.spotting.unlisted import NameSpan

# "unknown": asked about a past date the data held cannot answer for (Answer.on).
Status = Literal["match", "ambiguous", "none", "unknown"]
DatePrecision = Literal["day", "year", "unknown"]
Relation = Literal["principal", "family"]
# "quote": a passage of a source, verbatim; "fields": the entry's field values, each verbatim,
# labelled and joined by entitybot (shown as such, never in quotation marks).
ExcerptKind = Literal["quote", "fields"]


@dataclass(frozen=True)
class ListingDate:
    """When a party was listed, as exactly as the data says, and how that is known."""

    day: date | None = None
    year: int | None = None
    source: str = "the list gives no date"

    @property
    def precision(self) -> DatePrecision:
        if self.day:
            return "day"
        return "year" if self.year else "unknown"

    @property
    def text(self) -> str:
        """ "2020-06-05", "2019", or "not known"."""
        if self.day:
            return self.day.isoformat()
        return str(self.year) if self.year else "not known"


@dataclass(frozen=True)
class NoticeRef:
    cite: str
    title: str
    url: str
    publication_date: date | None
    effective_date: date | None
    document_number: str = ""


# How an answer for a past date knows: "seen" in the data held on both sides of the day;
# from the "rule" (or list start date) that added the party and the data after it; "unknown".
Certainty = Literal["seen", "rule", "unknown"]


@dataclass(frozen=True)
class OnDate:
    """Whether one listing was on its list on a past date, and from what evidence."""

    day: date
    listed: bool | None  # None: the data held cannot say
    # "listed on 2021-03-03 (added 2020-06-05 by 85 FR 34495, still listed)"
    says: str
    certainty: Certainty


@dataclass(frozen=True)
class ListedParty:
    """One party on one list: its entries grouped (the same name under CN and GB)."""

    name: str
    list_code: str
    list_name: str
    agency: str
    entry_type: str
    score: float
    matched_on: str
    listing_date: ListingDate
    federal_register: list[str]
    # Every program and legal basis; `reason_compact` names a few and counts the rest.
    reason: str
    excerpt: str
    excerpt_source: str
    source_url: str
    countries: list[str]
    aliases: list[str]
    reason_compact: str = ""
    excerpt_kind: ExcerptKind = "fields"
    # "principal": the party the name was matched to; "family": another listed party whose
    # name carries every distinctive word typed (a brand's other companies).
    relation: Relation = "principal"
    license_requirement: str = ""
    license_policy: str = ""
    programs: list[str] = field(default_factory=list)
    notice: NoticeRef | None = None
    # Every entry's identity across dataset versions (bot.importers.identity).
    stable_keys: tuple[str, ...] = ()
    # Set in an answer for a past date (Answer.on): whether it was listed then.
    on_date: OnDate | None = None
    other_entries: list[str] = field(default_factory=list)
    # Listings of one answer with the same number are one party on several lists (a person
    # the ISN list writes "Parviz Khaki" and the SDN list "KHAKI, Parviz"); numbered from 1.
    party_number: int = 1
    # The list's own ID of the entry shown (the CSL's _id), as the data answered from has it.
    entry_id: str = ""

    @property
    def kind(self) -> str:
        """ "vessel", "individual", "aircraft"; "" for an entity or an entry of no type."""
        kind = self.entry_type.strip().lower()
        return "" if kind == "entity" else kind


@dataclass(frozen=True)
class FormerListing:
    """A party once on a list that the current data no longer holds: one a Federal Register
    notice added, or one an earlier dataset held and a refresh no longer has."""

    name: str
    list_code: str
    list_name: str
    score: float
    matched_on: str
    listed_from: ListingDate
    # It was on the list on the first date and off it by the second.
    left_between: tuple[date, date] | None
    federal_register: list[str]
    notice: NoticeRef | None
    reason: str
    excerpt: str
    excerpt_source: str
    source_url: str
    excerpt_kind: ExcerptKind = "fields"
    # The list's own ID of the entry as last held; "" for a party only a notice names.
    entry_id: str = ""
    # The entry's identity across dataset versions; "" for a party only a notice names.
    stable_key: str = ""
    # Set in an answer for a past date (Answer.on): whether it was listed then.
    on_date: OnDate | None = None

    @property
    def summary(self) -> str:
        """What a person should read: "Listed on the Entity List from 2020-06-05 (85 FR
        34503) until it left between 2026-07-31 and 2026-09-02; it is not on the current
        lists."""
        listed = self.listed_from
        since = (
            f"from {listed.text} ({listed.source})"
            if listed.precision != "unknown"
            else f"({listed.source})"
        )
        if self.left_between:
            last, gone = self.left_between
            until = f" until it left between {last.isoformat()} and {gone.isoformat()}"
        else:
            until = ""
        return f"Listed on the {self.list_name} {since}{until}; it is not on the current lists."


@dataclass(frozen=True)
class NearMiss:
    name: str
    list_code: str
    score: float


@dataclass(frozen=True)
class DataSummary:
    as_of: date | None
    entry_count: int
    lists: dict[str, int]
    # "EL" -> "Entity List", as the data names its lists.
    list_names: dict[str, str] = field(default_factory=dict)
    # Data older than this many days is flagged in every answer (ENTITYBOT_STALE_AFTER).
    stale_after_days: float = 7.0
    # The dataset version answered from (the audit record names it); 0 when not known.
    version_id: int = 0

    def age_days(self, today: date | None = None) -> int | None:
        return ((today or date.today()) - self.as_of).days if self.as_of else None

    def is_stale(self, today: date | None = None) -> bool:
        age = self.age_days(today)
        return age is None or age > self.stale_after_days


@dataclass(frozen=True)
class Answer:
    query: str
    status: Status
    results: list[ListedParty]
    history: list[FormerListing]
    near_misses: list[NearMiss]
    data: DataSummary
    # The past date asked about (`lookup --on`, "/entity NAME on DATE"): the status, and each
    # party's on_date, are for that day. None: today, from the data held now.
    on: date | None = None
    # The as-of date of the first data the store loaded (answers for a past date say it).
    held_since: date | None = None

    @property
    def principal(self) -> list[ListedParty]:
        return [party for party in self.results if party.relation == "principal"]

    @property
    def family(self) -> list[ListedParty]:
        return [party for party in self.results if party.relation == "family"]

    @property
    def formerly_listed(self) -> bool:
        """No current listing fits, and a party that was listed does."""
        if self.on is not None:
            # For a past date the status is that day's: "formerly" still means today.
            return not self.results and bool(self.history)
        return self.status == "none" and bool(self.history)

    @property
    def party_count(self) -> int:
        """How many parties the results name: a party listed on two lists counts once."""
        return len({party.party_number for party in self.results})

    @property
    def script_note(self) -> str:
        """For a name typed in another script that nothing fits, what the lists are written
        in and how to type it; "" otherwise."""
        return script_note(self.query) if self.status == "none" and not self.history else ""


@dataclass(frozen=True)
class Mention:
    """A part of a message that names a listed party (status match) or may (ambiguous)."""

    start: int
    end: int
    text: str
    why: str
    answer: Answer


@dataclass(frozen=True)
class MessageAnswer:
    """Every listed party a message names, and the other names it holds."""

    text: str
    mentions: list[Mention]
    # Parts of the message that read as names and matched nothing.
    unlisted: list[NameSpan]
    data: DataSummary

    def distinct_mentions(self) -> list[Mention]:
        """Each party once, where the message first names it."""
        seen: set[tuple[str, str]] = set()
        kept = []
        for mention in self.mentions:
            top = mention.answer.results[0] if mention.answer.results else None
            key = (top.name, top.list_code) if top else (mention.text.casefold(), "")
            if key not in seen:
                seen.add(key)
                kept.append(mention)
        return kept
