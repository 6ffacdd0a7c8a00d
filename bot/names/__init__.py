"""Name normalisation: small pure functions over the data tables in data/names/."""

from bot.names.normalise import (
    NameForm,
    analyse,
    core_key,
    legal_form_matcher,
    normalise_text,
    tokenise,
    without_brackets,
)

__all__ = [
    "NameForm",
    "analyse",
    "core_key",
    "legal_form_matcher",
    "normalise_text",
    "tokenise",
    "without_brackets",
]
