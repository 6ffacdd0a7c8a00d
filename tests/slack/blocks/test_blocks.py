"""Rendering: every answer inside Slack's limits, list data escaped, nothing lost silently."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from slack_testkit.messages import (
    FORBIDDEN_MARKUP,
    block_ids,
    block_problems,
    block_texts,
    buttons,
)

from bot.answers.model import (
    Answer,
    DataSummary,
    FormerListing,
    ListedParty,
    ListingDate,
    Mention,
    MessageAnswer,
    NearMiss,
    NoticeRef,
)
from bot.changes import DatasetChanges, ListChanges
from bot.screening import DataStatus, RefreshBusy, RefreshReport
from bot.slack.blocks import admin, kit, messages
from bot.slack.button_values import ButtonSigner
from bot.slack.lookups import ChosenParty
from bot.spotting.unlisted import NameSpan

SIGNER = ButtonSigner("test-signing-secret")
DATA = DataSummary(as_of=date(2026, 7, 31), entry_count=25921, lists={"EL": 3000, "SDN": 18000})
NOTICE = NoticeRef(
    cite="85 FR 34495",
    title="Addition of Entities to the Entity List",
    url="https://www.federalregister.gov/citation/85-FR-34495",
    publication_date=date(2020, 6, 5),
    effective_date=date(2020, 6, 5),
)
PARTY = ListedParty(
    name="Qihoo 360 Technology Co. Ltd",
    list_code="EL",
    list_name="Entity List",
    agency="Bureau of Industry and Security",
    entry_type="",
    score=98.6,
    matched_on="Qihoo 360",
    listing_date=ListingDate(day=date(2020, 6, 5), source="effective date of 85 FR 34495"),
    federal_register=["85 FR 34497", "not a cite"],
    reason="Added for a significant risk.",
    excerpt="GB: Qihoo 360 Technology Co. Ltd\nsecond line",
    excerpt_source="The entry as the Entity List prints it.",
    source_url="https://www.bis.gov/regulations/ear/744#supplement-4-744",
    countries=["GB", "CN"],
    aliases=["360 Security"],
    notice=NOTICE,
)


def answer(status="match", results=(PARTY,), history=(), near=(), query="Qihoo 360") -> Answer:
    return Answer(query, status, list(results), list(history), list(near), DATA)


def scan(*answers: Answer, unlisted: tuple[str, ...] = ()) -> MessageAnswer:
    """A message naming each answer's query, in order, and the unlisted names."""
    mentions = [Mention(n, n + 1, a.query, "why", a) for n, a in enumerate(answers)]
    names = [NameSpan(100 + n, 101 + n, name) for n, name in enumerate(unlisted)]
    return MessageAnswer("text", mentions, names, DATA)


def test_a_card_has_every_fact_with_cites_linked():
    text = block_texts(messages.lookup_reply(answer(), SIGNER).blocks)
    assert "*Qihoo 360 Technology Co. Ltd*" in text
    assert "Matched on \u201cQihoo 360\u201d (score 98.6)" in text
    assert "<https://www.federalregister.gov/citation/85-FR-34497|85 FR 34497>, not a cite" in text
    # The entry's fields, as the list gives them: not dressed as a quote.
    assert "*The entry, field by field*\nGB: Qihoo 360 Technology Co. Ltd\nsecond line" in text
    assert "*Also known as*\n360 Security" in text
    assert "(25,921 entries, 2 US lists)" in text


def test_old_data_is_flagged_on_every_card_and_fresh_data_is_not():
    stale = block_texts(messages.lookup_reply(answer(), SIGNER).blocks)
    assert ":warning: Data as of *2026-07-31*, " in stale and "days old" in stale
    assert "ask an admin to refresh" in stale
    fresh = replace(DATA, as_of=date.today())
    text = block_texts(messages.lookup_reply(replace(answer(), data=fresh), SIGNER).blocks)
    assert f"Data as of *{date.today().isoformat()}*" in text and "days old" not in text


def test_a_verbatim_passage_is_quoted_and_says_where_from():
    quoted = replace(PARTY, excerpt="the rule's words", excerpt_kind="quote")
    text = block_texts(messages.lookup_reply(answer(results=[quoted]), SIGNER).blocks)
    assert "*Excerpt*\n>the rule's words\n_The entry as the Entity List prints it._" in text


def test_list_data_is_escaped_everywhere():
    hostile = replace(
        PARTY,
        name="<!channel> Evil <@U0BOSS> Ltd",
        matched_on="<!here>",
        reason="<#C0GENERAL> & <!everyone>",
        excerpt="<!channel>",
        aliases=["<@W0X>"],
        countries=["<!here>"],
        source_url="https://x.example/|<!channel>",
    )
    former = FormerListing(
        name="<!channel>",
        list_code="EL",
        list_name="Entity List",
        score=90,
        matched_on="<!channel>",
        listed_from=ListingDate(source="<!here>"),
        left_between=None,
        federal_register=["<@U2>"],
        notice=replace(NOTICE, title="<!here>"),
        reason="<@U1>",
        excerpt="<!everyone>",
        excerpt_source="<#C1>",
        source_url="https://example.com/<!channel>",
    )
    for message in (
        messages.lookup_reply(answer(results=[hostile], history=[former], query="<!here>"), SIGNER),
        messages.lookup_reply(answer("ambiguous", [hostile, PARTY], query="<@U1>"), SIGNER),
        messages.lookup_reply(answer("none", [], near=[NearMiss("<!channel>", "EL", 50)]), SIGNER),
        messages.scan_reply(
            scan(answer(results=[hostile]), unlisted=("<!channel> <@U1>",)), SIGNER
        ),
        messages.scan_reply(scan(unlisted=("<!here>",)), SIGNER),
    ):
        raw = repr(message)
        assert not FORBIDDEN_MARKUP.search(raw), raw
        assert block_problems(message.blocks) == []


def test_a_long_reason_is_clipped_inside_one_section():
    long = replace(PARTY, reason="word " * 2000, excerpt="quote " * 2000, aliases=["a"] * 50)
    message = messages.lookup_reply(answer(results=[long]), SIGNER)
    assert block_problems(message.blocks) == []
    assert "(44 more aliases)" in block_texts(message.blocks)


def test_at_most_five_candidates_with_a_line_for_the_rest():
    many = [replace(PARTY, name=f"Party {n}") for n in range(8)]
    message = messages.lookup_reply(answer("ambiguous", many), SIGNER)
    assert block_problems(message.blocks) == []
    assert len([b for b in message.blocks if b["block_id"].startswith("a0.c")]) == 5
    assert "3 more candidates not shown" in block_texts(message.blocks)


def test_a_long_thread_reply_drops_whole_answers_and_names_them():
    former = FormerListing(
        "F", "EL", "Entity List", 90, "F", ListingDate(), None, [], NOTICE, "r", "e", "s", ""
    )
    answers = [
        answer(results=[replace(PARTY, name=f"Party {n}")], history=[former], query=f"Q{n}")
        for n in range(12)
    ]
    message = messages.scan_reply(scan(*answers, unlisted=("Acme Widgets",)), SIGNER)
    assert block_problems(message.blocks) == []
    assert len(message.blocks) <= 50
    text = block_texts(message.blocks)
    assert "more parties not shown" in text
    assert "\u201cQ11\u201d" in text
    assert "*Not on the lists:* \u201cAcme Widgets\u201d" in text
    assert message.blocks[-1]["block_id"] == "footer"
    assert "Searched 25,921 entries on 2 US lists" in text


def test_a_party_named_twice_is_answered_once():
    message = messages.scan_reply(scan(answer(query="Qihoo 360"), answer(query="Qihoo")), SIGNER)
    assert block_ids(message.blocks).count("a0.0.party") == 1
    assert "a1.0.party" not in block_ids(message.blocks)


def test_a_message_naming_nothing_gets_help_not_a_no_match():
    text = block_texts(messages.scan_reply(scan(), SIGNER).blocks)
    assert "found no company or person name" in text and "No match" not in text
    unlisted = block_texts(messages.scan_reply(scan(unlisted=("Siemens AG",)), SIGNER).blocks)
    assert "*Not on the lists:* \u201cSiemens AG\u201d" in unlisted
    assert "This is not a clearance" in unlisted


def test_fit_counts_what_it_leaves_out():
    many = [{"type": "divider", "block_id": f"d{n}"} for n in range(60)]
    fitted = kit.fit(many)
    assert len(fitted) == 50
    assert "11 more blocks not shown." in block_texts(fitted)


def test_replacing_one_answer_keeps_the_others():
    other = replace(PARTY, name="Other Party")
    reply = messages.scan_reply(
        scan(answer("ambiguous", [PARTY, PARTY]), answer(results=[other], query="Other")), SIGNER
    )
    chosen = ChosenParty(PARTY, answer())
    replaced = messages.replace_answer(reply.blocks, 0, messages.chosen_blocks(chosen, "q", 0))
    ids = block_ids(replaced)
    assert not any(i.startswith("a0.c") for i in ids)
    assert ids.count("a0.0.party") == 1
    assert "a1.0.party" in ids and ids[-1] == "footer"
    assert messages.answer_index("a1.c3") == 1
    assert messages.answer_index("share") == 0


def test_a_refresh_report_counts_per_list_and_names_a_few():
    dataset = DataStatus(
        version_id=2,
        source="https://u:p@data.example/csl.csv?key=secret",
        layout="csv",
        as_of=date(2026, 8, 1),
        loaded_at=datetime(2026, 8, 1, 9, 30, tzinfo=UTC),
        loaded_by="U0ADMIN",
        entry_count=25930,
        counts_per_list={"EL": 3009},
        list_names={"EL": "Entity List"},
        sha256="x",
    )
    changes = DatasetChanges(
        {"EL": ListChanges("EL", added=[f"New {n}" for n in range(12)], removed=["Old <b>"])}
    )
    report = RefreshReport(dataset, dataset, changes, 12.34, dataset.source)
    text = block_texts(admin.refresh_done(report).blocks)
    assert "*Refresh done* in 12.3 s from https://data.example/csl.csv." in text
    assert "secret" not in text and "u:p" not in text
    assert "12 added, 1 removed, 0 changed" in text
    assert "*Entity List (EL)*: +12 \u22121 ~0" in text
    assert "New 7 and 4 more" in text
    assert "Removed: Old &lt;b&gt;" in text
    status = block_texts(admin.status(dataset, RefreshBusy("U0OTHER", dataset.loaded_at)).blocks)
    assert "Last refresh: 2026-08-01 09:30 UTC by <@U0ADMIN>" in status
    assert "A refresh is running now (started 09:30 UTC by <@U0OTHER>)" in status


def test_two_ambiguous_answers_in_one_reply_have_buttons_with_unique_action_ids():
    other = replace(PARTY, name="Other Party")
    reply = messages.scan_reply(
        scan(answer("ambiguous", [PARTY, other]), answer("ambiguous", [other, PARTY], query="Q")),
        SIGNER,
    )
    action_ids = [element["action_id"] for element in buttons(reply.blocks)]
    assert action_ids == [
        "choose_candidate.0.0",
        "choose_candidate.0.1",
        "choose_candidate.1.0",
        "choose_candidate.1.1",
    ]
    assert block_problems(reply.blocks) == []
