"""One CSL entry as the rest of entitybot sees it, whichever layout it came from."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from bot.federal_register.cites import parse_cites
from bot.importers.errors import CslFormatError

# "Entity List (EL) - Bureau of Industry and Security" -> code EL, name "Entity List";
# "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department" -> NS-MBS.
_SOURCE_CODE = re.compile(r"\(([A-Z][A-Za-z0-9-]*?)(?: List)?\)")
_AGENCY_SEPARATOR = " - "
# Entity List text ends a list with "; and X" (and "X; and any successor, sub-unit, ..."),
# so a piece of a "; "-joined field may begin with a stray "and ".
_LEADING_AND = re.compile(r"^and\s+", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass
class CslEntry:
    """What the list says of an entry. The store's columns for it are declared once, in
    bot.store.models.EntryFields, each named as the attribute here that it holds."""

    entry_id: str
    list_code: str
    list_name: str
    agency: str
    name: str
    entry_type: str = ""
    programs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    federal_register_notice: str = ""
    start_date: date | None = None
    end_date: date | None = None
    license_requirement: str = ""
    license_policy: str = ""
    remarks: str = ""
    source_list_url: str = ""
    source_information_url: str = ""
    alt_names: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def federal_register_cites(self) -> list[str]:
        return [str(cite) for cite in parse_cites(self.federal_register_notice)]


class EntryRecord(Protocol):
    """One raw entry of a layout, read the way that layout writes its values. CSV and JSON
    use the same keys; they differ in how a value is written."""

    @property
    def raw(self) -> dict[str, Any]:
        """The record as the file gives it."""
        ...

    def text(self, key: str) -> str:
        """The value as one stripped string, "" when absent."""
        ...

    def pieces(self, key: str) -> list[str]:
        """A value that lists things ("; "-joined, or a JSON list), one string each."""
        ...

    def addresses(self) -> tuple[list[str], list[str]]:
        """The address lines and the ISO codes of their countries."""
        ...


def read_entry(record: EntryRecord, where: str) -> CslEntry:
    """The entry a layout's record holds; `where` places it in the file for errors."""
    source = record.text("source")
    name = record.text("name")
    if not source or not name:
        raise CslFormatError(f"{where}: an entry needs both a source and a name")
    code, list_name, agency = list_code_and_name(source)
    addresses, countries = record.addresses()
    return CslEntry(
        # JSON from the older API calls the id `id`; the CSV has no such column.
        entry_id=record.text("_id")
        or record.text("id")
        or fallback_entry_id(source, name, addresses),
        list_code=code,
        list_name=list_name,
        agency=agency,
        name=name,
        entry_type=record.text("type"),
        programs=record.pieces("programs"),
        countries=countries,
        addresses=addresses,
        federal_register_notice=record.text("federal_register_notice"),
        start_date=parse_date(record.text("start_date")),
        end_date=parse_date(record.text("end_date")),
        license_requirement=record.text("license_requirement"),
        license_policy=record.text("license_policy"),
        remarks=record.text("remarks"),
        source_list_url=record.text("source_list_url"),
        source_information_url=record.text("source_information_url"),
        alt_names=record.pieces("alt_names"),
        raw=record.raw,
    )


def list_code_and_name(source: str) -> tuple[str, str, str]:
    """(code, list name, agency) from a CSL `source` value."""
    head, _, agency = source.partition(_AGENCY_SEPARATOR)
    found = _SOURCE_CODE.search(head)
    if found:
        code = found.group(1)
        name = " ".join((head[: found.start()] + head[found.end() :]).split())
    else:
        name = head.strip()
        code = "".join(word[0] for word in name.split() if word[:1].isupper()) or name
    return code, name, agency.strip()


def split_joined(value: str) -> list[str]:
    """Split a "; "-joined CSL field, keeping "; and" list endings out of the pieces."""
    pieces = []
    for piece in (value or "").split(";"):
        piece = _LEADING_AND.sub("", piece.strip()).strip()
        if piece:
            pieces.append(piece)
    return pieces


def split_list_field(value: Any) -> list[str]:
    """A field that JSON gives as a list and CSV as "; "-joined text; JSON list items carry
    the same "; and" quirk ("and SKB DNIKhTI", "HPSTAR;")."""
    if value is None:
        return []
    if isinstance(value, list):
        return [piece for item in value if item is not None for piece in split_joined(str(item))]
    return split_joined(str(value))


def is_country_code(value: str) -> bool:
    return bool(_COUNTRY_CODE.match(value))


def countries_from_addresses(addresses: list[str]) -> list[str]:
    """The CSV puts each address's ISO country code last ("..., Xian, China, CN")."""
    countries: dict[str, None] = {}
    for address in addresses:
        tail = address.rsplit(",", 1)[-1].strip()
        if is_country_code(tail):
            countries.setdefault(tail, None)
    return list(countries)


def parse_date(value: Any) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    for layout in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[: len("YYYY-MM-DDTHH:MM:SS")], layout).date()
        except ValueError:
            continue
    return None


def fallback_entry_id(source: str, name: str, addresses: list[str]) -> str:
    """Older CSV rows carry no id; derive one that is stable for the same row."""
    digest = hashlib.sha1("\x1f".join([source, name, *addresses]).encode("utf-8"))
    return "sha1:" + digest.hexdigest()[:20]
