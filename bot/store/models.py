"""Tables. Lists and the raw record are JSON columns, so one schema serves both databases."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from bot.importers.entry import CslEntry


class SchemaVersion(SQLModel, table=True):
    __tablename__ = "schema_version"

    id: int = Field(default=1, primary_key=True)
    version: int


class DatasetVersion(SQLModel, table=True):
    """One loaded copy of the CSL; exactly one is active and answers lookups."""

    __tablename__ = "dataset_version"

    id: int | None = Field(default=None, primary_key=True)
    source: str
    layout: str
    fetched_at: datetime
    as_of: date | None = None
    sha256: str
    entry_count: int
    counts_per_list: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    active: bool = Field(default=False, index=True)
    loaded_by: str = ""
    load_seconds: float = 0.0


class EntryFields(SQLModel):
    """What a list says of one entry: the one declaration of the columns a designation and
    the history of listings share.

    Each column is named as the CslEntry attribute it holds, so `entry_columns` fills them
    by name. A column added here reaches both tables; an existing store needs a step in
    bot/store/database.py to add it to them.
    """

    entry_id: str
    list_code: str = Field(index=True)
    list_name: str
    agency: str = ""
    name: str = Field(sa_type=Text)
    entry_type: str = ""
    programs: list[str] = Field(default_factory=list, sa_type=JSON)
    countries: list[str] = Field(default_factory=list, sa_type=JSON)
    addresses: list[str] = Field(default_factory=list, sa_type=JSON)
    federal_register_notice: str = Field(default="", sa_type=Text)
    federal_register_cites: list[str] = Field(default_factory=list, sa_type=JSON)
    start_date: date | None = None
    end_date: date | None = None
    license_requirement: str = Field(default="", sa_type=Text)
    license_policy: str = Field(default="", sa_type=Text)
    remarks: str = Field(default="", sa_type=Text)
    source_list_url: str = ""
    source_information_url: str = ""

    @property
    def source_url(self) -> str:
        """Where to read about the entry: its own page, else its list's."""
        return self.source_information_url or self.source_list_url


def entry_columns(entry: CslEntry) -> dict[str, Any]:
    """The entry's value for each EntryFields column."""
    return {name: getattr(entry, name) for name in EntryFields.model_fields}


class Designation(EntryFields, table=True):
    """One CSL entry of one dataset version."""

    __tablename__ = "designation"

    id: int | None = Field(default=None, primary_key=True)
    dataset_id: int = Field(foreign_key="dataset_version.id", index=True)
    # Identifies the entry across dataset versions, whatever else about it changes; unique
    # within a version (bot.importers.identity).
    stable_key: str = Field(default="", sa_type=Text, index=True)
    # Changes when anything the list says of the entry changes.
    fingerprint: str = ""
    raw: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class Alias(SQLModel, table=True):
    __tablename__ = "alias"

    id: int | None = Field(default=None, primary_key=True)
    designation_id: int = Field(foreign_key="designation.id", index=True)
    dataset_id: int = Field(foreign_key="dataset_version.id", index=True)
    alias: str = Field(sa_column=Column(Text, nullable=False))


class FederalRegisterNotice(SQLModel, table=True):
    """A Federal Register rule that added or revised listed parties."""

    __tablename__ = "federal_register_notice"

    cite: str = Field(primary_key=True)  # "85 FR 34495", the rule's first page
    volume: int = Field(index=True)
    first_page: int
    last_page: int
    document_number: str = ""
    document_number_verified: bool = False
    publication_date: date | None = None
    effective_date: date | None = None
    agency: str = ""
    action: str = ""
    title: str = ""
    url: str = ""
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    quote: str = Field(default="", sa_column=Column(Text, nullable=False))
    quote_source: str = ""
    source: str = "bundled"


class NoticeParty(SQLModel, table=True):
    """A party a notice names, with the text that names it."""

    __tablename__ = "notice_party"

    id: int | None = Field(default=None, primary_key=True)
    notice_cite: str = Field(foreign_key="federal_register_notice.cite", index=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    countries: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    role: str = "added"  # or "revised"
    excerpt: str = Field(default="", sa_column=Column(Text, nullable=False))
    excerpt_source: str = Field(default="", sa_column=Column(Text, nullable=False))
    # The rule's own words on why this party, where its text says (else the notice's reason).
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class Claim(SQLModel, table=True):
    """A right one process takes and every other process sees: answering one Slack event,
    running the one refresh. A unique key is what makes it hold across workers."""

    __tablename__ = "claim"

    key: str = Field(primary_key=True)  # "event:Ev0123", "message:C1:1712.0001", "refresh"
    holder: str = ""  # who took it, for messages (a Slack user ID)
    token: str = ""  # what the holder releases it with
    claimed_at: datetime
    expires_at: datetime = Field(index=True)
    # The process holding it, so that a lock whose holder died can be taken over at once.
    host: str = ""
    pid: int = 0


class ListingHistory(EntryFields, table=True):
    """Every entry any loaded dataset held, by stable key, as the latest dataset holding it
    gave it: when it was first and last seen, and when it left."""

    __tablename__ = "listing_history"

    stable_key: str = Field(primary_key=True)
    # A designation's aliases are rows of the alias table; history keeps them with the entry.
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    first_seen: date  # as-of date of the first dataset that held it
    last_seen: date  # as-of date of the last dataset that held it
    # As-of date of the first dataset without it: it left between last_seen and this.
    gone_by: date | None = Field(default=None, index=True)


class FederalRegisterLookup(SQLModel, table=True):
    """What the Federal Register API said of a cite, so no cite is asked about twice."""

    __tablename__ = "federal_register_lookup"

    cite: str = Field(primary_key=True)  # "85 FR 34497"
    checked_at: datetime
    outcome: str  # "found", "not found", "failed"
    notice_cite: str = ""  # the notice holding it, when found
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))


class StoreMeta(SQLModel, table=True):
    """Facts about the store itself, by name (which bundled tables it holds, say)."""

    __tablename__ = "store_meta"

    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))
