"""The HTTP app: Slack's requests on POST /slack/events, a health check on GET /healthz."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.screening import Screening, StoreUnavailable
from bot.settings import Settings, SettingsError, check_slack_settings
from bot.slack.app import SlackSetupError, build_app, refresh_schedule
from bot.slack.request_guard import SlackRequestGuard
from bot.slack.scheduled_refresh import RefreshSchedule
from bot.slack.watch_alerts import WatchAlertSender

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

logger = logging.getLogger(__name__)


def configure_logging() -> None:
    # INFO, not DEBUG: slack_sdk's and Bolt's debug lines carry request and response bodies
    # (Bolt's loggers take the root's level when the app is built). slack_sdk's stay at
    # INFO even if the root is lowered later.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("slack_sdk").setLevel(logging.INFO)


class EntitybotWsgi:
    """Routes the two paths; everything Slack sends goes to `slack`: Bolt, behind the
    SlackRequestGuard that checks each request before Bolt reads it."""

    def __init__(
        self,
        slack: Callable[..., Iterable[bytes]],
        screening: Screening,
        schedule: RefreshSchedule | None = None,
        alerts: WatchAlertSender | None = None,
    ) -> None:
        self.slack = slack
        self.screening = screening
        self.schedule = schedule
        self.alerts = alerts

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self.alerts is not None:
            # Started by the first request each process serves: a gunicorn worker is forked
            # from the app, and a thread started before the fork would not be in it.
            self.alerts.start()
        if environ.get("PATH_INFO") == HEALTH_PATH:
            return self._health(environ, start_response)
        return self.slack(environ, start_response)

    @staticmethod
    def _health(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD")])
            return [b""]
        # The app is only served once its index is warm, so answering at all means ready.
        body = json.dumps({"status": "ok"}).encode()
        start_response(
            "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]


def create_application(
    settings: Settings,
    screening: Screening | None = None,
    *,
    verify_token: bool = True,
    background: Executor | None = None,
) -> EntitybotWsgi:
    """The WSGI app, with the name index built before it takes a request: Slack wants an
    ack within 3 seconds and building the index over the full lists takes longer."""
    check_slack_settings(settings, http=True)
    screening = screening or Screening(settings)
    screening.warm()
    # The guard checks every signature, so Bolt does not check again: its check would log
    # the whole body of a request that crossed the five-minute mark between the two.
    app = build_app(
        settings,
        screening,
        verify_token=verify_token,
        background=background,
        verify_requests=False,
    )
    guarded = SlackRequestGuard(
        SlackRequestHandler(app, path=EVENTS_PATH),
        settings.slack_signing_secret,
        screening.claim_request,
        path=EVENTS_PATH,
    )
    alerts = WatchAlertSender(screening, app.client, settings.admin_users)
    return EntitybotWsgi(guarded, screening, refresh_schedule(app, screening), alerts)


def application_from_env() -> EntitybotWsgi:
    """`create_application` from the environment; a setting missing or wrong ends the
    process with a message naming it."""
    configure_logging()
    try:
        application = create_application(Settings.from_env())
    except (SettingsError, StoreUnavailable, SlackSetupError) as exc:
        print(f"entitybot: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
    fork_safe(application)
    schedule_in_workers(application)
    return application


def schedule_in_workers(application: EntitybotWsgi) -> None:
    """Under gunicorn the app is built in the master and the workers are forked from it;
    a thread started here would not survive the fork, so each worker starts its own."""
    schedule = application.schedule
    if schedule is not None:
        os.register_at_fork(after_in_child=schedule.start)


def fork_safe(application: EntitybotWsgi) -> None:
    """gunicorn --preload builds the app once and forks the workers from it, which then
    share the warm index; a worker must not reuse the database connections its parent
    opened, so each forgets them (without closing the parent's) as it starts."""
    os.register_at_fork(after_in_child=application.screening.forget_connections)
