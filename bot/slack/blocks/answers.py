"""One answer as Block Kit: a listed party's card, possible matches, "no match", former
listings. Answer blocks carry block IDs "a{index}.{n}", so a button can replace one answer of
a several-answer reply (see messages.replace_answer).
"""

from __future__ import annotations

from bot.answers import display, on_date
from bot.answers.model import Answer, DataSummary, ExcerptKind, FormerListing, ListedParty
from bot.slack.blocks.kit import (
    Block,
    Message,
    button,
    cite_links,
    context,
    fields,
    host,
    plain,
    quote,
    section,
)
from bot.slack.button_values import ButtonSigner, PartyRef
from bot.slack.lookups import Outcome, Refusal
from bot.slack.safe_text import escape, escape_line, link

MAX_CANDIDATES = 5
MAX_CARDS = 3
MAX_FORMER = 3
# Candidate n of answer i gets "choose_candidate.{i}.{n}": action IDs are unique per message.
CHOOSE_ACTION = "choose_candidate"
ASKED = "you asked about"


def searched_line(data: DataSummary) -> str:
    return escape(display.searched_lists(data))


def footer(data: DataSummary) -> Block:
    as_of = f"Data as of *{display.day(data.as_of)}*"
    if data.is_stale():
        as_of = f":warning: {as_of}{escape(display.staleness(data))}"
    return context(
        f"{as_of} ({data.entry_count:,} entries, {len(data.lists)} US lists) \u00b7 Names only "
        "are compared: confirm against the source before acting.",
        "footer",
    )


def list_label_for(party: ListedParty) -> str:
    """ "_Vessel_ on the Specially Designated Nationals (SDN) · OFAC": the kind of entry
    unless an entity, the list, the agency."""
    label = f"{escape_line(party.list_name)} ({escape(party.list_code)})"
    if party.kind:
        label = f"_{escape(party.kind.capitalize())}_ on the {label}"
    return f"{label} \u00b7 {escape_line(party.agency)}" if party.agency else label


def party_card(party: ListedParty, headline: str, block_id: str) -> list[Block]:
    """A listed party: name, list, date, reason, excerpt, cites, source, countries, alias."""
    top = [headline, f"*{escape_line(party.name)}*", list_label_for(party)]
    if party.matched_on and party.matched_on.casefold() != party.name.casefold():
        matched = escape_line(party.matched_on)
        top.append(f"Matched on \u201c{matched}\u201d (score {party.score:g})")
    if party.other_entries:
        others = display.names_line(party.other_entries, "entry", "entries")
        top.append(f"Also listed as: {escape_line(others)}")
    facts = [f"*Listed since*\n{escape(display.listed_since(party))}"]
    if party.on_date:
        facts.insert(0, f"*On {party.on_date.day}*\n{escape(party.on_date.says)}")
    if party.countries:
        facts.append(f"*Countries*\n{escape(', '.join(party.countries))}")
    if party.federal_register:
        facts.append(f"*Federal Register*\n{cite_links(party.federal_register)}")
    if party.source_url:
        facts.append(f"*Source*\n{link(party.source_url, host(party.source_url))}")
    if party.aliases:
        facts.append(f"*Also known as*\n{escape_line(display.names_line(party.aliases))}")
    reason = f"*Reason*\n{escape(party.reason_compact or party.reason)}"
    if party.notice:
        reason += (
            f"\n*Rule:* {link(party.notice.url, party.notice.cite)} "
            f"{escape_line(party.notice.title)}"
        )
    blocks = [
        section("\n".join(line for line in top if line), f"{block_id}.party"),
        fields(facts, f"{block_id}.facts"),
        section(reason, f"{block_id}.reason"),
    ]
    if party.excerpt:
        blocks.append(
            section(
                excerpt_text(party.excerpt, party.excerpt_kind, party.excerpt_source),
                f"{block_id}.excerpt",
            )
        )
    return blocks


def former_block(former: FormerListing, block_id: str) -> Block:
    lines = [
        f":information_source: *Formerly listed: {escape_line(former.name)}*",
        escape(former.summary),
    ]
    if former.on_date:
        lines.append(f"*On {former.on_date.day}:* {escape(former.on_date.says)}")
    if former.notice:
        lines.append(
            f"*Rule:* {link(former.notice.url, former.notice.cite)} "
            f"{escape_line(former.notice.title)}"
        )
    elif former.federal_register:
        lines.append(f"*Federal Register:* {cite_links(former.federal_register)}")
    if former.reason:
        lines.append(f"*Reason then:* {escape(former.reason)}")
    if former.excerpt:
        lines.append(excerpt_text(former.excerpt, former.excerpt_kind, former.excerpt_source))
    return section("\n".join(lines), block_id)


def excerpt_text(excerpt: str, kind: ExcerptKind, source: str) -> str:
    """A verbatim passage as a quote; the entry's fields as what they are, not a quote."""
    if kind == "quote":
        said = f"*Excerpt*\n{quote(excerpt)}"
    else:
        said = f"*The entry, field by field*\n{escape(excerpt)}"
    return f"{said}\n_{escape_line(source)}_" if source else said


def answer_blocks(
    outcome: Outcome, index: int = 0, signer: ButtonSigner | None = None, asked: str = ASKED
) -> list[Block]:
    """One query's answer; with a `signer`, the candidates' buttons, their values signed by
    it; `asked` says how the name came up ("you asked about", "your message names")."""
    prefix = f"a{index}"
    if isinstance(outcome, Refusal):
        return [
            section(
                f":warning: *Not looked up:* \u201c{escape_line(outcome.query)}\u201d \u2014 "
                f"{escape(outcome.reason)}",
                f"{prefix}.refused",
            )
        ]
    query = f"\u201c{escape_line(outcome.query)}\u201d"
    if outcome.on is not None:
        blocks = _on_date_blocks(outcome, f"{asked} {query}", prefix)
    elif outcome.status == "match":
        blocks = _match_blocks(outcome, f"{asked} {query}", prefix)
    elif outcome.status == "ambiguous":
        blocks = _ambiguous_blocks(outcome, query, prefix, signer)
    else:
        blocks = _none_blocks(outcome, query, prefix)
    shown = outcome.history[:MAX_FORMER]
    blocks += [former_block(former, f"{prefix}.former{n}") for n, former in enumerate(shown)]
    if len(outcome.history) > MAX_FORMER:
        more = display.more(len(outcome.history) - MAX_FORMER, "former listing")
        blocks.append(context(f"{more} not shown.", f"{prefix}.former-more"))
    return blocks


def _match_blocks(answer: Answer, query: str, prefix: str) -> list[Block]:
    blocks: list[Block] = []
    principal = answer.principal
    for n, party in enumerate(principal[:MAX_CARDS]):
        headline = f":red_circle: *Listed* \u2014 {query}" if n == 0 else ""
        blocks += party_card(party, headline, f"{prefix}.{n}")
    if len(principal) > MAX_CARDS:
        more = display.more(len(principal) - MAX_CARDS, "listing", "listings")
        blocks.append(context(f"{more} of it not shown.", f"{prefix}.more"))
    if answer.family:
        blocks.append(
            context(f"*{escape(display.family_line(answer.family))}*", f"{prefix}.family")
        )
    return blocks


_ON_DATE_MARK = {
    "match": ":red_circle:",
    "ambiguous": ":large_orange_circle:",
    "unknown": ":grey_question:",
    "none": ":white_circle:",
}


def _on_date_blocks(answer: Answer, query: str, prefix: str) -> list[Block]:
    """An answer for a past date: whether it was listed then, why, and each party's card
    with its own verdict (no buttons: a chosen candidate is answered for today)."""
    head = (
        f"{_ON_DATE_MARK[answer.status]} *{escape(on_date.title(answer))}* \u2014 {query}\n"
        f"{escape(on_date.line(answer))}"
    )
    blocks = [section(head, f"{prefix}.head")]
    shown = answer.results if answer.status == "ambiguous" else answer.principal
    for n, party in enumerate(shown[:MAX_CARDS]):
        blocks += party_card(party, "", f"{prefix}.{n}")
    if len(shown) > MAX_CARDS:
        more = display.more(len(shown) - MAX_CARDS, "listing", "listings")
        blocks.append(context(f"{more} not shown.", f"{prefix}.more"))
    return blocks


def _ambiguous_blocks(
    answer: Answer, query: str, prefix: str, signer: ButtonSigner | None
) -> list[Block]:
    candidates = answer.results[:MAX_CANDIDATES]
    close = escape(display.come_close(answer))
    if answer.party_count == 1:
        said = f"{close}, not clearly enough to be sure it is the one meant."
        pick = " Choose it if it is." if signer else ""
    else:
        said = f"{close}, none clearly."
        pick = " Choose the one you mean." if signer else ""
    blocks = [
        section(
            f":large_orange_circle: *Possible match for {query}* \u2014 {said}{pick}",
            f"{prefix}.head",
        )
    ]
    for n, party in enumerate(candidates):
        details = [list_label_for(party)]
        if party.countries:
            details.append(escape(", ".join(party.countries)))
        details.append(f"matched on \u201c{escape_line(party.matched_on)}\u201d ({party.score:g})")
        choose = (
            button(
                "This one",
                f"{CHOOSE_ACTION}.{prefix[1:]}.{n}",
                signer.sign(
                    CHOOSE_ACTION, PartyRef(answer.query, party.name, party.list_code).encode()
                ),
            )
            if signer
            else None
        )
        blocks.append(
            section(
                f"*{escape_line(party.name)}*\n" + " \u00b7 ".join(details),
                f"{prefix}.c{n}",
                accessory=choose,
            )
        )
    if len(answer.results) > MAX_CANDIDATES:
        more = display.more(len(answer.results) - MAX_CANDIDATES, "candidate")
        blocks.append(
            context(f"{more} not shown: add detail to the name to narrow it.", f"{prefix}.more")
        )
    return blocks


def _none_blocks(answer: Answer, query: str, prefix: str) -> list[Block]:
    if answer.formerly_listed:
        head = (
            f":large_yellow_circle: *Formerly listed* \u2014 {query}: "
            f"{escape(display.formerly(answer.history[0]))}\n"
            "No current listing fits it. Only the name was compared, against "
            f"{searched_line(answer.data)}."
        )
    else:
        head = (
            f":white_circle: *No match for {query}*: no current listing fits this name.\n"
            "*This is not a clearance.* Only the name was compared, against "
            f"{searched_line(answer.data)}."
        )
        if answer.script_note:
            head += f"\n:abc: {escape(answer.script_note)}"
    blocks = [section(head, f"{prefix}.head")]
    if answer.near_misses:
        closest = " \u00b7 ".join(
            f"{escape_line(miss.name)} ({escape(miss.list_code)})" for miss in answer.near_misses
        )
        blocks.append(context(f"Closest listed names, *not a match*: {closest}", f"{prefix}.near"))
    return blocks


def answer_summary(outcome: Outcome) -> str:
    """One line for notifications and screen readers."""
    if isinstance(outcome, Refusal):
        return plain(f"Not looked up: {outcome.query}")
    if outcome.on is not None:
        return plain(f"{on_date.title(outcome)}: {outcome.query}")
    if outcome.status == "match" and outcome.results:
        party = outcome.results[0]
        return plain(f"Listed: {party.name} ({party.list_name})")
    if outcome.status == "ambiguous":
        return plain(f"Possible match for \u201c{outcome.query}\u201d")
    if outcome.formerly_listed:
        first = outcome.history[0]
        return plain(f"Formerly listed: {first.name} ({first.list_name})")
    return plain(f"No match for \u201c{outcome.query}\u201d")


def usage() -> Message:
    lines = [
        "*entitybot* tells you whether a company or person is on a US sanctions or "
        "export-control list, and why.",
        "\u2022 `/entity Qihoo 360` \u2014 look a name up; only you see the answer, and "
        "*Share in channel* posts it for everyone.",
        "\u2022 `/entity Qihoo 360 on 3 March 2021` (or `as of 2021-03-03`, `03/03/2021`: "
        "month first) \u2014 was it listed on that day, and how is that known.",
        "\u2022 Mention me in a thread \u2014 `@entitybot can we ship to CloudWalk's Guangzhou "
        "office?` \u2014 and I answer there with every listed party your message names: write "
        "as you would to a colleague, or paste a list, an e-mail or an order.",
        "\u2022 Or send me a direct message, or run *Check names in this message* from any "
        "message's \u22ee menu (the answer is yours alone until you share it in the thread).",
        "\u2022 `/entity-watch add Zephyr Optics, Acme Trading` \u2014 watch names in this "
        "channel: every refresh of the lists tells it of their listings (`remove NAME`, `list`).",
        "An answer gives the list, the listing date, the reason and the Federal Register text. "
        "*No match is not a clearance*: only names are compared.",
    ]
    return Message("How to use entitybot", [section("\n".join(lines), "usage")])
