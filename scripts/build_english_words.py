"""Build data/names/english_words.txt: common English words, which running text uses as
words rather than as names ("Target", "Advance", "Air").

    python scripts/build_english_words.py /usr/share/dict/american-english-small

The source is SCOWL's size-35 American English list as Debian's `wamerican-small` package
ships it (`apt-get download wamerican-small`, then `dpkg-deb -x`). Only lower-case words of
letters are kept (proper nouns, possessives and abbreviations are left out). SCOWL's
copyright notice must travel with the list: it is copied, verbatim, beside it.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "data" / "names" / "english_words.txt"
NOTICE = REPO / "data" / "names" / "english_words.COPYRIGHT"
_WORD = re.compile(r"[a-z]+")

HEADER = """\
# Common English words (SCOWL size 35, American English, as Debian's wamerican-small
# package ships it; lower-case words only). In running text these are words, not names:
# one of them alone is never read as a listed party. Copyright notice:
# english_words.COPYRIGHT. Rebuild with scripts/build_english_words.py.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", type=Path, help="american-english-small from wamerican-small")
    parser.add_argument(
        "--copyright",
        type=Path,
        help="the package's copyright file (default: ../../doc/wamerican-small/copyright)",
    )
    arguments = parser.parse_args()
    words = sorted(
        {line.strip() for line in arguments.words.read_text(encoding="utf-8").splitlines()}
    )
    kept = [word for word in words if _WORD.fullmatch(word)]
    TARGET.write_text(HEADER + "\n".join(kept) + "\n", encoding="utf-8")
    notice = arguments.copyright or (
        arguments.words.parents[1] / "doc" / "wamerican-small" / "copyright"
    )
    shutil.copyfile(notice, NOTICE)
    print(f"wrote {len(kept):,} words to {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
