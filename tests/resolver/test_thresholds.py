"""Every resolver threshold is named once, with its reason, and listed in the README."""

from __future__ import annotations

import ast

from bot.resolver import thresholds
from tests.conftest import REPO

SOURCE = REPO / "bot" / "resolver" / "thresholds.py"


def _constants() -> list[str]:
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    ]


def test_every_threshold_has_a_reason_above_it():
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.split(" = ")[0] in _constants():
            above = number - 1
            while lines[above].split(" = ")[0] in _constants():
                above -= 1  # constants of one comment share its reason
            assert lines[above].startswith("# "), line


def test_every_threshold_is_listed_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _constants() if f"`{name}`" not in readme]
    assert missing == []


def test_decision_thresholds_are_ordered():
    assert thresholds.NEAR_MISS_SCORE < thresholds.CANDIDATE_SCORE < thresholds.MATCH_SCORE
    assert thresholds.SHORT_NAME_SCORE < thresholds.MATCH_SCORE
    assert min(s for _, _, s in thresholds.SPELLING_SLIPS) == thresholds.SPELLING_SLIP
