"""The App Home tab: on app_home_opened, the user's last lookups, the data's as-of date and
age, and how to use the bot, published as their Home view."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.slack.history import publish_home
from bot.slack.services import services_of


def app_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    # The same event comes for the Messages tab, which has no view to publish.
    if event.get("tab") != "home" or not event.get("user"):
        return
    services = services_of(context)
    services.after_ack(lambda: publish_home(services, client, event["user"]))
