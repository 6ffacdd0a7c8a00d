"""Batch screening: every name of a CSV or text file screened, every row kept in order.

The file is read whole (the surfaces cap its size), its layout found (a CSV with any
delimiter the sniffer detects, or one name per line), its name column found by header, and
each row gets the input's own columns plus the screening columns. A row whose name cannot
be looked up (empty, too long) gets status "error" with the reason: never dropped, since a
list that silently loses rows reads as screened when it was not.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from bot.answers.display import counted
from bot.answers.model import Answer
from bot.resolver.resolve import QueryError

# Headers that name the column holding the names, compared case- and space-insensitively.
NAME_HEADERS = (
    "name",
    "company",
    "company name",
    "companyname",
    "party",
    "party name",
    "supplier",
    "supplier name",
    "customer",
    "customer name",
    "vendor",
    "vendor name",
    "organisation",
    "organization",
    "organisation name",
    "organization name",
    "entity",
    "entity name",
    "counterparty",
    "legal name",
    "business name",
    "consignee",
)
RESULT_COLUMNS = (
    "status",
    "matched_name",
    "list",
    "listing_date",
    "reason",
    "federal_register",
    "score",
    "why",
)
DELIMITERS = ",;\t|"
# Enough lines for the sniffer to tell the delimiter; more only slows it down.
SNIFF_CHARACTERS = 64 * 1024
# A name cell is at most 400 characters (MAX_QUERY_LENGTH); a cell this long is not a name
# but a file that is not CSV, and csv would refuse it anyway past its own field limit.
MAX_CELL = 100_000

# (rows done, rows in all): called every so often while the names are screened.
BatchProgress = Callable[[int, int], None]
# Screening.lookup_many: each name's answer, or why it was refused, in order.
LookupMany = Callable[[list[str]], Sequence[Answer | QueryError]]
# Names looked up together: their entries are read from the store in one query.
CHUNK = 100


class BatchRefused(ValueError):
    """The file cannot be screened as given; the message says why in one line."""


@dataclass(frozen=True)
class BatchTable:
    """The rows of a file as read, and where the names are."""

    header: list[str] | None
    rows: list[list[str]]
    name_column: int
    # "," ... or "" for a file of one name per line.
    delimiter: str

    @property
    def layout(self) -> str:
        if not self.delimiter:
            return "one name per line"
        shown = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}[self.delimiter]
        column = self.header[self.name_column] if self.header else f"{self.name_column + 1}"
        return f"CSV ({shown}-delimited), names in column {column!r}"


@dataclass
class BatchSummary:
    rows: int = 0
    matches: int = 0
    possible: int = 0
    errors: int = 0
    # (row number from 1, name as typed, the answer) of each row that matched or may have.
    found: list[tuple[int, str, Answer]] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"{counted(self.rows, 'row')} screened: {counted(self.matches, 'match', 'matches')}, "
            f"{counted(self.possible, 'possible match', 'possible matches')}, "
            f"{counted(self.errors, 'error')}"
        )


def decode(data: bytes) -> str:
    """UTF-8 text (a byte order mark is fine), or BatchRefused in one line."""
    if b"\x00" in data[:8192]:
        raise BatchRefused("the file is binary, not CSV or text: save it as a UTF-8 CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BatchRefused(
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start:,}, "
            f"line {line:,}): save it as CSV UTF-8"
        ) from None
    if not text.strip():
        raise BatchRefused("the file is empty: it holds no names to screen")
    return text


def read_table(text: str, column: str | None = None, max_rows: int | None = None) -> BatchTable:
    """The file's rows and its name column; BatchRefused in one line when it has none."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    delimiter = _delimiter(text, lines[0])
    if not delimiter and column is None:
        rows = [[line] for line in lines]
        header = rows[0] if _is_name_header(lines[0]) else None
        return _capped(BatchTable(header, rows[1:] if header else rows, 0, ""), max_rows)
    rows = _parse(lines, delimiter or ",")
    header = rows[0]
    wanted = column.strip().casefold() if column is not None else None
    found = [
        n
        for n, cell in enumerate(header)
        if (_normal(cell) == wanted if wanted is not None else _is_name_header(cell))
    ]
    if not found:
        if column is not None:
            raise BatchRefused(f"no column {column[:60]!r}; the header has: {_listed(header)}")
        if len(header) == 1 or not _is_table(rows):
            # Names that hold the delimiter ("Huawei Technologies Co., Ltd."): one a line.
            return _capped(BatchTable(None, [[line] for line in lines], 0, ""), max_rows)
        raise BatchRefused(
            f"no column is headed like a name (name, company, supplier, customer, vendor, "
            f"...); the header has: {_listed(header)}. Say which with --column"
        )
    table = BatchTable(header, rows[1:], found[0], delimiter or ",")
    _check_delimiter(table)
    return _capped(table, max_rows)


def screen_rows(
    table: BatchTable, lookup: LookupMany, progress: BatchProgress | None = None
) -> Iterator[tuple[list[str], Answer | str]]:
    """Each row with its answer, or the reason it could not be looked up, in order. Names
    are looked up CHUNK at a time (their entries read from the store together), and a name
    the file repeats is looked up once."""
    answers: dict[str, Answer | str] = {}
    total = len(table.rows)
    for start in range(0, total, CHUNK):
        rows = table.rows[start : start + CHUNK]
        names = [row[table.name_column] if table.name_column < len(row) else "" for row in rows]
        keys = [" ".join(name.split()).casefold() for name in names]
        asked = {key: name for key, name in zip(keys, names, strict=True) if key not in answers}
        found = lookup(list(asked.values()))
        for key, result in zip(asked, found, strict=True):
            answers[key] = str(result) if isinstance(result, QueryError) else result
        if progress is not None:
            progress(start + len(rows), total)
        for row, key in zip(rows, keys, strict=True):
            yield row, answers[key]


def result_cells(result: Answer | str) -> list[str]:
    """The screening columns (RESULT_COLUMNS) of one row."""
    if isinstance(result, str):
        return ["error", "", "", "", "", "", "", result]
    top = result.results[0] if result.results else None
    if top is not None:
        # Every listing of the party answered, one per list: a row that named only its
        # first list would hide the others (Hikvision is on the CMIC list and the EL).
        listings = [party for party in result.results if party.party_number == top.party_number]
        dated = [party for party in listings if party.listing_date.precision != "unknown"]
        return [
            result.status,
            top.name,
            "; ".join(dict.fromkeys(party.list_code for party in listings)),
            "; ".join(
                f"{party.list_code}: {party.listing_date.text}"
                if len(listings) > 1
                else party.listing_date.text
                for party in dated
            ),
            "; ".join(dict.fromkeys(party.reason for party in listings if party.reason)),
            "; ".join(dict.fromkeys(cite for party in listings for cite in party.federal_register)),
            f"{top.score:g}",
            _why(result),
        ]
    former = result.history[0] if result.history else None
    if former is not None:
        return [
            result.status,
            former.name,
            former.list_code,
            former.listed_from.text if former.listed_from.precision != "unknown" else "",
            former.reason,
            "; ".join(former.federal_register),
            f"{former.score:g}",
            former.summary,
        ]
    return [result.status, "", "", "", "", "", "", "no listed name comes close"]


def write_results(
    table: BatchTable,
    out: IO[str],
    lookup: LookupMany,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Screen every row and write it to `out` as CSV: its own columns, then the results."""
    writer = csv.writer(out, lineterminator="\n")
    width = max([len(table.header or [])] + [len(row) for row in table.rows[:1000]] + [1])
    header = table.header or (["name"] if width == 1 else [f"column {n + 1}" for n in range(width)])
    writer.writerow([*header, *RESULT_COLUMNS])
    summary = BatchSummary()
    for number, (row, result) in enumerate(screen_rows(table, lookup, progress), 1):
        summary.rows += 1
        if isinstance(result, str):
            summary.errors += 1
        elif result.status == "match":
            summary.matches += 1
            summary.found.append((number, row[table.name_column], result))
        elif result.status == "ambiguous":
            summary.possible += 1
            summary.found.append((number, row[table.name_column], result))
        writer.writerow([*(_safe(cell) for cell in row), *result_cells(result)])
    return summary


def _why(answer: Answer) -> str:
    top = answer.results[0]
    if answer.status == "ambiguous":
        parties = answer.party_count
        if parties == 1:
            return f"1 listed party comes close, not clearly: “{top.matched_on}”"
        return f"{parties} listed parties come close; none clearly"
    return f"matched on “{top.matched_on}” (score {top.score:g})"


def _safe(cell: str) -> str:
    """A typed cell a spreadsheet would run as a formula gets a leading quote, as the audit
    export does."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def _normal(cell: str) -> str:
    return " ".join(cell.replace("_", " ").split()).casefold()


def _is_name_header(cell: str) -> bool:
    return _normal(cell) in NAME_HEADERS


def _listed(header: list[str]) -> str:
    shown = ", ".join(repr(cell[:40]) for cell in header[:12])
    return shown + (f" and {len(header) - 12} more" if len(header) > 12 else "")


def _delimiter(text: str, first_line: str) -> str:
    """The delimiter, or "" for one name per line: one the sniffer finds that is also in
    the first line (a header of one column means a file of one column, whatever commas
    its names hold, "Huawei Technologies Co., Ltd.")."""
    try:
        found = csv.Sniffer().sniff(text[:SNIFF_CHARACTERS], delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = next((d for d in DELIMITERS if d in first_line), "")
    return found if found in first_line else ""


def _parse(lines: list[str], delimiter: str) -> list[list[str]]:
    if any(len(line) > MAX_CELL for line in lines):
        raise BatchRefused(
            f"a line is longer than {MAX_CELL:,} characters: this is not a list of names"
        )
    try:
        return list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as exc:
        raise BatchRefused(f"the CSV cannot be read: {exc}") from None


def _check_delimiter(table: BatchTable) -> None:
    """A file split on the wrong delimiter has rows of another width than its header; most
    rows so is a misread file, not a few ragged rows."""
    width = len(table.header or [])
    sample = table.rows[:1000]
    odd = sum(1 for row in sample if row and len(row) != width)
    if sample and odd * 2 > len(sample):
        shown = {"\t": "tab"}.get(table.delimiter, table.delimiter)
        raise BatchRefused(
            f"{odd:,} of the first {len(sample):,} rows do not have the header's {width} "
            f"columns split on {shown!r}: the rows use another delimiter than the header"
        )


def _is_table(rows: list[list[str]]) -> bool:
    """Most rows as wide as the first: a table (of no name header), not lines of names."""
    sample = rows[:1000]
    return sum(1 for row in sample if len(row) == len(rows[0])) * 10 >= len(sample) * 9


def _capped(table: BatchTable, max_rows: int | None) -> BatchTable:
    if max_rows is not None and len(table.rows) > max_rows:
        raise BatchRefused(
            f"the file has {len(table.rows):,} rows; at most {max_rows:,} are screened at "
            "once, so split it"
        )
    if not table.rows:
        raise BatchRefused("the file has a header but no rows to screen")
    return table
