"""Print the README's table of resolver thresholds from bot/resolver/thresholds.py, or write
it into README.md in place with --write (between the table's header and the next blank
line), so the README lists every threshold with the reason its comment gives.

    python scripts/readme_thresholds.py --write
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "bot" / "resolver" / "thresholds.py"
README = REPO / "README.md"
HEADER = "| threshold | value | why |\n|---|---|---|\n"
_CONSTANT = re.compile(r"^([A-Z_]+) = (.+)$")


def rows() -> list[tuple[str, str, str]]:
    """(name, value, reason) per constant; constants under one comment share its reason."""
    found: list[tuple[str, str, str]] = []
    reason: list[str] = []
    after_constant = False
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# --"):
            reason, after_constant = [], False
        elif line.startswith("#"):
            if after_constant:
                reason, after_constant = [], False
            reason.append(line[1:].strip())
        elif found_constant := _CONSTANT.match(line):
            name, value = found_constant.groups()
            if value.startswith(("((", "min(")):
                value = "see `thresholds.py`"
            found.append((name, value, " ".join(reason)))
            after_constant = True
    return found


def table() -> str:
    return HEADER + "\n".join(f"| `{n}` | {v} | {why} |" for n, v, why in rows()) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    arguments = parser.parse_args()
    if not arguments.write:
        print(table(), end="")
        return 0
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.index("\n\n", start)
    README.write_text(text[:start] + table().rstrip("\n") + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
