"""What a no-match answer says when the name was typed in another script than the lists'.

The lists print every name in Latin letters; a name typed in Chinese characters or Cyrillic
is transliterated letter by letter for matching, which seldom meets the romanised or English
form a list prints ("China Electronics Technology Group Corporation 28th Research Institute").
"""

from __future__ import annotations

import unicodedata

# The first word of a letter's Unicode name -> how the answer names its script.
_SCRIPTS = {
    "CJK": "Chinese characters",
    "HIRAGANA": "Japanese script",
    "KATAKANA": "Japanese script",
    "HANGUL": "Korean script",
    "CYRILLIC": "Cyrillic letters",
    "ARABIC": "Arabic script",
    "HEBREW": "Hebrew letters",
    "GREEK": "Greek letters",
    "ARMENIAN": "Armenian letters",
    "GEORGIAN": "Georgian letters",
    "DEVANAGARI": "Devanagari script",
    "THAI": "Thai script",
}
_OTHER = "letters other than Latin ones"


def other_script(text: str) -> str:
    """How to name the non-Latin script the text's letters are in ("Chinese characters"),
    or "" when every letter is Latin (accented or not)."""
    found: set[str] = set()
    for char in text:
        if not unicodedata.category(char).startswith("L"):
            continue
        words = unicodedata.name(char, "").split()
        if "LATIN" in words or words[:1] == ["MODIFIER"]:
            continue
        found.add(_SCRIPTS.get(words[0], _OTHER) if words else _OTHER)
    if "Japanese script" in found:
        # Japanese mixes kana with Chinese characters; the kana say which language it is.
        found.discard("Chinese characters")
    return found.pop() if len(found) == 1 else _OTHER if found else ""


def script_note(query: str) -> str:
    """One line for a no-match answer to a name typed in another script: what the lists are
    written in and how to type the name instead; "" for a name in Latin letters."""
    script = other_script(query)
    if not script:
        return ""
    how = "in pinyin" if script == "Chinese characters" else "in Latin letters"
    return (
        f"This name is written in {script}, and the lists write every name in Latin "
        f"letters: look it up as the list romanises it, {how} or by its English name."
    )
