"""How an answer for a past date reads, the same in the terminal, JSON and Slack: its title
("Listed on 2021-03-03") and the one line that says why, with its evidence and certainty.

Plain text; Slack escapes it before it becomes markup.
"""

from __future__ import annotations

from typing import Any

from bot.answers.display import come_close
from bot.answers.model import Answer, OnDate


def deciding(answer: Answer) -> OnDate | None:
    """The verdict the answer's status rests on: the principal party's (the first that was
    listed then, else the first that may have been), else a former listing's."""
    verdicts = [party.on_date for party in answer.principal if party.on_date]
    if answer.status == "ambiguous":
        verdicts = [party.on_date for party in answer.results if party.on_date]
    if not verdicts:
        verdicts = [former.on_date for former in answer.history if former.on_date]
    for wanted in (True, None, False):
        for verdict in verdicts:
            if verdict.listed is wanted:
                return verdict
    return None


def title(answer: Answer) -> str:
    """ "Listed on 2021-03-03", "Not listed on 2019-01-01", "Not known for 2010-01-01"."""
    day = answer.on.isoformat() if answer.on else "that day"
    if answer.status == "match":
        return f"Listed on {day}"
    if answer.status == "ambiguous":
        return f"Possible match on {day}"
    if answer.status == "unknown":
        return f"Not known for {day}"
    if deciding(answer) is None:
        return f"No match on {day}"
    return f"Not listed on {day}"


def line(answer: Answer) -> str:
    """Why, in one sentence: the deciding party's verdict with its evidence, or, when no
    listing held fits the name, what that does and does not show."""
    verdict = deciding(answer)
    if answer.status == "ambiguous":
        return f"{come_close(answer)}; whether each was listed then is shown with it."
    if verdict is not None:
        return verdict.says[0].upper() + verdict.says[1:] + "."
    held = answer.held_since.isoformat() if answer.held_since else "no date"
    return (
        "No listing held fits this name. This is not a clearance: only the name was compared, "
        f"and the data held starts on {held}; a listing that ended before then would not show."
    )


def on_date_json(verdict: OnDate | None) -> dict[str, Any]:
    if verdict is None:
        return {}
    return {
        "on_date": {
            "listed": verdict.listed,
            "certainty": verdict.certainty,
            "says": verdict.says,
        }
    }
