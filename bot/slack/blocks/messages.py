"""Whole replies built from answers: /entity's private answer, a thread reply with one answer
per name, a chosen candidate, an answer shared in the channel."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bot.answers import display
from bot.answers.model import DataSummary
from bot.slack.blocks.answers import answer_blocks, answer_summary, footer, party_card
from bot.slack.blocks.kit import (
    MAX_BLOCKS,
    MAX_FALLBACK,
    Block,
    Message,
    button,
    context,
    divider,
    fit,
    plain,
    section,
)
from bot.slack.button_values import PartyRef
from bot.slack.lookups import ChosenParty, Outcome, Refusal
from bot.slack.safe_text import clip, escape, escape_line, user_mention

SHARE_ACTION = "share_in_channel"


def _data_of(outcomes: Iterable[Outcome]) -> DataSummary | None:
    return next((o.data for o in outcomes if not isinstance(o, Refusal)), None)


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
        "elements": [button("Share in channel", SHARE_ACTION, ref.encode(), style="primary")],
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
        answer = ([divider(f"a{index}.divider")] if blocks else []) + answer_blocks(outcome, index)
        if left_out or len(blocks) + len(answer) > room:
            left_out.append(outcome.query)
            continue
        blocks += answer
    notes = []
    if left_out:
        names = ", ".join(f"\u201c{escape_line(query)}\u201d" for query in left_out)
        notes.append(
            f"{display.more(len(left_out), 'answer')} did not fit in one message: {names}."
        )
    if truncated:
        notes.append("Only the first names were looked up; send the others in another message.")
    if notes:
        blocks.append(context(" ".join(notes) + " Ask about them separately.", "more"))
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


def _chosen_summary(chosen: ChosenParty) -> str:
    return plain(f"Listed: {chosen.party.name} ({chosen.party.list_name})")


def chosen_reply(chosen: ChosenParty, query: str) -> Message:
    """/entity's private answer once a candidate is chosen: the card, shareable."""
    blocks = chosen_blocks(chosen, query, 0)
    blocks.append(share_actions(PartyRef(query, chosen.party.name, chosen.party.list_code)))
    blocks.append(footer(chosen.answer.data))
    return Message(_chosen_summary(chosen), fit(blocks))


def party_gone(ref: PartyRef, data_as_of: date | None) -> Message:
    return Message(
        plain(f"{ref.name} is no longer in the data"),
        [
            section(
                f":information_source: *{escape_line(ref.name)}* "
                f"({escape(ref.list_code)}) is not in the data as of {display.day(data_as_of)}: "
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
    blocks = chosen_blocks(chosen, query, 0)
    return _shared(blocks, chosen.answer.data, _chosen_summary(chosen), user_id)


def _shared(blocks: list[Block], data: DataSummary | None, summary: str, user_id: str) -> Message:
    blocks.append(
        context(f"Shared by {user_mention(user_id)} from a private `/entity` lookup.", "by")
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
