"""Slack text in, domain answers out: what the listeners ask of `Screening`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.model import Answer, ListedParty, MessageAnswer
from bot.answers.typed_dates import DateError, split_day
from bot.screening import QueryError, Screening
from bot.slack.button_values import PartyRef
from bot.slack.mention_text import Found, clean_slack_text, is_help, name_in


@dataclass(frozen=True)
class Refusal:
    """A query the domain would not look up (too long, say), with its reason."""

    query: str
    reason: str


Outcome = Answer | Refusal


@dataclass(frozen=True)
class ChosenParty:
    party: ListedParty
    answer: Answer


class Lookups:
    """The lookups for one message, each text looked up once: splitting a message asks
    about the same pieces several times."""

    def __init__(self, screening: Screening) -> None:
        self._screening = screening
        self._outcomes: dict[str, Outcome] = {}

    def outcome(self, query: str) -> Outcome:
        if query not in self._outcomes:
            try:
                self._outcomes[query] = self._screening.lookup(query)
            except QueryError as exc:
                self._outcomes[query] = Refusal(query[:200], str(exc))
        return self._outcomes[query]

    def found(self, query: str) -> Found:
        outcome = self.outcome(query)
        if isinstance(outcome, Refusal):
            return Found.NOTHING
        if outcome.status == "match":
            return Found.MATCH
        if outcome.history:
            return Found.FORMER
        return Found.POSSIBLE if outcome.status == "ambiguous" else Found.NOTHING


def answer_command(screening: Screening, text: str) -> Outcome:
    """The answer to `/entity TEXT`: one name. When the text is no name but a question
    around one ("what's the status of Qihoo 360"), the one party it names. "NAME on DATE"
    and "NAME as of DATE" answer whether it was listed on that day."""
    try:
        cleaned, day = split_day(clean_slack_text(text))
    except DateError as exc:
        return Refusal(clean_slack_text(text)[:200], str(exc))
    outcome = _answer_name(screening, cleaned)
    if day is not None and isinstance(outcome, Answer):
        return screening.on(outcome, day)
    return outcome


def _answer_name(screening: Screening, cleaned: str) -> Outcome:
    lookups = Lookups(screening)
    outcome = lookups.outcome(name_in(cleaned, lookups.found))
    if isinstance(outcome, Answer) and outcome.status == "none" and not outcome.history:
        mentions = screening.scan(cleaned).distinct_mentions()
        if len(mentions) == 1:
            return mentions[0].answer
    return outcome


def answer_message(screening: Screening, text: str) -> MessageAnswer | None:
    """Every listed party a mention, direct message or shortcut names; None for "help"."""
    cleaned = clean_slack_text(text)
    if is_help(cleaned):
        return None
    return screening.scan(cleaned)


def find_party(screening: Screening, ref: PartyRef) -> ChosenParty | None:
    """The party a button names, as the current data has it; None when it is gone."""
    for query in filter(None, (ref.query, ref.name)):
        try:
            answer = screening.lookup(query)
        except QueryError:
            continue
        for party in answer.results:
            if party.name == ref.name and party.list_code == ref.list_code:
                return ChosenParty(party, answer)
    return None
