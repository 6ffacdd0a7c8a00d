"""/entity-admin refresh | status | audit | help, for the users in ENTITYBOT_ADMIN_USERS."""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.screening import RefreshBusy, RefreshOutcome
from bot.slack.audit_upload import audit_range, send_audit
from bot.slack.blocks import admin, audit
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.replies import ack_with, respond_with
from bot.slack.services import SlackServices, services_of

logger = logging.getLogger(__name__)

SUBCOMMANDS = ("refresh", "status", "audit", "help")


def entity_admin_command(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    services = services_of(context)
    subcommand, _, rest = (command.get("text") or "").strip().partition(" ")
    subcommand = subcommand.lower()
    source = services.settings.csl_url
    user_id = command.get("user_id", "")
    if subcommand in ("", "help"):
        ack_with(ack, audit.with_audit_usage(admin.admin_usage(source)))
    elif subcommand not in SUBCOMMANDS:
        ack_with(ack, audit.with_audit_usage(admin.admin_unknown(subcommand, source)))
    elif not services.is_admin(user_id):
        logger.warning("refused /entity-admin %s from %s: not an admin", subcommand, user_id)
        ack_with(ack, admin.admin_refused(subcommand))
    elif subcommand == "status":
        ack()
        services.after_ack(
            lambda: respond_with(respond, _status(services)),
            on_error=lambda: respond_with(respond, something_went_wrong()),
        )
    elif subcommand == "audit":
        _audit(services, user_id, rest, ack, respond, client)
    elif rest.strip():
        ack_with(ack, admin.refresh_takes_no_source(source))
    else:
        _refresh(services, user_id, ack, respond)


def _refresh(services: SlackServices, user_id: str, ack: Ack, respond: Respond) -> None:
    # Taken before the ack: a second request, here or on another instance, is told at once
    # who is refreshing, even while this refresh's child process is still starting.
    accepted = services.screening.accept_refresh(user_id)
    if isinstance(accepted, RefreshBusy):
        ack_with(ack, admin.refresh_busy(accepted))
        return
    ack_with(ack, admin.refresh_started(services.settings.csl_url))

    def report(outcome: RefreshOutcome) -> None:
        # Over before the report is sent: whoever reads it may start the next one.
        try:
            services.screening.end_refresh(accepted)
        finally:
            respond_with(respond, admin.refresh_outcome(outcome))

    def run() -> None:
        try:
            # No source argument: only the configured one (ENTITYBOT_CSL_URL) is ever fetched.
            services.screening.run_refresh(
                user_id, report, enrich=services.settings.enrich_from_federal_register
            )
        finally:
            services.screening.end_refresh(accepted)

    # Its own thread, not the answers' pool: a refresh takes minutes, answers seconds.
    threading.Thread(target=run, name="entitybot-refresh", daemon=True).start()


def _audit(
    services: SlackServices, user_id: str, rest: str, ack: Ack, respond: Respond, client: WebClient
) -> None:
    asked = audit_range(rest)
    if isinstance(asked, str):
        ack_with(ack, audit.bad_range(asked))
        return
    ack_with(ack, audit.preparing(*asked))
    services.after_ack(
        lambda: respond_with(respond, send_audit(services.screening, client, user_id, asked)),
        on_error=lambda: respond_with(respond, something_went_wrong()),
    )


def _status(services: SlackServices) -> Message:
    return admin.status(services.screening.status(), services.screening.refresh_running())
