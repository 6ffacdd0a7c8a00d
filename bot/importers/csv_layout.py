"""The official CSL CSV: 29 columns with `_id` first (today), or 28 without (before 2020)."""

from __future__ import annotations

import csv
import io

from bot.importers.entry import (
    CslEntry,
    countries_from_addresses,
    fallback_entry_id,
    list_code_and_name,
    parse_date,
    split_joined,
)
from bot.importers.errors import CslFormatError

COLUMNS_28 = (
    "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
)  # fmt: skip
COLUMNS_29 = ("_id", *COLUMNS_28)


def parse_csv(text: str) -> tuple[list[CslEntry], int]:
    """Entries and the layout's column count."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column.strip().lstrip("\ufeff") for column in next(reader)]
    except StopIteration:
        raise CslFormatError("the file is empty") from None
    except csv.Error as exc:
        raise CslFormatError(f"not readable as CSV: {exc}") from exc
    missing = [column for column in COLUMNS_28 if column not in header]
    if missing:
        raise CslFormatError(
            f"wrong columns: {len(missing)} of the CSL's columns are missing "
            f"({', '.join(missing[:6])}{', ...' if len(missing) > 6 else ''}); "
            f"the header has {len(header)} columns starting {', '.join(header[:4])}"
        )
    entries = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CslFormatError(
                    f"line {reader.line_num}: {len(row)} fields where the header has "
                    f"{len(header)} (the file may be truncated or damaged)"
                )
            entries.append(_entry(dict(zip(header, row, strict=True)), reader.line_num))
    except csv.Error as exc:
        raise CslFormatError(
            f"line {reader.line_num}: {exc} (the file may be truncated or damaged)"
        ) from exc
    return entries, len(header)


def _entry(row: dict[str, str], line: int) -> CslEntry:
    source = row["source"].strip()
    name = row["name"].strip()
    if not source or not name:
        raise CslFormatError(f"line {line}: an entry needs both a source and a name")
    code, list_name, agency = list_code_and_name(source)
    addresses = split_joined(row["addresses"])
    return CslEntry(
        entry_id=(row.get("_id") or "").strip() or fallback_entry_id(source, name, addresses),
        list_code=code,
        list_name=list_name,
        agency=agency,
        name=name,
        entry_type=row["type"].strip(),
        programs=split_joined(row["programs"]),
        countries=countries_from_addresses(addresses),
        addresses=addresses,
        federal_register_notice=row["federal_register_notice"].strip(),
        start_date=parse_date(row["start_date"]),
        end_date=parse_date(row["end_date"]),
        license_requirement=row["license_requirement"].strip(),
        license_policy=row["license_policy"].strip(),
        remarks=row["remarks"].strip(),
        source_list_url=row["source_list_url"].strip(),
        source_information_url=row["source_information_url"].strip(),
        alt_names=split_joined(row["alt_names"]),
        raw=row,
    )
