"""Turn a typed company name into ranked listings: exact, alias, legal form, typo, short name."""

from bot.resolver.decide import Candidate
from bot.resolver.index import Listing, NameIndex
from bot.resolver.resolve import Resolution, Resolver

__all__ = ["Candidate", "Listing", "NameIndex", "Resolution", "Resolver"]
