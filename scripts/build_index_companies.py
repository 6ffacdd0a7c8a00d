"""Build benchmarks/data/index_companies.txt: real companies from twenty stock indices, as
negatives for the matching benchmark (companies that are on no US list).

    pip install pytickersymbols && python scripts/build_index_companies.py

The names come from the pytickersymbols package (MIT licence; its notice is copied,
verbatim, beside the list). Its indices (AEX, CAC 40, DAX, Dow Jones, FTSE 100, Nikkei 225,
S&P 500, S&P 600 ...) are a different source from the evaluation set's own negatives.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from pytickersymbols import PyTickerSymbols

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "benchmarks" / "data" / "index_companies.txt"
NOTICE = REPO / "benchmarks" / "data" / "index_companies.LICENSE"


def main() -> None:
    symbols = PyTickerSymbols()
    indices = symbols.get_all_indices()
    names = {
        " ".join(stock["name"].split())
        for index in indices
        for stock in symbols.get_stocks_by_index(index)
        if stock.get("name", "").strip()
    }
    version = importlib.metadata.version("pytickersymbols")
    header = (
        f"# Companies of {len(indices)} stock indices ({', '.join(indices)}), as the\n"
        f"# pytickersymbols package {version} names them (MIT licence: index_companies.LICENSE).\n"
        "# Negatives for benchmarks/matching.py. Rebuild: scripts/build_index_companies.py.\n"
    )
    TARGET.write_text(header + "\n".join(sorted(names, key=str.casefold)) + "\n", encoding="utf-8")
    dist = importlib.metadata.distribution("pytickersymbols")
    licence = next(f for f in dist.files or () if f.name == "LICENSE")
    NOTICE.write_text(Path(str(dist.locate_file(licence))).read_text(encoding="utf-8"))
    print(f"wrote {len(names)} names to {TARGET}")


if __name__ == "__main__":
    main()
