"""CSL data for the tests: the small fixture, and rows a test adds to it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ADMIN = "U0ADMIN"


def csl_csv(*extra: tuple[str, str]) -> str:
    """The small fixture CSV with extra Entity List rows (name, address)."""
    text = (FIXTURES / "csl-small.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for number, (name, address) in enumerate(extra, start=1):
        row = dict.fromkeys(rows[0], "")
        row.update(
            {
                "_id": f"el-extra-{number}",
                "source": "Entity List (EL) - Bureau of Industry and Security",
                "name": name,
                "addresses": address,
                "federal_register_notice": "89 FR 11111",
                "license_requirement": "For all items subject to the EAR.",
                "license_policy": "Presumption of denial",
                "source_list_url": "https://www.bis.gov/regulations/ear/744#supplement-4-744",
            }
        )
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# Two parties one query cannot tell apart: "Tianjin Sky Dragon" is ambiguous.
AMBIGUOUS_PAIR = (
    ("Tianjin Sky Dragon Electronics Co.", "Tianjin, CN"),
    ("Tianjin Sky Dragon Optics Co.", "Tianjin, CN"),
)
# Only in the data a refresh brings.
NEW_PARTY = ("Zephyr Quantum Dynamics Ltd.", "Minsk, BY")
