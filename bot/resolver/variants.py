"""Extra spellings a listed name implies: without its parenthesis, its acronym, its lead clause."""

from __future__ import annotations

import re

from bot.names import without_brackets

_TRAILING_PARENTHESIS = re.compile(r"\(([^()]*)\)[\s.,;]*$")
# How the Entity List names a unit of a listed parent within one entry.
# "SIBERIAN AIRLINES D/B/A S7 AIRLINES": the name it trades under is a name of its own.
_TRADING_AS = re.compile(r"\s+(?:d/b/a|dba|t/a|trading as|doing business as)\s+", re.IGNORECASE)
_SUB_ENTITY = re.compile(
    r"[.,;]?\s*(?:Affiliated Entit(?:y|ies)|Subordinate Institutions?)\s*[:\-\u2013]\s*",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-. ]{1,11}$")
# Where a name's lead clause ends: "X; and any successor ...", "X, including ...", and the
# Entity List's "X and any successor, sub-unit, or subsidiary thereof" without a comma.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|including)\s+|\s+and\s+(?:any|its|all)\s+(?:successors?|sub-?units?|subsidiar)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=\w)['’`](?=\w)")


def _is_initials_of(acronym: str, outside: str) -> bool:
    """ "TTP" against "TEHRIK-E TALIBAN PAKISTAN": its letters open words, in order."""
    letters = [char for char in acronym.lower() if char.isalnum()]
    initials = [word[0].lower() for word in _WORD.findall(outside)]
    position = 0
    for initial in initials:
        if position < len(letters) and initial == letters[position]:
            position += 1
    return len(letters) >= 2 and position == len(letters)


def _names_the_party(inner: str, name: str, outside: str) -> bool:
    """An acronym in brackets is how the list abbreviates the party; "(Hong Kong)" or
    "(Yanjiao)" only says where it sits."""
    if inner.lower() == outside.split()[0].lower():
        return True
    if name.isupper():
        return " " not in inner and _is_initials_of(inner, outside)
    return bool(_ACRONYM.match(inner))


def name_variants(name: str) -> list[str]:
    """The name itself, then spellings a reader would also call it by.

    "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    -> also "... 38th Research Institute" and "CETC 38"; "PMC Wagner; and any successor,
    sub-unit, or subsidiary thereof" -> also "PMC Wagner".
    """
    variants = [name]
    marker = _SUB_ENTITY.search(name)
    own_name = name[marker.end() :].strip(" .,:-") if marker else ""
    if own_name:
        # "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Huawei Device Co.":
        # the entry is the affiliate; its parent's name and acronym are not its own.
        return [name, own_name]
    outside = without_brackets(name)
    if outside != name:
        variants.append(outside)
        trailing = _TRAILING_PARENTHESIS.search(name)
        inner = trailing.group(1).strip() if trailing else ""
        if inner and _names_the_party(inner, name, outside):
            variants.append(inner)
    if _APOSTROPHE.search(name):
        # "Xi’an" is written "Xi an" and "Xian" alike; the normal form keeps "xian".
        variants.append(_APOSTROPHE.sub(" ", name))
    variants += [part.strip() for part in _TRADING_AS.split(name) if part.strip() != name]
    lead = _CLAUSE_BREAK.split(name, maxsplit=1)[0].strip()
    if lead and lead != name and len(lead) >= 3:
        variants.append(lead)
    return list(dict.fromkeys(variant for variant in variants if variant.strip()))
