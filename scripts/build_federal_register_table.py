"""Write data/federal_register_notices.json from the rule material in ../shared/data.

The Federal Register text of these rules was not obtainable offline; what we have is
verbatim government text about them and the verbatim Entity List entries (CSL values) that
cite them. This script keeps that split honest: each party's excerpt is its entry as the
Entity List prints it, quoted field by field, and says so; notice metadata and the
plain-language reasons are ours, written from the material's headers and research notes.

    python scripts/build_federal_register_table.py [../shared/data/federal-register]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "federal-register"
TARGET = REPO / "data" / "federal_register_notices.json"

ENTITY_LIST_TITLE = (
    "Addition of Entities to the Entity List, and Revision of Entry on the Entity List"
)
# Verbatim, 15 CFR 744.16 (eCFR): what every Entity List addition rests on.
ENTITY_LIST_BASIS = (
    "The Entity List (supplement no. 4 to part 744) identifies persons reasonably believed "
    "to be involved, or to pose a significant risk of being or becoming involved, in "
    "activities contrary to the national security or foreign policy interests of the United "
    "States."
)

NOTICES = [
    {
        "cite": "84 FR 22961",
        "volume": 84,
        "first_page": 22961,
        "last_page": 22969,
        "document_number": "2019-10616",
        "document_number_verified": False,
        "publication_date": "2019-05-21",
        "effective_date": "2019-05-16",
        "agency": "Bureau of Industry and Security",
        "action": "Final rule",
        "title": "Addition of Entities to the Entity List",
        "url": "https://www.federalregister.gov/citation/84-FR-22961",
        "reason": (
            "Huawei Technologies Co., Ltd. was added because the End-User Review Committee "
            "found reasonable cause to believe it has been involved in activities contrary to "
            "US national security or foreign-policy interests (the conduct alleged in its US "
            "indictment, including violations of Iran sanctions), and its non-US affiliates "
            "because they pose a significant risk of involvement in such activities "
            "(EAR \u00a7744.11). Licence required for all items subject to the EAR; "
            "presumption of denial."
        ),
        "quote": {
            "text": (
                "On May 16, 2019, Huawei Technologies Co., Ltd. (Huawei) and sixty-eight of its "
                "non-U.S. affiliates were added to the Entity List."
            ),
            "source": "84 FR 43487 (FR Doc. 2019-17920, August 21, 2019), Summary",
        },
        "section": "84FR22961",
        "source_file": "84FR22961_2019-05-21_huawei-entity-list-addition.txt",
    },
    {
        "cite": "85 FR 34495",
        "volume": 85,
        "first_page": 34495,
        "last_page": 34502,
        "document_number": "2020-10868",
        "document_number_verified": False,
        "publication_date": "2020-06-05",
        "effective_date": "2020-06-05",
        "agency": "Bureau of Industry and Security",
        "action": "Final rule",
        "title": ENTITY_LIST_TITLE,
        "url": "https://www.federalregister.gov/citation/85-FR-34495",
        "reason": (
            "Added for a significant risk of supporting the procurement of items for military "
            "end-use in China: activities contrary to US national security or foreign-policy "
            "interests (EAR \u00a7744.11). Licence required for all items subject to the EAR; "
            "presumption of denial."
        ),
        "quote": {"text": ENTITY_LIST_BASIS, "source": "15 CFR 744.16"},
        "section": "85 FR 34495-34502",
        "source_file": "85FR34495_85FR34503_2020-06-05_entity-list-additions.txt",
    },
    {
        "cite": "85 FR 34503",
        "volume": 85,
        "first_page": 34503,
        "last_page": 34510,
        "document_number": "2020-10869",
        "document_number_verified": False,
        "publication_date": "2020-06-05",
        "effective_date": "2020-06-05",
        "agency": "Bureau of Industry and Security",
        "action": "Final rule",
        "title": ENTITY_LIST_TITLE,
        "url": "https://www.federalregister.gov/citation/85-FR-34503",
        "reason": (
            "Added for complicity in human-rights violations and abuses committed in China's "
            "campaign of repression, mass arbitrary detention, forced labour and high-technology "
            "surveillance against Uighurs and other Muslim minority groups in the Xinjiang "
            "Uighur Autonomous Region: activities contrary to US foreign-policy interests "
            "(EAR \u00a7744.11)."
        ),
        "quote": {"text": ENTITY_LIST_BASIS, "source": "15 CFR 744.16"},
        "section": "85 FR 34503-34510",
        "source_file": "85FR34495_85FR34503_2020-06-05_entity-list-additions.txt",
        # The rule's nine additions (BIS announcement of May 22, 2020); the CSL gives three of
        # them an older cite as well, and no longer lists the Institute of Forensic Science.
        "added": [
            "Ministry of Public Security's Institute of Forensic Science of China",
            "Aksu Huafu Textiles Co.",
            "CloudWalk Technology",
            "FiberHome Technologies Group",
            "Nanjing FiberHome Starrysky Communication Development Co.",
            "NetPosa",
            "SenseNets",
            "Intellifusion",
            "IS'Vision",
        ],
        "not_in_csl": {
            "Ministry of Public Security's Institute of Forensic Science of China": {
                "aliases": ["Institute of Forensic Science of China"],
                "countries": ["CN"],
            }
        },
    },
]

_CITE = re.compile(r"(\d+)\s*FR\s*(\d+)")


def _blocks(text: str, section: str) -> list[dict[str, str]]:
    """The "name: ..." blocks of the VERBATIM CSL DATA part whose heading names `section`."""
    parts = re.split(r"\n={20,}\n", text)
    for part in parts:
        heading = part.splitlines()[0] if part.strip() else ""
        if heading.startswith("VERBATIM CSL DATA") and section.replace(" ", "") in heading.replace(
            " ", ""
        ):
            return _parse_blocks(part)
    raise SystemExit(f"no VERBATIM CSL DATA section for {section}")


def _parse_blocks(part: str) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    for line in part.splitlines():
        if line.startswith("name: "):
            blocks.append({"name": line[len("name: ") :].strip()})
        elif line.startswith("  ") and ": " in line and blocks:
            key, _, value = line.strip().partition(": ")
            blocks[-1][key] = value.strip()
    return blocks


def _earliest(cites: str) -> tuple[int, int] | None:
    found = [(int(v), int(p)) for v, p in _CITE.findall(cites)]
    return min(found) if found else None


def _excerpt(block: dict[str, str]) -> str:
    pieces = [f"{block['countries']}: {block['name']}"]
    if block.get("alt_names"):
        pieces.append("a.k.a. " + "; ".join(a.strip() for a in block["alt_names"].split("|")))
    pieces.append(f"License requirement: {block.get('license_requirement', '')}")
    pieces.append(f"License review policy: {block.get('license_policy', '')}")
    pieces.append(f"Federal Register citation: {block.get('federal_register_notice', '')}")
    return " \u2014 ".join(pieces)


EXCERPT_SOURCE = (
    "The party's Entity List entry (Supplement No. 4 to Part 744) as the Consolidated Screening "
    "List carries it on 2026-07-31, field values quoted verbatim."
)


def build(source: Path) -> dict[str, object]:
    notices = []
    for spec in NOTICES:
        text = (source / spec["source_file"]).read_text(encoding="utf-8")
        added_names = spec.get("added")
        parties = []
        for block in _blocks(text, spec["section"]):
            earliest = _earliest(block.get("federal_register_notice", ""))
            in_range = (
                earliest is not None
                and earliest[0] == spec["volume"]
                and spec["first_page"] <= earliest[1] <= spec["last_page"]
            )
            added = block["name"] in added_names if added_names else in_range
            parties.append(
                {
                    "name": block["name"],
                    "aliases": [
                        a.strip() for a in block.get("alt_names", "").split("|") if a.strip()
                    ],
                    "countries": [c.strip() for c in block["countries"].split(",") if c.strip()],
                    "role": "added" if added else "revised",
                    "excerpt": _excerpt(block),
                    "excerpt_source": EXCERPT_SOURCE,
                }
            )
        for name, extra in spec.get("not_in_csl", {}).items():
            parties.append(
                {
                    "name": name,
                    "aliases": extra["aliases"],
                    "countries": extra["countries"],
                    "role": "added",
                    "excerpt": f"{spec['title']} ({spec['cite']}): {name}.",
                    "excerpt_source": (
                        "The rule's title (BIS Federal Register notices index) and the party's "
                        "name as the rule gives it; its entry is no longer on the Entity List, "
                        "so the CSL holds no entry text for it."
                    ),
                }
            )
        notice = {
            key: value
            for key, value in spec.items()
            if key not in {"section", "source_file", "added", "not_in_csl"}
        }
        notice["parties"] = parties
        notices.append(notice)
    return {
        "provenance": (
            "Written for entitybot from the Federal Register material in shared/data/"
            "federal-register/ (US Government works, public domain) by "
            "scripts/build_federal_register_table.py. Titles and dates are from the BIS "
            "Federal Register notices index; quotes are verbatim government text with their "
            "source; each party's excerpt is its Entity List entry, field values verbatim from "
            "the CSL of 2026-07-31. Document numbers are unverified until the Federal Register "
            "API confirms them. Reasons are plain-language summaries written for entitybot."
        ),
        "notices": notices,
    }


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    table = build(source)
    TARGET.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = {n["cite"]: sum(p["role"] == "added" for p in n["parties"]) for n in table["notices"]}
    print(f"wrote {TARGET}: parties added per notice {counts}")


if __name__ == "__main__":
    main()
