"""Plain-language reasons from an entry's licence requirement and programs (data/reasons.json)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from bot.bundle import bundled_path

_EAR_SECTION = re.compile(r"\b(7[34]\d\.\d{1,2})\b")
# A compact reason names this many programs and counts the rest ("+2 more programs").
PROGRAMS_SHOWN = 3


@dataclass(frozen=True)
class Reason:
    """Why an entry is listed: every program and legal basis, and the line to show."""

    full: str
    compact: str


@dataclass(frozen=True)
class ReasonTable:
    ear_sections: dict[str, str]
    precedence: tuple[str, ...]
    programs: dict[str, str]
    lists: dict[str, str]


@cache
def reason_table() -> ReasonTable:
    raw = json.loads(bundled_path("reasons.json").read_text(encoding="utf-8"))
    return ReasonTable(
        ear_sections=raw["ear_sections"],
        precedence=tuple(raw["section_precedence"]),
        programs=raw["programs"],
        lists=raw["lists"],
    )


def ear_sections(license_requirement: str) -> list[str]:
    return list(dict.fromkeys(_EAR_SECTION.findall(license_requirement or "")))


def derived_reason(
    list_code: str, list_name: str, license_requirement: str, programs: list[str]
) -> Reason:
    """Why an entry is listed, from what the CSL says of it.

    The licence requirement names the EAR section the listing rests on ("See §744.11");
    OFAC and State entries carry program codes (SDGT, RUSSIA-EO14024), every one of which
    is kept; the compact line names the first few and counts the others.
    """
    table = reason_table()
    found = ear_sections(license_requirement)
    for section in table.precedence:
        if section in found:
            said = f"{list_name}: {table.ear_sections[section]} (EAR \u00a7{section})."
            return Reason(said, said)
    phrases = [table.programs.get(code, f"program {code}") for code in programs]
    if phrases:
        full = f"{list_name}: " + "; ".join(phrases) + "."
        if len(phrases) <= PROGRAMS_SHOWN:
            return Reason(full, full)
        hidden = len(phrases) - PROGRAMS_SHOWN
        more = f"+{hidden} more program{'s' if hidden > 1 else ''}"
        return Reason(full, f"{list_name}: " + "; ".join(phrases[:PROGRAMS_SHOWN]) + f" ({more}).")
    said = table.lists.get(list_code) or (
        f"Listed on the {list_name}; the list gives no reason for this entry."
    )
    return Reason(said, said)
