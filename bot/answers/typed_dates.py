"""A day as people type it ("2021-03-03", "3 March 2021", "March 3, 2021", "03/03/2021"),
and "NAME on DATE" / "NAME as of DATE" split into the name and the day.

The accepted forms are pinned here; python-dateutil reads the month names and checks the
day exists. Anything else that looks like a date ("03.04.2021", "3/4/21", "2021/03/04",
"31/03/2021") is refused in one line rather than guessed: a wrong day gives a wrong answer.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WORDS = re.compile(
    rf"(?:{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}})", re.IGNORECASE
)
# What reads as a date but is none of the forms above: refused, never guessed.
_DATE_LIKE = re.compile(
    rf"""(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}
      | {_DAY}\s+{_MONTH}(?:,?\s+\d{{2,4}})?
      | {_MONTH}\s+{_DAY}(?:,?\s+\d{{2,4}})?
      | {_MONTH},?\s+\d{{4}}
      | \d{{4}}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# "NAME on DATE", "NAME as of DATE": only at the end of the text, and only when what follows
# reads as a date ("Sony on Sea" and "... Dongguan on" are names).
_TRAILING_DAY = re.compile(
    r"^(?P<name>.*\S)\s+(?P<word>on|as\s+of)\s+(?P<day>[^\s].*?)"
    r"(?:[\s,]+(?:please|pls|thanks|thank\s+you))?[\s?.!]*$",
    re.IGNORECASE | re.DOTALL,
)
FORMS = '2021-03-03, "3 March 2021", "March 3, 2021" or 03/03/2021 (month first)'


class DateError(ValueError):
    """A date that cannot be read as one day, and how to write it; one line."""


def parse_day(text: str, today: date | None = None) -> date:
    """The day `text` names in one of the accepted forms (DateError otherwise)."""
    written = " ".join(text.split()).rstrip(".")
    try:
        if _ISO.fullmatch(written) or _WORDS.fullmatch(written):
            # The form is pinned by the patterns; dateutil reads month names and refuses
            # days that do not exist ("31 February 2021").
            day = dateutil_parser.parse(written, dayfirst=False, yearfirst=True).date()
        elif found := _US.fullmatch(written):
            month, day_of_month, year = (int(part) for part in found.groups())
            if month > 12 and day_of_month <= 12:
                raise DateError(
                    f"{written!r} reads day first; slashed dates are month/day/year (US): "
                    f"write {date(year, day_of_month, month).isoformat()}"
                )
            day = date(year, month, day_of_month)
        else:
            raise DateError(f"{written!r} is not a date entitybot reads; write {FORMS}")
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(f"{written!r} is not a day of the calendar; write {FORMS}") from None
    today = today or date.today()
    if day > today:
        raise DateError(f"{day.isoformat()} is later than today ({today.isoformat()})")
    return day


def split_day(text: str, today: date | None = None) -> tuple[str, date | None]:
    """ "Qihoo 360 on 3 March 2021" -> ("Qihoo 360", 2021-03-03); a text without " on DATE"
    or " as of DATE" at its end comes back whole, with None. DateError when the end reads
    as a date that is none of the accepted forms, or no day."""
    found = _TRAILING_DAY.match(text.strip())
    if found is None:
        return text, None
    written = " ".join(found.group("day").split()).rstrip(".")
    if not _DATE_LIKE.fullmatch(written):
        return text, None
    return found.group("name"), parse_day(written, today)
