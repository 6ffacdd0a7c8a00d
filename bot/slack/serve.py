"""`entitybot serve`: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT."""

from __future__ import annotations

import sys
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.screening import Screening
from bot.settings import Settings, check_slack_settings
from bot.slack.app import SlackSetupError, build_app, refresh_schedule
from bot.slack.watch_alerts import WatchAlertSender
from bot.slack.web import (
    EntitybotWsgi,
    configure_logging,
    create_application,
    fork_safe,
    schedule_in_workers,
)

EXIT_FAILURE = 1
# The same server as the Procfile's, in one worker: `serve` is for one machine.
HTTP_THREADS = 8


def serve(settings: Settings) -> int:
    """Serve until stopped. Settings errors raise SettingsError (the CLI prints them)."""
    socket_mode = bool(settings.slack_app_token)
    check_slack_settings(settings, http=not socket_mode)
    configure_logging()
    try:
        if socket_mode:
            _serve_socket_mode(settings)
        else:
            _serve_http(settings)
    except SlackSetupError as exc:
        print(f"entitybot: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        pass
    return 0


def _serve_socket_mode(settings: Settings) -> None:
    screening = Screening(settings)
    screening.warm()
    app = build_app(settings, screening)
    schedule = refresh_schedule(app, screening)
    if schedule:
        schedule.start()
    WatchAlertSender(screening, app.client, settings.admin_users).start()
    print("entitybot: connecting to Slack over Socket Mode", file=sys.stderr, flush=True)
    SocketModeHandler(app, settings.slack_app_token).start()  # type: ignore[no-untyped-call]


def _serve_http(settings: Settings) -> None:
    application = create_application(settings)
    fork_safe(application)
    schedule_in_workers(application)
    _Gunicorn(
        application,
        {
            "bind": f"0.0.0.0:{settings.port}",
            "workers": 1,
            "worker_class": "gthread",
            "threads": HTTP_THREADS,
            "timeout": 60,
        },
    ).run()


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn serving an app object built here, without reading the command line."""

    def __init__(self, application: EntitybotWsgi, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> EntitybotWsgi:
        return self.application
