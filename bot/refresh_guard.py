"""Checks a new CSL must pass before it replaces the active one."""

from __future__ import annotations

from dataclasses import dataclass


class RefreshRefused(ValueError):
    """The new data looks wrong; the message says why and how to load it anyway."""


@dataclass(frozen=True)
class RefreshGuard:
    min_entries: int = 1000  # today's CSL has about 26,000
    max_shrink: float = 0.20  # a list losing more than this share of its entries

    def check(
        self, previous: dict[str, int] | None, new: dict[str, int], force: bool = False
    ) -> None:
        total = sum(new.values())
        if total < self.min_entries:
            raise RefreshRefused(
                f"the new data has {total:,} entries, fewer than the {self.min_entries:,} a "
                "full CSL has at the least (ENTITYBOT_MIN_ENTRIES); a partial download?"
            )
        if force or not previous:
            return
        shrunk = [
            (code, before, new.get(code, 0))
            for code, before in previous.items()
            if before and (before - new.get(code, 0)) / before > self.max_shrink
        ]
        if shrunk:
            said = "; ".join(
                f"{code} {before:,} -> {after:,} (-{(before - after) / before:.0%})"
                for code, before, after in shrunk
            )
            raise RefreshRefused(
                f"lists would lose more than {self.max_shrink:.0%} of their entries: {said}. "
                "If that is right, refresh again with --force."
            )
