"""One CSL entry as the rest of entitybot sees it, whichever layout it came from."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from bot.federal_register.cites import parse_cites
from bot.names import analyse

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
    def cites(self) -> list[str]:
        return [str(cite) for cite in parse_cites(self.federal_register_notice)]

    @cached_property
    def stable_key(self) -> str:
        """List + normalised name + countries: what says two versions hold the same entry
        (the CSL's `_id` is not stable for Entity List rows)."""
        core = " ".join(analyse(self.name).core)
        return f"{self.list_code}|{core}|{','.join(sorted(self.countries))}"


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
