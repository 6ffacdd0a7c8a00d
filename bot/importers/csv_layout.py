"""The official CSL CSV: 29 columns with `_id` first (today), or 28 without (before 2020)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from bot.importers.entry import CslEntry, countries_from_addresses, read_entry, split_joined
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
            record = _CsvRecord(dict(zip(header, row, strict=True)))
            entries.append(read_entry(record, f"line {reader.line_num}"))
    except csv.Error as exc:
        raise CslFormatError(
            f"line {reader.line_num}: {exc} (the file may be truncated or damaged)"
        ) from exc
    return entries, len(header)


@dataclass(frozen=True)
class _CsvRecord:
    """A row by column name: every value text, lists "; "-joined."""

    raw: dict[str, str]

    def text(self, key: str) -> str:
        return (self.raw.get(key) or "").strip()

    def pieces(self, key: str) -> list[str]:
        return split_joined(self.raw.get(key) or "")

    def addresses(self) -> tuple[list[str], list[str]]:
        lines = self.pieces("addresses")
        return lines, countries_from_addresses(lines)
