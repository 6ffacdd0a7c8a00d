"""Every message entitybot sends to Slack, as Block Kit.

All text from users and from the lists goes through `safe_text.escape` here, and every message
stays inside Slack's limits: 3,000 characters a section, 2,000 a field, 50 blocks a message.
Answer blocks carry block IDs "a{index}.{n}", so a button can replace one answer of a
several-answer reply (see `replace_answer`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.answers.model import Answer, DataSummary, FormerListing, ListedParty
from bot.changes import DatasetChanges
from bot.federal_register.cites import Cite
from bot.screening import RefreshReport
from bot.slack.button_values import PartyRef
from bot.slack.lookups import ChosenParty, Outcome, Refusal
from bot.slack.safe_text import (
    clip,
    escape,
    escape_line,
    link,
    public_source,
    user_mention,
)
from bot.store.models import DatasetVersion

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_CANDIDATES = 5
MAX_CARDS = 3
MAX_FORMER = 3
MAX_NEAR_MISSES = 5
MAX_ALIASES = 6
MAX_CHANGED_NAMES = 8
# The notification text Slack shows in alerts; it need not hold the whole answer.
MAX_FALLBACK = 300

SHARE_ACTION = "share_in_channel"
# Each candidate's button gets "choose_candidate.{n}": action IDs are unique per message.
CHOOSE_ACTION = "choose_candidate"

# The Consolidated Screening List's list names by code, as the CSL's own source field gives
# them, for "searched against ..." lines (the data summary carries codes only); a code not
# here is shown as it is.
LIST_NAMES = {
    "CAP": "CAPTA List",
    "CMIC": "Non-SDN Chinese Military-Industrial Complex Companies List",
    "DPL": "Denied Persons List",
    "DTC": "ITAR Debarred",
    "EL": "Entity List",
    "FSE": "Foreign Sanctions Evaders",
    "ISN": "Nonproliferation Sanctions",
    "MEU": "Military End User List",
    "NS-MBS": "Non-SDN Menu-Based Sanctions List",
    "PLC": "Palestinian Legislative Council List",
    "SDN": "Specially Designated Nationals",
    "SSI": "Sectoral Sanctions Identifications List",
    "UVL": "Unverified List",
}


@dataclass(frozen=True)
class Message:
    """What chat.postMessage, response_url and ack() take: fallback text and blocks."""

    text: str
    blocks: list[Block]


# -- Block Kit pieces -------------------------------------------------------------------


def _section(text: str, block_id: str, accessory: Block | None = None) -> Block:
    block: Block = {
        "type": "section",
        "block_id": block_id,
        "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)},
    }
    if accessory:
        block["accessory"] = accessory
    return block


def _fields(fields: Sequence[str], block_id: str) -> Block:
    return {
        "type": "section",
        "block_id": block_id,
        "fields": [
            {"type": "mrkdwn", "text": clip(field, MAX_FIELD)} for field in fields[:MAX_FIELDS]
        ],
    }


def _context(text: str, block_id: str) -> Block:
    return {
        "type": "context",
        "block_id": block_id,
        "elements": [{"type": "mrkdwn", "text": clip(text, MAX_FIELD)}],
    }


def _button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _divider(block_id: str) -> Block:
    return {"type": "divider", "block_id": block_id}


def _quote(text: str) -> str:
    return "\n".join(f">{escape(line)}" for line in text.splitlines() if line.strip())


def _day(value: date | None) -> str:
    return value.isoformat() if value else "an unknown date"


def _more(count: int, noun: str, plural: str = "") -> str:
    return f"{count:,} more {noun if count == 1 else plural or noun + 's'}"


def _plain(text: str, limit: int = MAX_FALLBACK) -> str:
    return clip(escape_line(text), limit)


# -- data lines ---------------------------------------------------------------------------


def list_label(code: str) -> str:
    name = LIST_NAMES.get(code)
    return f"{escape(name)} ({escape(code)})" if name else escape(code)


def searched_line(data: DataSummary) -> str:
    lists = ", ".join(list_label(code) for code in data.lists) or "no lists"
    return (
        f"{data.entry_count:,} entries on {len(data.lists)} US lists ({lists}), "
        f"data as of {_day(data.as_of)}"
    )


def footer(data: DataSummary) -> Block:
    return _context(
        f"Data as of *{_day(data.as_of)}* ({data.entry_count:,} entries, "
        f"{len(data.lists)} US lists) \u00b7 Names only are compared: confirm against the "
        "source before acting.",
        "footer",
    )


def _cite_links(cites: Iterable[str]) -> str:
    shown = []
    for cite in cites:
        parsed = Cite.parse(cite)
        shown.append(link(parsed.url, str(parsed)) if parsed else escape(cite))
    return ", ".join(shown)


# -- one party --------------------------------------------------------------------------


def party_card(party: ListedParty, headline: str, block_id: str) -> list[Block]:
    """A listed party: name, list, date, reason, excerpt, cites, source, countries, alias."""
    top = [headline, f"*{escape_line(party.name)}*", list_label_for(party)]
    if party.matched_on and party.matched_on.casefold() != party.name.casefold():
        matched = escape_line(party.matched_on)
        top.append(f"Matched on \u201c{matched}\u201d (score {party.score:g})")
    if party.other_entries:
        others = "; ".join(escape_line(entry) for entry in party.other_entries[:MAX_ALIASES])
        top.append(f"Also listed as: {others}")
    listed = (
        f"{party.listing_date.isoformat()} ({escape(party.listing_date_note)})"
        if party.listing_date
        else f"not known ({escape(party.listing_date_note)})"
    )
    fields = [f"*Listed since*\n{listed}"]
    if party.countries:
        fields.append(f"*Countries*\n{escape(', '.join(party.countries))}")
    if party.federal_register:
        fields.append(f"*Federal Register*\n{_cite_links(party.federal_register)}")
    if party.source_url:
        fields.append(f"*Source*\n{link(party.source_url, _host(party.source_url))}")
    if party.aliases:
        aliases = "; ".join(escape_line(alias) for alias in party.aliases[:MAX_ALIASES])
        if len(party.aliases) > MAX_ALIASES:
            aliases += f" ({_more(len(party.aliases) - MAX_ALIASES, 'alias', 'aliases')})"
        fields.append(f"*Also known as*\n{aliases}")
    reason = f"*Reason*\n{escape(party.reason)}"
    if party.notice:
        reason += (
            f"\n*Rule:* {link(party.notice.url, party.notice.cite)} "
            f"{escape_line(party.notice.title)}"
        )
    blocks = [
        _section("\n".join(line for line in top if line), f"{block_id}.party"),
        _fields(fields, f"{block_id}.facts"),
        _section(reason, f"{block_id}.reason"),
    ]
    if party.excerpt:
        excerpt = f"*Excerpt*\n{_quote(party.excerpt)}"
        if party.excerpt_source:
            excerpt += f"\n_{escape_line(party.excerpt_source)}_"
        blocks.append(_section(excerpt, f"{block_id}.excerpt"))
    return blocks


def list_label_for(party: ListedParty) -> str:
    label = f"{escape_line(party.list_name)} ({escape(party.list_code)})"
    return f"{label} \u00b7 {escape_line(party.agency)}" if party.agency else label


def _host(url: str) -> str:
    shown = public_source(url)
    return shown.split("://", 1)[-1].split("/", 1)[0] or shown


def former_block(former: FormerListing, block_id: str) -> Block:
    lines = [
        f":information_source: *Formerly listed: {escape_line(former.name)}*",
        escape(former.summary),
    ]
    if former.notice:
        lines.append(
            f"*Rule:* {link(former.notice.url, former.notice.cite)} "
            f"{escape_line(former.notice.title)}"
        )
    elif former.federal_register:
        lines.append(f"*Federal Register:* {_cite_links(former.federal_register)}")
    if former.reason:
        lines.append(f"*Reason then:* {escape(former.reason)}")
    if former.excerpt:
        lines.append(_quote(former.excerpt))
    if former.excerpt_source:
        lines.append(f"_{escape_line(former.excerpt_source)}_")
    return _section("\n".join(lines), block_id)


# -- one answer -------------------------------------------------------------------------


def answer_blocks(outcome: Outcome, index: int = 0, interactive: bool = True) -> list[Block]:
    """One query's answer; `interactive` adds the candidates' buttons."""
    prefix = f"a{index}"
    if isinstance(outcome, Refusal):
        return [
            _section(
                f":warning: *Not looked up:* \u201c{escape_line(outcome.query)}\u201d \u2014 "
                f"{escape(outcome.reason)}",
                f"{prefix}.refused",
            )
        ]
    query = f"\u201c{escape_line(outcome.query)}\u201d"
    if outcome.status == "match":
        blocks = _match_blocks(outcome, query, prefix)
    elif outcome.status == "ambiguous":
        blocks = _ambiguous_blocks(outcome, query, prefix, interactive)
    else:
        blocks = _none_blocks(outcome, query, prefix)
    shown = outcome.history[:MAX_FORMER]
    blocks += [former_block(former, f"{prefix}.former{n}") for n, former in enumerate(shown)]
    if len(outcome.history) > MAX_FORMER:
        blocks.append(
            _context(
                f"{_more(len(outcome.history) - MAX_FORMER, 'former listing')} not shown.",
                f"{prefix}.former-more",
            )
        )
    return blocks


def _match_blocks(answer: Answer, query: str, prefix: str) -> list[Block]:
    blocks: list[Block] = []
    for n, party in enumerate(answer.results[:MAX_CARDS]):
        headline = f":red_circle: *Listed* \u2014 you asked about {query}" if n == 0 else ""
        blocks += party_card(party, headline, f"{prefix}.{n}")
    if len(answer.results) > MAX_CARDS:
        more = _more(len(answer.results) - MAX_CARDS, "listed party", "listed parties")
        blocks.append(_context(f"{more} not shown.", f"{prefix}.more"))
    return blocks


def _ambiguous_blocks(answer: Answer, query: str, prefix: str, interactive: bool) -> list[Block]:
    candidates = answer.results[:MAX_CANDIDATES]
    noun = "listed party comes" if len(candidates) == 1 else "listed parties come"
    pick = " Choose the one you mean." if interactive else ""
    blocks = [
        _section(
            f":large_orange_circle: *Possible match for {query}* \u2014 "
            f"{len(answer.results)} {noun} close, none clearly.{pick}",
            f"{prefix}.head",
        )
    ]
    for n, party in enumerate(candidates):
        details = [list_label_for(party)]
        if party.countries:
            details.append(escape(", ".join(party.countries)))
        details.append(f"matched on \u201c{escape_line(party.matched_on)}\u201d ({party.score:g})")
        button = (
            _button(
                "This one",
                f"{CHOOSE_ACTION}.{n}",
                PartyRef(answer.query, party.name, party.list_code).encode(),
            )
            if interactive
            else None
        )
        blocks.append(
            _section(
                f"*{escape_line(party.name)}*\n" + " \u00b7 ".join(details),
                f"{prefix}.c{n}",
                accessory=button,
            )
        )
    if len(answer.results) > MAX_CANDIDATES:
        blocks.append(
            _context(
                f"{_more(len(answer.results) - MAX_CANDIDATES, 'candidate')} not shown: "
                "add detail to the name to narrow it.",
                f"{prefix}.more",
            )
        )
    return blocks


def _none_blocks(answer: Answer, query: str, prefix: str) -> list[Block]:
    blocks = [
        _section(
            f":white_circle: *No match for {query}*: no current listing fits this name.\n"
            "*This is not a clearance.* Only the name was compared, against "
            f"{searched_line(answer.data)}.",
            f"{prefix}.head",
        )
    ]
    if answer.near_misses:
        closest = " \u00b7 ".join(
            f"{escape_line(miss.name)} ({escape(miss.list_code)})"
            for miss in answer.near_misses[:MAX_NEAR_MISSES]
        )
        blocks.append(_context(f"Closest listed names, *not a match*: {closest}", f"{prefix}.near"))
    return blocks


def answer_summary(outcome: Outcome) -> str:
    """One line for notifications and screen readers."""
    if isinstance(outcome, Refusal):
        return _plain(f"Not looked up: {outcome.query}")
    if outcome.status == "match" and outcome.results:
        party = outcome.results[0]
        return _plain(f"Listed: {party.name} ({party.list_name})")
    if outcome.status == "ambiguous":
        return _plain(f"Possible match for \u201c{outcome.query}\u201d")
    former = " (formerly listed)" if outcome.history else ""
    return _plain(f"No match for \u201c{outcome.query}\u201d{former}")


def _data_of(outcomes: Iterable[Outcome]) -> DataSummary | None:
    return next((o.data for o in outcomes if not isinstance(o, Refusal)), None)


# -- whole messages ---------------------------------------------------------------------


def lookup_reply(outcome: Outcome) -> Message:
    """/entity's private answer, with the button that shares it in the channel."""
    blocks = answer_blocks(outcome)
    if not isinstance(outcome, Refusal):
        blocks.append(share_actions(PartyRef(outcome.query)))
        blocks.append(footer(outcome.data))
    return Message(answer_summary(outcome), fit(blocks))


def share_actions(ref: PartyRef) -> Block:
    return {
        "type": "actions",
        "block_id": "share",
        "elements": [_button("Share in channel", SHARE_ACTION, ref.encode(), style="primary")],
    }


def thread_reply(outcomes: Sequence[Outcome], truncated: bool = False) -> Message:
    """The reply to a mention or direct message: one answer per name, in order.

    Whole answers are dropped, never halves, when the message would pass 50 blocks.
    """
    data = _data_of(outcomes)
    room = MAX_BLOCKS - (1 if data else 0) - 1
    blocks: list[Block] = []
    left_out: list[str] = []
    for index, outcome in enumerate(outcomes):
        answer = ([_divider(f"a{index}.divider")] if blocks else []) + answer_blocks(outcome, index)
        if left_out or len(blocks) + len(answer) > room:
            left_out.append(outcome.query)
            continue
        blocks += answer
    notes = []
    if left_out:
        names = ", ".join(f"\u201c{escape_line(query)}\u201d" for query in left_out)
        notes.append(f"{_more(len(left_out), 'answer')} did not fit in one message: {names}.")
    if truncated:
        notes.append("Only the first names were looked up; send the others in another message.")
    if notes:
        blocks.append(_context(" ".join(notes) + " Ask about them separately.", "more"))
    if data:
        blocks.append(footer(data))
    text = "; ".join(answer_summary(outcome) for outcome in outcomes) or "No names found"
    return Message(clip(text, MAX_FALLBACK), fit(blocks))


def chosen_blocks(chosen: ChosenParty, query: str, index: int) -> list[Block]:
    """The card a candidate's button puts in place of the candidates."""
    headline = (
        f":red_circle: *Listed* \u2014 chosen from the possible matches for "
        f"\u201c{escape_line(query or chosen.party.name)}\u201d"
    )
    return party_card(chosen.party, headline, f"a{index}.0")


def chosen_reply(chosen: ChosenParty, query: str) -> Message:
    """/entity's private answer once a candidate is chosen: the card, shareable."""
    blocks = chosen_blocks(chosen, query, 0)
    blocks.append(share_actions(PartyRef(query, chosen.party.name, chosen.party.list_code)))
    blocks.append(footer(chosen.answer.data))
    return Message(_plain(f"Listed: {chosen.party.name} ({chosen.party.list_name})"), fit(blocks))


def party_gone(ref: PartyRef, data_as_of: date | None) -> Message:
    return Message(
        _plain(f"{ref.name} is no longer in the data"),
        [
            _section(
                f":information_source: *{escape_line(ref.name)}* "
                f"({escape(ref.list_code)}) is not in the data as of {_day(data_as_of)}: "
                "the lists changed since this answer. Look the name up again with `/entity`.",
                "gone",
            )
        ],
    )


def shared_answer(outcome: Outcome, user_id: str) -> Message:
    """An answer as the channel sees it: no buttons, and who shared it."""
    blocks = answer_blocks(outcome, interactive=False)
    data = None if isinstance(outcome, Refusal) else outcome.data
    return _shared(blocks, data, answer_summary(outcome), user_id)


def shared_card(chosen: ChosenParty, query: str, user_id: str) -> Message:
    summary = _plain(f"Listed: {chosen.party.name} ({chosen.party.list_name})")
    return _shared(chosen_blocks(chosen, query, 0), chosen.answer.data, summary, user_id)


def _shared(blocks: list[Block], data: DataSummary | None, summary: str, user_id: str) -> Message:
    blocks.append(
        _context(f"Shared by {user_mention(user_id)} from a private `/entity` lookup.", "by")
    )
    if data:
        blocks.append(footer(data))
    return Message(summary, fit(blocks))


def replace_answer(blocks: list[Block], index: int, new: list[Block]) -> list[Block]:
    """`blocks` with answer `index` swapped for `new` (the other answers stay)."""
    prefix = f"a{index}."
    out: list[Block] = []
    placed = False
    for block in blocks:
        block_id = str(block.get("block_id", ""))
        if not block_id.startswith(prefix) or block_id == f"{prefix}divider":
            out.append(block)
        elif not placed:
            out.extend(new)
            placed = True
    return fit(out if placed else blocks)


def answer_index(block_id: str) -> int:
    """The answer a block belongs to ("a2.c0" -> 2); 0 when the ID is not an answer's."""
    head = block_id.split(".", 1)[0]
    return int(head[1:]) if head[:1] == "a" and head[1:].isdigit() else 0


def fit(blocks: list[Block]) -> list[Block]:
    """At most 50 blocks; what does not fit is counted in a last line."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    return [*kept, _context(f"{_more(len(blocks) - len(kept), 'block')} not shown.", "cut")]


# -- usage --------------------------------------------------------------------------------


def usage(data: DataSummary | None = None) -> Message:
    lines = [
        "*entitybot* tells you whether a company or person is on a US sanctions or "
        "export-control list, and why.",
        "\u2022 `/entity Qihoo 360` \u2014 look a name up; only you see the answer, and "
        "*Share in channel* posts it for everyone.",
        "\u2022 Mention me in a thread \u2014 `@entitybot are Aksu Huafu Textiles and CloudWalk "
        "listed?` \u2014 and I answer there, one answer per name (separate names with commas, "
        "lines or \u201cand\u201d).",
        "\u2022 Or send me a direct message with the names.",
        "An answer gives the list, the listing date, the reason and the Federal Register text. "
        "*No match is not a clearance*: only names are compared.",
    ]
    blocks = [_section("\n".join(lines), "usage")]
    if data:
        blocks.append(footer(data))
    return Message("How to use entitybot", blocks)


# -- /entity-admin ------------------------------------------------------------------------


def admin_usage(source: str) -> Message:
    lines = [
        "*/entity-admin* \u2014 for the admins named in `ENTITYBOT_ADMIN_USERS`.",
        "\u2022 `/entity-admin refresh` \u2014 load the Consolidated Screening List again from "
        f"the configured source ({escape_line(public_source(source))}) and report what changed.",
        "\u2022 `/entity-admin status` \u2014 the data answering now, its as-of date, counts per "
        "list and the last refresh.",
        "\u2022 `/entity-admin help` \u2014 this message.",
    ]
    return Message("How to use /entity-admin", [_section("\n".join(lines), "admin-usage")])


def admin_refused(subcommand: str) -> Message:
    text = (
        f":no_entry: Only entitybot admins can run `/entity-admin {escape_line(subcommand)}`. "
        "Admins are the users named in `ENTITYBOT_ADMIN_USERS`; ask one of them."
    )
    return Message("Only entitybot admins can do that", [_section(text, "refused")])


def admin_unknown(subcommand: str, source: str) -> Message:
    message = admin_usage(source)
    note = _section(
        f":grey_question: `/entity-admin` has no `{escape_line(subcommand)}`.", "unknown"
    )
    return Message(message.text, [note, *message.blocks])


def refresh_takes_no_source(source: str) -> Message:
    text = (
        ":no_entry: `/entity-admin refresh` takes no source: it always loads the configured one "
        f"({escape_line(public_source(source))}, set by `ENTITYBOT_CSL_URL`). "
        "Nothing was fetched."
    )
    return Message("refresh takes no source", [_section(text, "refused")])


def refresh_started(source: str) -> Message:
    text = (
        f":arrows_counterclockwise: Refreshing from {escape_line(public_source(source))} \u2026 "
        "I will report here when it is done. Lookups use the current data until then."
    )
    return Message("Refreshing the data", [_section(text, "refresh")])


def refresh_busy(holder: str, since: datetime | None) -> Message:
    started = f" at {since:%H:%M} UTC" if since else ""
    by = f" by {user_mention(holder)}" if holder else ""
    text = (
        f":hourglass_flowing_sand: A refresh is already running (started{started}{by}). "
        "Its report comes to whoever started it; nothing new was started."
    )
    return Message("A refresh is already running", [_section(text, "busy")])


def refresh_done(report: RefreshReport) -> Message:
    dataset, previous = report.dataset, report.previous
    was = f" (was {_day(previous.as_of)})" if previous else ""
    lines = [
        f":white_check_mark: *Refresh done* in {report.seconds:.1f} s from "
        f"{escape_line(public_source(report.source))}.",
        f"Now answering: *{dataset.entry_count:,} entries*, data as of "
        f"*{_day(dataset.as_of)}*{was}.",
        _change_totals(report.changes),
    ]
    blocks = [_section("\n".join(lines), "refresh")]
    for code, changes in report.changes.per_list.items():
        if not changes.count:
            continue
        parts = [
            f"*{list_label(code)}*: +{len(changes.added)} \u2212{len(changes.removed)} "
            f"~{len(changes.changed)}"
        ]
        for label, names in (
            ("Added", changes.added),
            ("Removed", changes.removed),
            ("Changed", changes.changed),
        ):
            if names:
                parts.append(f"{label}: {_name_list(names)}")
        blocks.append(_section("\n".join(parts), f"list.{escape_line(code)[:200]}"))
    return Message(
        _plain(f"Refresh done: {dataset.entry_count:,} entries as of {_day(dataset.as_of)}"),
        fit(blocks),
    )


def refresh_announcement(report: RefreshReport) -> Message:
    """For ENTITYBOT_ANNOUNCE_CHANNEL after a scheduled refresh that changed something:
    "3 parties added to the Entity List: A, B, C"."""
    dataset = report.dataset
    lines = [
        f":rotating_light: *The screening lists changed* (data as of {_day(dataset.as_of)}, "
        f"{dataset.entry_count:,} entries)."
    ]
    for code, changes in report.changes.per_list.items():
        for verb, names in (
            ("added to", changes.added),
            ("removed from", changes.removed),
            ("changed on", changes.changed),
        ):
            if names:
                noun = "party" if len(names) == 1 else "parties"
                lines.append(
                    f"{len(names):,} {noun} {verb} the {list_label(code)}: {_name_list(names)}"
                )
    first = lines[1] if len(lines) > 1 else lines[0]
    return Message(_plain(first), fit([_section("\n".join(lines), "announce")]))


def _change_totals(changes: DatasetChanges) -> str:
    if not changes.any:
        return "Nothing changed compared with the previous data."
    return (
        f"Compared with the previous data: {changes.added:,} added, {changes.removed:,} "
        f"removed, {changes.changed:,} changed."
    )


def _name_list(names: list[str]) -> str:
    shown = "; ".join(escape_line(name) for name in names[:MAX_CHANGED_NAMES])
    if len(names) > MAX_CHANGED_NAMES:
        shown += f" and {len(names) - MAX_CHANGED_NAMES:,} more"
    return shown


def refresh_failed(reason: str, active: DatasetVersion | None) -> Message:
    lines = [f":x: *Refresh failed:* {escape(reason)}"]
    if active:
        lines.append(
            f"Nothing changed: the data as of {_day(active.as_of)} "
            f"({active.entry_count:,} entries, from {escape_line(public_source(active.source))}) "
            "is still answering."
        )
    else:
        lines.append("Nothing changed.")
    return Message("Refresh failed", [_section("\n".join(lines), "refresh")])


def status(dataset: DatasetVersion, running: tuple[str, datetime] | None) -> Message:
    lines = [
        f"*Active data:* {escape_line(public_source(dataset.source))}",
        f"As of *{_day(dataset.as_of)}* \u00b7 {dataset.entry_count:,} entries",
        f"Last refresh: {dataset.fetched_at:%Y-%m-%d %H:%M} UTC by "
        f"{user_mention(dataset.loaded_by) if dataset.loaded_by else 'unknown'}",
    ]
    if running:
        holder, since = running
        lines.append(
            f":arrows_counterclockwise: A refresh is running now (started {since:%H:%M} UTC "
            f"by {user_mention(holder)})."
        )
    counts = "\n".join(
        f"{list_label(code)}: {count:,}" for code, count in dataset.counts_per_list.items()
    )
    blocks = [
        _section("\n".join(lines), "status"),
        _section(f"*Entries per list*\n{counts or 'none'}", "counts"),
    ]
    return Message(_plain(f"entitybot data as of {_day(dataset.as_of)}"), blocks)


def something_went_wrong() -> Message:
    text = (
        ":warning: Something went wrong answering this; the error was logged. "
        "Please try again in a minute."
    )
    return Message("Something went wrong", [_section(text, "error")])
