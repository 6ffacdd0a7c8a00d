"""Name normalisation: small pure functions over the data tables in data/names/."""

from bot.names.normalise import (
    NameForm,
    analyse,
    bracket_names_the_party,
    core_key,
    legal_form_matcher,
    normalise_text,
    tokenise,
    without_asides,
    without_brackets,
)

__all__ = [
    "NameForm",
    "analyse",
    "bracket_names_the_party",
    "core_key",
    "legal_form_matcher",
    "normalise_text",
    "tokenise",
    "without_asides",
    "without_brackets",
]
