"""Name normalisation: small pure functions over the data tables in data/names/."""

from bot.names.normalise import NameForm, analyse, normalise_text, tokenise

__all__ = ["NameForm", "analyse", "normalise_text", "tokenise"]
