"""What the listeners work with, handed to them through Bolt's context."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from slack_bolt import BoltContext, BoltResponse

from bot.screening import Screening
from bot.settings import Settings
from bot.slack.button_values import ButtonSigner

logger = logging.getLogger(__name__)

CONTEXT_KEY = "entitybot"


@dataclass(frozen=True)
class SlackServices:
    settings: Settings
    screening: Screening
    background: Executor
    # Signs the values of the buttons the bot sends, and checks them on a click.
    buttons: ButtonSigner = field(init=False)

    def __post_init__(self) -> None:
        # Made once, before any request: with no configured secret, every thread must sign
        # with the same process secret.
        object.__setattr__(self, "buttons", ButtonSigner(button_secret(self.settings)))

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.settings.admin_users

    def after_ack(
        self, job: Callable[[], None], on_error: Callable[[], None] | None = None
    ) -> None:
        """Run `job` off the request thread: Slack wants its ack within 3 seconds, and an
        answer may take longer. A failure is logged and, if it can be, told to the user."""

        def run() -> None:
            try:
                job()
            except Exception:
                logger.exception("a Slack job failed")
                if on_error is not None:
                    try:
                        on_error()
                    except Exception:
                        logger.exception("could not tell the user that a job failed")

        self.background.submit(run)


def button_secret(settings: Settings) -> str:
    """The secret every instance of this app shares: the signing secret over HTTP, the app
    token over Socket Mode (which has no signing secret). With neither, a secret of this
    process's own: its buttons then work only until it restarts."""
    return settings.slack_signing_secret or settings.slack_app_token or secrets.token_hex(32)


def provide(services: SlackServices) -> Callable[..., BoltResponse]:
    """Bolt middleware putting `services` in every request's context."""

    # Bolt passes arguments by name: the middleware's must be called `next`.
    def middleware(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        context[CONTEXT_KEY] = services
        return next()

    return middleware


def services_of(context: BoltContext) -> SlackServices:
    services = context[CONTEXT_KEY]
    assert isinstance(services, SlackServices), "the provide() middleware is not installed"
    return services
