"""Sending the watchlist alerts every refresh queues, from whichever process runs the app.

A refresh may run anywhere (`entitybot refresh` in a terminal cannot post to Slack), so it
only queues its alerts in the store; every running web worker and Socket Mode process polls
the queue every few seconds, well inside the minute an alert may take. A queued alert is
leased to one sender at a time, so it is posted once however many poll. One Slack refuses
(the bot is not in the channel, rate limited) is tried again on later polls and, after its
last try, told to the admins in their direct messages: never dropped silently.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.screening import Screening
from bot.screening.watchlists import Hit, StoredAlert
from bot.slack.blocks import watch
from bot.slack.replies import tell_privately

logger = logging.getLogger(__name__)

# How often a sender looks for alerts to send: an alert reaches its channel within a minute.
POLL_SECONDS = 5.0


class WatchAlertSender:
    def __init__(self, screening: Screening, client: WebClient, admins: Iterable[str]) -> None:
        self._watchlists = screening.watchlists
        self._client = client
        self._admins = sorted(admins)
        self._started_in: int | None = None
        self._lock = threading.Lock()

    def send_pending(self) -> int:
        """Post every alert owed now; how many reached their channel."""
        sent = 0
        for alert in self._watchlists.take_pending():
            sent += self._send(alert)
        return sent

    def _send(self, alert: StoredAlert) -> int:
        hits = [Hit.of(row) for row in alert.hits]
        message = watch.alert(hits)
        try:
            self._client.chat_postMessage(
                channel=alert.channel_id,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            self._refused(alert, hits, str(exc.response.get("error") or "refused"))
            return 0
        except OSError as exc:
            self._refused(alert, hits, f"Slack could not be reached: {type(exc).__name__}")
            return 0
        self._watchlists.sent(alert)
        return 1

    def _refused(self, alert: StoredAlert, hits: list[Hit], error: str) -> None:
        logger.warning(
            "Slack refused the watchlist alert for %s (try %d): %s",
            alert.channel_id,
            alert.attempts,
            error,
        )
        if self._watchlists.refused(alert, error):
            told = [
                admin
                for admin in self._admins
                if tell_privately(
                    self._client, admin, watch.alert_refused(alert.channel_id, error, hits)
                )
            ]
            if not told:
                logger.error(
                    "a watchlist alert for %s was refused (%s) and no admin could be told",
                    alert.channel_id,
                    error,
                )

    def start(self) -> None:
        """Start polling in this process, once (a forked worker starts its own)."""
        with self._lock:
            if self._started_in == os.getpid():
                return
            self._started_in = os.getpid()
        threading.Thread(
            target=_poll, args=(weakref.ref(self),), name="entitybot-watch-alerts", daemon=True
        ).start()


def _poll(sender: weakref.ref[WatchAlertSender]) -> None:
    """Poll while the sender lives: an app that is gone (a test's) stops its thread."""
    while not threading.Event().wait(POLL_SECONDS):
        alive = sender()
        if alive is None:
            return
        try:
            alive.send_pending()
        except Exception:
            logger.exception("sending watchlist alerts failed; it will try again")
        del alive
