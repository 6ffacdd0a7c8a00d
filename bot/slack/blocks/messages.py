"""Whole replies built from answers: /entity's private answer, a thread reply with one answer
per name, a chosen candidate, an answer shared in the channel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.answers import display
from bot.answers.model import DataSummary, MessageAnswer
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
from bot.slack.button_values import ButtonSigner, PartyRef, ThreadShare
from bot.slack.lookups import ChosenParty, Outcome, Refusal
from bot.slack.safe_text import clip, escape, escape_line, user_mention

SHARE_ACTION = "share_in_channel"
SHARE_IN_THREAD_ACTION = "share_in_thread"
# One reply to a message answers at most this many parties; the rest are named.
MAX_PARTIES = 10
NAMED = "your message names"


def lookup_reply(outcome: Outcome, signer: ButtonSigner) -> Message:
    """/entity's private answer, with the button that shares it in the channel."""
    blocks = answer_blocks(outcome, signer=signer)
    if not isinstance(outcome, Refusal):
        # An answer for a past date is shared for that date.
        asked = f"{outcome.query} on {outcome.on}" if outcome.on else outcome.query
        blocks.append(share_actions(PartyRef(asked), signer))
        blocks.append(footer(outcome.data))
    return Message(answer_summary(outcome), fit(blocks))


def share_actions(ref: PartyRef, signer: ButtonSigner) -> Block:
    value = signer.sign(SHARE_ACTION, ref.encode())
    return {
        "type": "actions",
        "block_id": "share",
        "elements": [button("Share in channel", SHARE_ACTION, value, style="primary")],
    }


def scan_reply(scan: MessageAnswer, signer: ButtonSigner | None) -> Message:
    """The reply to a mention, a direct message or the message shortcut: each listed party
    the message names (once, in order), the names it read that are on no list, and what was
    searched; candidates' buttons when there is a `signer`. Whole answers are dropped, never
    halves, past 50 blocks or MAX_PARTIES."""
    mentions = scan.distinct_mentions()
    if not mentions:
        return _nothing_listed(scan)
    room = MAX_BLOCKS - 2
    blocks: list[Block] = []
    left_out: list[str] = []
    for index, mention in enumerate(mentions):
        answer = answer_blocks(mention.answer, index, signer, asked=NAMED)
        answer = ([divider(f"a{index}.divider")] if blocks else []) + answer
        if left_out or index >= MAX_PARTIES or len(blocks) + len(answer) > room:
            left_out.append(mention.text)
            continue
        blocks += answer
    notes = []
    if scan.unlisted:
        notes.append(f"*Not on the lists:* {_names(span.text for span in scan.unlisted)}.")
    if left_out:
        notes.append(
            f"{display.more(len(left_out), 'party', 'parties')} not shown: "
            f"{_names(left_out)}. Ask about them in another message."
        )
    if notes:
        blocks.append(context(" ".join(notes), "more"))
    blocks.append(searched(scan.data))
    text = "; ".join(answer_summary(mention.answer) for mention in mentions)
    return Message(clip(text, MAX_FALLBACK), fit(blocks))


def _nothing_listed(scan: MessageAnswer) -> Message:
    if not scan.unlisted:
        text = (
            ":grey_question: I found no company or person name in that message. Ask like "
            "`@entitybot is Qihoo 360 listed?`, or send the names one per line."
        )
        return Message("No names found", [section(text, "nothing"), searched(scan.data)])
    names = _names(span.text for span in scan.unlisted)
    text = (
        f":white_circle: *Not on the lists:* {names}.\n*This is not a clearance.* Only the "
        f"names were compared, against {escape(display.searched_lists(scan.data))}."
    )
    return Message(plain(f"Not on the lists: {names}"), [section(text, "none"), footer(scan.data)])


def searched(data: DataSummary) -> Block:
    """What every reply to a message ends with: what was searched, and as of when."""
    return context(
        f"Searched {escape(display.searched_lists(data))}. Names only are compared: confirm "
        "against the source before acting.",
        "footer",
    )


def _names(names: Iterable[str]) -> str:
    return "; ".join(f"\u201c{escape_line(name)}\u201d" for name in names)


def chosen_blocks(chosen: ChosenParty, query: str, index: int) -> list[Block]:
    """The card a candidate's button puts in place of the candidates."""
    headline = (
        f":red_circle: *Listed* \u2014 chosen from the possible matches for "
        f"\u201c{escape_line(query or chosen.party.name)}\u201d"
    )
    return party_card(chosen.party, headline, f"a{index}.0")


def _chosen_summary(chosen: ChosenParty) -> str:
    return plain(f"Listed: {chosen.party.name} ({chosen.party.list_name})")


def chosen_reply(chosen: ChosenParty, query: str, signer: ButtonSigner) -> Message:
    """/entity's private answer once a candidate is chosen: the card, shareable."""
    blocks = chosen_blocks(chosen, query, 0)
    ref = PartyRef(query, chosen.party.name, chosen.party.list_code)
    blocks.append(share_actions(ref, signer))
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
    blocks = answer_blocks(outcome)
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


def shortcut_reply(scan: MessageAnswer, share: ThreadShare, signer: ButtonSigner) -> Message:
    """The message shortcut's private answer, with a button that shares it in the message's
    thread (when the message is short enough for the button to carry it)."""
    reply = scan_reply(scan, signer)
    payload = share.encode()
    if payload is None:
        note = context("This message is too long to share the answer from here.", "share")
        return Message(reply.text, fit([*reply.blocks, note]))
    value = signer.sign(SHARE_IN_THREAD_ACTION, payload)
    button_block: Block = {
        "type": "actions",
        "block_id": "share",
        "elements": [button("Share in thread", SHARE_IN_THREAD_ACTION, value, style="primary")],
    }
    return Message(reply.text, fit([*reply.blocks[:-1], button_block, reply.blocks[-1]]))


def shared_in_thread(scan: MessageAnswer, user_id: str) -> Message:
    """The shortcut's answer as the thread sees it: no buttons, and who shared it."""
    reply = scan_reply(scan, None)
    by = context(f"Shared by {user_mention(user_id)} from *Check names in this message*.", "by")
    return Message(reply.text, fit([*reply.blocks[:-1], by, reply.blocks[-1]]))
