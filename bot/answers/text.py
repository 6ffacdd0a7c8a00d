"""The human-readable answer `entitybot lookup` prints."""

from __future__ import annotations

import textwrap

from bot.answers import on_date
from bot.answers.display import (
    come_close,
    compact_reason,
    family_line,
    formerly,
    listed_since,
    named,
    names_line,
    searched_lists,
)
from bot.answers.model import Answer, ExcerptKind, FormerListing, ListedParty, MessageAnswer

_WIDTH = 100
_LABEL = 16


def _field(label: str, value: str) -> list[str]:
    wrapped = textwrap.wrap(value, _WIDTH - _LABEL - 2) or [""]
    lines = [f"  {label + ':':<{_LABEL}}{wrapped[0]}"]
    lines += [" " * (_LABEL + 2) + line for line in wrapped[1:]]
    return lines


def _listed(party: ListedParty) -> list[str]:
    lines = [f"{named(party)}  [{party.list_name} ({party.list_code})]"]
    if party.matched_on.casefold() != party.name.casefold():
        lines += _field("Matched on", f"{party.matched_on} (score {party.score:g})")
    else:
        lines += _field("Score", f"{party.score:g}")
    lines += _field("Listed", listed_since(party))
    if party.on_date:
        lines += _field(f"On {party.on_date.day}", party.on_date.says)
    lines += _field("Reason", compact_reason(party))
    lines += _excerpt(party.excerpt, party.excerpt_kind, party.excerpt_source)
    if party.notice:
        lines += _field(
            "Rule", f"{party.notice.cite}, {party.notice.title} \u2014 {party.notice.url}"
        )
    if party.federal_register:
        lines += _field("Cites", ", ".join(party.federal_register))
    if party.countries:
        lines += _field("Countries", ", ".join(party.countries))
    if party.aliases:
        lines += _field("Also known as", names_line(party.aliases))
    if party.other_entries:
        lines += _field("Also listed as", names_line(party.other_entries, "entry", "entries"))
    if party.source_url:
        lines += _field("Source", party.source_url)
    return lines


def _former(former: FormerListing) -> list[str]:
    lines = [
        f"{former.name}  [formerly on the {former.list_name}]",
        *_field("History", former.summary),
        *(_field(f"On {former.on_date.day}", former.on_date.says) if former.on_date else []),
        *_field("Reason then", former.reason),
        *_excerpt(former.excerpt, former.excerpt_kind, former.excerpt_source),
    ]
    if former.notice:
        lines += _field(
            "Rule", f"{former.notice.cite}, {former.notice.title} \u2014 {former.notice.url}"
        )
    elif former.federal_register:
        lines += _field("Cites", ", ".join(former.federal_register))
    if former.source_url:
        lines += _field("Source", former.source_url)
    return lines


def _excerpt(excerpt: str, kind: ExcerptKind, source: str) -> list[str]:
    """A verbatim passage in quotation marks; the entry's fields as what they are."""
    if not excerpt:
        return []
    quoted = kind == "quote"
    lines = _field("Excerpt", f"\u201c{excerpt}\u201d") if quoted else _field("As listed", excerpt)
    return lines + (_field("Excerpt of", source) if source else [])


def render_text(answer: Answer) -> str:
    out = _answer_lines(answer)
    out.append("")
    out.append(f"Searched {searched_lists(answer.data)}.")
    return "\n".join(out)


def render_scan_text(scan: MessageAnswer) -> str:
    """`entitybot scan`: each listed party the text names, where, and why; then the names
    it read that are on no list, and what was searched."""
    count = len(scan.mentions)
    out = [
        f"FOUND {count} {'name' if count == 1 else 'names'} of listed parties in the text."
        if count
        else "FOUND NO listed party in the text. This is not a clearance: only names were "
        "compared, against the data below."
    ]
    for mention in scan.mentions:
        out.append("")
        out.append(
            f"\u201c{mention.text}\u201d at characters {mention.start}-{mention.end}: "
            f"{mention.why}."
        )
        out.extend("  " + line if line else line for line in _answer_lines(mention.answer))
    if scan.unlisted:
        out.append("")
        names = "; ".join(f"\u201c{span.text}\u201d" for span in scan.unlisted)
        out.append(f"Not on the lists: {names}.")
    out.append("")
    out.append(f"Searched {searched_lists(scan.data)}.")
    return "\n".join(out)


def _answer_lines(answer: Answer) -> list[str]:
    out: list[str] = []
    if answer.on is not None:
        out.append(f"{on_date.title(answer).upper()}: \u201c{answer.query}\u201d.")
        out.append(on_date.line(answer))
    elif answer.status == "match":
        out.append(f"MATCH for \u201c{answer.query}\u201d: listed.")
    elif answer.status == "ambiguous":
        one = answer.party_count == 1
        out.append(
            f"POSSIBLE {'MATCH' if one else 'MATCHES'} for \u201c{answer.query}\u201d: "
            f"{come_close(answer)}; check {'it is the one' if one else 'which one is'} meant."
        )
    elif answer.formerly_listed:
        first = answer.history[0]
        out.append(
            f"FORMERLY LISTED: \u201c{answer.query}\u201d {formerly(first)}; no current "
            "listing fits it."
        )
    else:
        out.append(
            f"NO MATCH for \u201c{answer.query}\u201d: no current listing fits this name. "
            "This is not a clearance: only the names were compared, against the data below."
        )
        if answer.script_note:
            out.append(answer.script_note)
    for party in answer.principal:
        out.append("")
        out.extend(_listed(party))
    if answer.family:
        out.append("")
        out.append(family_line(answer.family))
    for former in answer.history:
        out.append("")
        out.extend(_former(former))
    if answer.status == "none" and answer.near_misses:
        out.append("")
        out.append(
            "Closest listed names (not a match): "
            + "; ".join(f"{miss.name} ({miss.list_code})" for miss in answer.near_misses)
        )
    return out
