"""The house rules the layout promises (README, Architecture), checked on the code itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

BOT = REPO / "bot"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 200
# Slack code talks to the domain through bot.screening and plain values, never the database.
NOT_FROM_SLACK = ("bot.store", "sqlmodel", "sqlalchemy", "psycopg")
# The domain knows nothing of Slack.
NOT_FROM_DOMAIN = ("bot.slack", "slack_bolt", "slack_sdk")


def modules(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imported(path)
        if any(name.split(".")[: len(f.split("."))] == f.split(".") for f in forbidden)
    )


@pytest.mark.parametrize("path", modules(BOT / "slack"), ids=lambda p: p.name)
def test_slack_code_never_reaches_the_store(path):
    assert offending(path, NOT_FROM_SLACK) == []


@pytest.mark.parametrize(
    "path",
    [p for p in modules(BOT) if "slack" not in p.relative_to(BOT).parts and p.name != "cli.py"],
    ids=lambda p: str(p.relative_to(BOT)),
)
def test_the_domain_knows_nothing_of_slack(path):
    assert offending(path, NOT_FROM_DOMAIN) == []


def test_no_module_or_class_is_too_big():
    too_big = []
    for path in modules(BOT):
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_big.append(f"{path.relative_to(REPO)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno:
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    too_big.append(f"{path.relative_to(REPO)}:{node.name}: {size} lines")
    assert too_big == []
