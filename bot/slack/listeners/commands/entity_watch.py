"""/entity-watch add NAME, … | remove NAME | list | import: the channel's watchlist.

Anyone in the channel may change it, unless ENTITYBOT_WATCH_ADMINS_ONLY=1 keeps that to the
admins; every change is recorded by the domain (who, when, what). Adding looks each name up,
which may wait for the index, so the reply comes after the ack.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.screening.watchlists import WatchError, split_names
from bot.slack.blocks import watch
from bot.slack.blocks.kit import Message, something_went_wrong
from bot.slack.replies import ack_with, respond_with
from bot.slack.services import SlackServices, services_of
from bot.slack.watch_import import import_from_channel

logger = logging.getLogger(__name__)

CHANGES = ("add", "remove", "import")


def entity_watch_command(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    services = services_of(context)
    action, _, rest = (command.get("text") or "").strip().partition(" ")
    action = action.lower()
    user_id = command.get("user_id", "")
    channel = command.get("channel_id", "")
    if action not in ("add", "remove", "list", "import"):
        ack_with(ack, watch.usage())
        return
    if action in CHANGES and services.settings.watch_admins_only and not services.is_admin(user_id):
        logger.warning("refused /entity-watch %s from %s: not an admin", action, user_id)
        ack_with(ack, watch.admins_only())
        return
    if action in ("add", "remove") and not rest.strip():
        ack_with(ack, watch.refused(f"Give a name: /entity-watch {action} Zephyr Optics"))
        return
    ack()

    def run() -> None:
        if action == "import":
            respond_with(respond, import_from_channel(services, client, channel, user_id))
        else:
            respond_with(respond, _do(services, action, channel, rest, user_id))

    services.after_ack(run, on_error=lambda: respond_with(respond, something_went_wrong()))


def _do(services: SlackServices, action: str, channel: str, rest: str, user_id: str) -> Message:
    watchlists = services.screening.watchlists
    try:
        if action == "list":
            return watch.listed(watchlists.names(channel))
        if action == "remove":
            return watch.removed(watchlists.remove(channel, rest, user_id))
        return watch.added(watchlists.add(channel, split_names(rest), user_id))
    except WatchError as exc:
        return watch.refused(str(exc))
