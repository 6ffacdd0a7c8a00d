"""The one place the Bolt app is built."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.screening import RefreshReport, Screening
from bot.settings import Settings
from bot.slack.blocks.admin import refresh_announcement
from bot.slack.bolt_logging import quiet_bolt_logs
from bot.slack.home_workspace import refuse_other_workspaces
from bot.slack.listeners import register_listeners
from bot.slack.scheduled_refresh import RefreshSchedule
from bot.slack.services import SlackServices, provide

logger = logging.getLogger(__name__)

# Answers are looked up and posted on these threads, after the ack.
BACKGROUND_THREADS = 8


class SlackSetupError(RuntimeError):
    """Slack would not confirm the bot token; the message says why (never the token)."""


def api_base_url(url: str) -> str:
    """The Web API base URL as slack_sdk joins method names to it: with a final slash."""
    return url if url.endswith("/") else url + "/"


def build_app(
    settings: Settings,
    screening: Screening,
    *,
    verify_token: bool = True,
    background: Executor | None = None,
    verify_requests: bool = True,
) -> App:
    """The Bolt app, its listeners registered, answering from `screening`.

    `verify_token` calls auth.test now, so a wrong token fails at start-up rather than on
    the first request (and the first request does not wait for the call). Pass
    `verify_requests=False` only when every request was checked before Bolt sees it (the
    web app's SlackRequestGuard): Bolt logs the whole body of a request it refuses.
    """
    quiet_bolt_logs()
    client = WebClient(
        token=settings.slack_bot_token, base_url=api_base_url(settings.slack_api_url)
    )
    try:
        app = App(
            name="entitybot",
            client=client,
            signing_secret=settings.slack_signing_secret,
            token_verification_enabled=verify_token,
            request_verification_enabled=verify_requests,
            # Listeners run on the request thread and ack at once; anything slow goes to
            # `background`, so the ack never waits behind other requests' lookups.
            process_before_response=True,
        )
    except (BoltError, SlackApiError) as exc:
        raise SlackSetupError(
            f"Slack at {settings.slack_api_url} did not accept SLACK_BOT_TOKEN (auth.test): {exc}"
        ) from exc
    except OSError as exc:
        raise SlackSetupError(
            f"cannot reach Slack at {settings.slack_api_url} to check SLACK_BOT_TOKEN: {exc}"
        ) from exc
    services = SlackServices(
        settings=settings,
        screening=screening,
        background=background
        or ThreadPoolExecutor(BACKGROUND_THREADS, thread_name_prefix="entitybot-answer"),
    )
    app.use(refuse_other_workspaces())
    app.use(provide(services))
    register_listeners(app)
    return app


def refresh_schedule(app: App, screening: Screening) -> RefreshSchedule | None:
    """The schedule ENTITYBOT_REFRESH_EVERY asks for, announcing in
    ENTITYBOT_ANNOUNCE_CHANNEL through this app's client; None when no schedule is set."""
    settings = screening.settings
    if not settings.refresh_every_seconds:
        return None
    announce = None
    if settings.announce_channel:

        def announce(report: RefreshReport) -> None:
            message = refresh_announcement(report)
            app.client.chat_postMessage(
                channel=settings.announce_channel, text=message.text, blocks=message.blocks
            )

    return RefreshSchedule(screening, settings.refresh_every_seconds, announce)
