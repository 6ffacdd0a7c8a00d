"""/entity-admin refresh | status | help, for the users in ENTITYBOT_ADMIN_USERS."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.screening import RefreshReport
from bot.slack import blocks
from bot.slack.refresh_job import RefreshOutcome
from bot.slack.replies import ack_with, respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)

SUBCOMMANDS = ("refresh", "status", "help")


def entity_admin_command(
    ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    services = services_of(context)
    subcommand, _, rest = (command.get("text") or "").strip().partition(" ")
    subcommand = subcommand.lower()
    source = services.settings.csl_url
    user_id = command.get("user_id", "")
    if subcommand in ("", "help"):
        ack_with(ack, blocks.admin_usage(source))
    elif subcommand not in SUBCOMMANDS:
        ack_with(ack, blocks.admin_unknown(subcommand, source))
    elif not services.is_admin(user_id):
        logger.warning("refused /entity-admin %s from %s: not an admin", subcommand, user_id)
        ack_with(ack, blocks.admin_refused(subcommand))
    elif subcommand == "status":
        ack()
        services.after_ack(
            lambda: respond_with(respond, _status(services)),
            on_error=lambda: respond_with(respond, blocks.something_went_wrong()),
        )
    elif rest.strip():
        ack_with(ack, blocks.refresh_takes_no_source(source))
    else:
        _refresh(services, user_id, ack, respond)


def _refresh(services: SlackServices, user_id: str, ack: Ack, respond: Respond) -> None:
    busy = services.refreshes.busy()
    if busy:
        ack_with(ack, blocks.refresh_busy(busy.holder, busy.since))
        return
    ack_with(ack, blocks.refresh_started(services.settings.csl_url))
    services.refreshes.start(user_id, lambda outcome: respond_with(respond, _report(outcome)))


def _report(outcome: RefreshOutcome) -> blocks.Message:
    if isinstance(outcome, RefreshReport):
        return blocks.refresh_done(outcome)
    return blocks.refresh_failed(outcome.reason, outcome.active)


def _status(services: SlackServices) -> blocks.Message:
    busy = services.refreshes.busy()
    return blocks.status(
        services.screening.status(),
        (busy.holder, busy.since) if busy and busy.since else None,
    )
