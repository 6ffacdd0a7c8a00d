"""The Workflow Builder step "Screen a company": a name in, the answer as outputs a workflow
can branch on (status match, ambiguous or none) and pass on (name, list, date, reason, link).

Slack sends `function_executed`; the step acks at once and completes it in the background
with functions.completeSuccess (Bolt's `complete`) or, when the name cannot be screened,
functions.completeError (`fail`), whose error Workflow Builder shows to the workflow's owner.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Complete, Fail

from bot.screening import QueryError
from bot.screening.records import WORKFLOW_STEP
from bot.slack.recording import Where, record_outcome, where
from bot.slack.services import SlackServices, services_of
from bot.slack.step_outputs import step_outputs

logger = logging.getLogger(__name__)

# The callback ID manifest.yml gives the step (functions -> screen_company).
SCREEN_COMPANY = "screen_company"
NO_NAME = "No company name to screen: the step's name input is empty."
WENT_WRONG = "entitybot could not screen this name just now; run the workflow again."


def screen_company(
    ack: Ack,
    inputs: dict[str, Any],
    body: dict[str, Any],
    complete: Complete,
    fail: Fail,
    context: BoltContext,
) -> None:
    ack()
    services = services_of(context)
    # The event names no user: the workflow passes the person it runs for, when it does.
    asker = where(context, WORKFLOW_STEP, str(inputs.get("asked_by") or ""), "")
    event_id = str(body.get("event_id") or "")
    execution = context.function_execution_id or ""

    def screen() -> None:
        # Slack delivers an event again when it thinks the ack was lost: the step completes
        # once, whichever worker or instance gets the repeat.
        if services.screening.claim_event(event_id, "step", execution):
            _screen(services, asker, inputs, complete, fail)

    def went_wrong() -> None:
        # A step never ended leaves its workflow waiting: end it, saying it failed.
        fail(error=WENT_WRONG)

    services.after_ack(screen, on_error=went_wrong)


def _screen(
    services: SlackServices, asker: Where, inputs: dict[str, Any], complete: Complete, fail: Fail
) -> None:
    name = inputs.get("name")
    asked = name if isinstance(name, str) else ""
    if not asked.strip():
        fail(error=NO_NAME)
        return
    try:
        answer = services.screening.lookup(asked)
    except QueryError as exc:
        # Refused as typed (too long): nothing was answered, so nothing is recorded.
        fail(error=_sentence(str(exc)))
        return
    unrecorded = record_outcome(services, asker, asked, answer)
    if unrecorded is not None:
        # No answer leaves without its audit record: the step fails and says why.
        fail(error=unrecorded.text)
        return
    complete(outputs=step_outputs(answer))


def _sentence(reason: str) -> str:
    return f"{reason[:1].upper()}{reason[1:]}."
