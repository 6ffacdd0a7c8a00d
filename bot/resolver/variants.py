"""Extra spellings a listed name implies: without its parenthesis, its acronym, its lead clause."""

from __future__ import annotations

import re

from bot.names import bracket_names_the_party, without_asides, without_brackets

_TRAILING_PARENTHESIS = re.compile(r"\(([^()]*)\)[\s.,;]*$")
# How the Entity List names a unit of a listed parent within one entry.
# "SIBERIAN AIRLINES D/B/A S7 AIRLINES": the name it trades under is a name of its own.
_TRADING_AS = re.compile(r"\s+(?:d/b/a|dba|t/a|trading as|doing business as)\s+", re.IGNORECASE)
_SUB_ENTITY = re.compile(
    r"[.,;]?\s*(?:Affiliated Entit(?:y|ies)|Subordinate Institutions?)\s*[:\-\u2013]\s*",
    re.IGNORECASE,
)
# Where a name's lead clause ends: "X; and any successor ...", "X, including ...", and the
# Entity List's "X and any successor, sub-unit, or subsidiary thereof" without a comma.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|including)\s+|\s+and\s+(?:any|its|all)\s+(?:successors?|sub-?units?|subsidiar)",
    re.IGNORECASE,
)
_APOSTROPHE = re.compile(r"(?<=\w)['’`](?=\w)")


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
        # Without the brackets that only abbreviate it ("... Institute (CETC 38)"); a
        # bracket that says which one ("(Japan) Inc.") stays part of the name.
        variants.append(without_asides(name))
        trailing = _TRAILING_PARENTHESIS.search(name)
        inner = trailing.group(1).strip() if trailing else ""
        if inner and bracket_names_the_party(inner, name, outside):
            variants.append(inner)
    if _APOSTROPHE.search(name):
        # "Xi’an" is written "Xi an" and "Xian" alike; the normal form keeps "xian".
        variants.append(_APOSTROPHE.sub(" ", name))
    variants += [part.strip() for part in _TRADING_AS.split(name) if part.strip() != name]
    lead = _CLAUSE_BREAK.split(name, maxsplit=1)[0].strip()
    if lead and lead != name and len(lead) >= 3:
        variants.append(lead)
    return list(dict.fromkeys(variant for variant in variants if variant.strip()))
