"""The answer to one name as the outputs of the Workflow Builder step "Screen a company".

A workflow reads outputs as plain strings it can branch on (`status`) or put in a message,
a form or a ticket, so each output is one short line of text, never Slack markup.
manifest.yml declares the same names (functions -> screen_company -> output_parameters).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.answers import display
from bot.answers.model import Answer, FormerListing, ListedParty

OUTPUT_NAMES = ("status", "matched_name", "list", "listing_date", "reason", "link")
# A workflow puts an output into a message or a form field: a full OFAC reason can run to
# thousands of characters, more than any of those shows.
MAX_OUTPUT = 2000
# Several parties come close: the name, list and date outputs name this many, "; "-joined,
# in the same order (the links, each once).
PARTIES_NAMED = 5


def step_outputs(answer: Answer) -> dict[str, str]:
    """Every declared output, always all of them: a workflow step reading an output the
    step did not set gets nothing, and "" reads as "nothing to say"."""
    if answer.status == "match":
        outputs = _match(answer)
    elif answer.status == "ambiguous":
        outputs = _possible(answer)
    elif answer.history:
        outputs = _former(answer, answer.history[0])
    else:
        outputs = _no_match(answer)
    stale = display.staleness(answer.data)
    if stale:
        # An answer from old data must say so wherever it is read.
        outputs["reason"] = (
            f"{outputs['reason']} (data as of {display.day(answer.data.as_of)}{stale})"
        )
    return {name: _clip(outputs.get(name, "")) for name in OUTPUT_NAMES}


def _match(answer: Answer) -> dict[str, str]:
    principal = answer.principal or answer.results
    first = principal[0]
    return {
        "status": "match",
        "matched_name": display.named(first),
        "list": _joined(display.list_label(p.list_code, answer.data.list_names) for p in principal),
        "listing_date": first.listing_date.text,
        "reason": first.reason,
        "link": _link(first),
    }


def _possible(answer: Answer) -> dict[str, str]:
    parties = _one_listing_per_party(answer.results)[:PARTIES_NAMED]
    one = answer.party_count == 1
    return {
        "status": "ambiguous",
        "matched_name": "; ".join(display.named(p) for p in parties),
        "list": "; ".join(display.list_label(p.list_code, answer.data.list_names) for p in parties),
        "listing_date": "; ".join(p.listing_date.text for p in parties),
        "reason": (
            f"Possible match: {display.come_close(answer)}; check "
            f"{'it is the one' if one else 'which one is'} meant."
        ),
        "link": _joined(_link(p) for p in parties),
    }


def _former(answer: Answer, former: FormerListing) -> dict[str, str]:
    return {
        "status": answer.status,
        "matched_name": former.name,
        "list": display.list_label(former.list_code, answer.data.list_names),
        "listing_date": former.listed_from.text,
        "reason": f"Formerly listed: {former.summary}",
        "link": former.notice.url if former.notice else former.source_url,
    }


def _no_match(answer: Answer) -> dict[str, str]:
    reason = (
        "No current listing fits this name. This is not a clearance: only the names were "
        f"compared, against {display.searched_lists(answer.data)}."
    )
    if answer.script_note:
        reason = f"{reason} {answer.script_note}"
    return {"status": answer.status, "reason": reason}


def _link(party: ListedParty) -> str:
    """The Federal Register rule that listed the party when the data has it, else the
    list's own page for the entry."""
    return party.notice.url if party.notice else party.source_url


def _one_listing_per_party(results: Sequence[ListedParty]) -> list[ListedParty]:
    seen: set[int] = set()
    parties = []
    for party in results:
        if party.party_number not in seen:
            seen.add(party.party_number)
            parties.append(party)
    return parties


def _joined(values: Iterable[str]) -> str:
    """ "; "-joined, each value once, in order."""
    return "; ".join(dict.fromkeys(value for value in values if value))


def _clip(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_OUTPUT else line[: MAX_OUTPUT - 1] + "\u2026"
