"""Federal Register citations ("85 FR 34497") parsed out of the CSL's free text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "85 FR 34497", "82 F.R. 48792 10/20/2017", "84 FR 22961, 84 FR 43495", "85  FR 51603"
# The page may not run into a date: "72 F.R. 1/30/07" has no page, "1" is the month.
_CITE = re.compile(r"\b(\d{1,3})\s*\.?\s*F\.?\s?R\.?\s*(\d{1,6})\b(?![/\d])")
_CITE_URL = "https://www.federalregister.gov/citation/{volume}-FR-{page}"
# Volume 1 is 1936, and each year since has its own volume: 84 FR is 2019.
FIRST_VOLUME_YEAR = 1935


@dataclass(frozen=True, order=True)
class Cite:
    volume: int
    page: int

    def __str__(self) -> str:
        return f"{self.volume} FR {self.page}"

    @property
    def year(self) -> int:
        """The year the Federal Register printed this volume."""
        return FIRST_VOLUME_YEAR + self.volume

    @property
    def url(self) -> str:
        """The Federal Register's own page for the document holding this cite."""
        return _CITE_URL.format(volume=self.volume, page=self.page)

    @classmethod
    def parse(cls, text: str) -> Cite | None:
        found = _CITE.search(text)
        return cls(int(found.group(1)), int(found.group(2))) if found else None


def parse_cites(text: str) -> list[Cite]:
    """Every cite in `text`, in the order written, without repeats.

    The CSL writes an entry's history as free text ("84 FR 54002; 85 FR 34505") with
    inconsistent separators; a cite without a page ("88 FR") names no document and is skipped.
    """
    seen: dict[Cite, None] = {}
    for match in _CITE.finditer(text or ""):
        seen.setdefault(Cite(int(match.group(1)), int(match.group(2))), None)
    return list(seen)
