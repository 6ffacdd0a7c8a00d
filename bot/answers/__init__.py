"""Answers: what the bot and the CLI say about a query, built from a resolution."""

from bot.answers.model import Answer, FormerListing, ListedParty, NearMiss

__all__ = ["Answer", "FormerListing", "ListedParty", "NearMiss"]
