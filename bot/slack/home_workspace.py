"""Requests from the workspace (or Enterprise org) the bot is installed in, and no other.

The signing secret is the app's, not the install's: if the app is ever installed in another
workspace, Slack signs that workspace's requests with the same secret. This app holds one
install's bot token, so anything from elsewhere is refused, and said once in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse
from slack_bolt.authorization import AuthorizeResult

from bot.slack.rate_limited_log import RateLimitedWarnings

logger = logging.getLogger(__name__)

REFUSAL = "entitybot answers only in the Slack workspace it is installed in."


def is_home(install: AuthorizeResult, context: BoltContext) -> bool:
    """Whether the request in `context` comes from `install`'s workspace and org."""
    # The app is installed per workspace (manifest.yml's org_deploy_enabled only makes it
    # org-ready, which Slack asks of apps with workflow steps; it is not installed org-wide): its
    # requests name that workspace, and that org or none. (In a channel shared with another
    # org, Bolt reads the team from the event's authorizations, which name this install.)
    same_team = context.team_id == install.team_id
    return same_team and (context.enterprise_id or None) == (install.enterprise_id or None)


def refuse_other_workspaces(
    warnings: RateLimitedWarnings | None = None,
) -> Callable[..., BoltResponse]:
    """Bolt middleware, run after Bolt's authorization: that holds auth.test's answer for
    the bot token (asked at start-up, or on the first request when the token was not
    verified then), which names the install's team and org."""
    warnings = warnings or RateLimitedWarnings(logger)

    # Bolt passes arguments by name: the middleware's must be called `next`.
    def middleware(
        context: BoltContext, body: dict[str, Any], next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        install = context.authorize_result
        # Bolt authorizes every request before this runs; without its answer there is no
        # install to compare with, and nothing here to decide.
        if install is None or is_home(install, context):
            return next()
        warnings.warn(
            "refused a request from another workspace",
            f"team {context.team_id} (org {context.enterprise_id}), installed in team "
            f"{install.team_id} (org {install.enterprise_id})",
        )
        # A slash command's answer is shown to whoever typed it; events and clicks get none.
        return BoltResponse(status=200, body=REFUSAL if body.get("command") else "")

    return middleware
