"""Reading what the app sent: the text of blocks, and Slack markup that must never appear."""

from __future__ import annotations

import re
from typing import Any

# Broadcasts, user and channel mentions: what an injected query must never become.
FORBIDDEN_MARKUP = re.compile(r"<!channel|<!here|<!everyone|<@[UW]|<#C|<!subteam", re.IGNORECASE)


def block_texts(blocks: list[dict[str, Any]]) -> str:
    """Every piece of mrkdwn in `blocks`, one per line."""
    parts: list[str] = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        parts += [field["text"] for field in block.get("fields", [])]
        for element in block.get("elements", []):
            if element.get("type") == "mrkdwn":
                parts.append(element["text"])
    return "\n".join(parts)


def block_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [block["block_id"] for block in blocks]


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for block in blocks:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [element for element in elements if element.get("type") == "button"]
    return found


def block_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """What Slack would reject in `blocks` (invalid_blocks), as readable lines."""
    problems = []
    if len(blocks) > 50:
        problems.append(f"{len(blocks)} blocks, more than 50")
    block_ids_seen: set[str] = set()
    action_ids_seen: set[str] = set()
    for block in blocks:
        block_id = block.get("block_id", "")
        if block_id in block_ids_seen:
            problems.append(f"block_id {block_id!r} twice")
        block_ids_seen.add(block_id)
        if len(block_id) > 255:
            problems.append(f"block_id longer than 255: {block_id[:40]}")
        if block.get("type") == "section":
            text = block.get("text", {}).get("text", "")
            if len(text) > 3000:
                problems.append(f"section {block_id} has {len(text)} characters")
            fields = block.get("fields", [])
            if len(fields) > 10 or any(len(f["text"]) > 2000 for f in fields):
                problems.append(f"section {block_id} fields over the limits")
            if not text and not fields:
                problems.append(f"section {block_id} is empty")
        for element in buttons([block]):
            action_id = element["action_id"]
            if action_id in action_ids_seen:
                problems.append(f"action_id {action_id!r} twice")
            action_ids_seen.add(action_id)
            if len(element.get("value", "")) > 2000 or len(element["text"]["text"]) > 75:
                problems.append(f"button {action_id} over the limits")
        if block.get("type") == "context" and len(block.get("elements", [])) > 10:
            problems.append(f"context {block_id} has more than 10 elements")
    return problems
