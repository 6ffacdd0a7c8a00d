"""`/entity history` and the App Home tab: a user's own last lookups, read from the audit
trail, with the data answering now."""

from __future__ import annotations

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.slack.blocks.history import HISTORY_LENGTH, history, home_view
from bot.slack.blocks.kit import something_went_wrong
from bot.slack.replies import respond_with
from bot.slack.services import SlackServices

# `/entity history`: the one word that asks for the history, not a lookup.
HISTORY_WORD = "history"


def asks_for_history(text: str) -> bool:
    return text.strip().lower() == HISTORY_WORD


def show_history(services: SlackServices, user_id: str, ack: Ack, respond: Respond) -> None:
    """Ack now; the history follows, privately, once read."""
    ack()

    def reply() -> None:
        screening = services.screening
        records = screening.records.recent(user_id, HISTORY_LENGTH)
        respond_with(respond, history(records, screening.data()))

    services.after_ack(reply, on_error=lambda: respond_with(respond, something_went_wrong()))


def publish_home(services: SlackServices, client: WebClient, user_id: str) -> None:
    screening = services.screening
    records = screening.records.recent(user_id, HISTORY_LENGTH)
    client.views_publish(user_id=user_id, view=home_view(records, screening.data()))
