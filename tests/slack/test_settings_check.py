"""The Slack settings a server needs, named when missing; token values never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, check_slack_settings

BASE = Settings(database_url="sqlite://", data_dir=Path("."))


@pytest.mark.parametrize(
    ("changes", "http", "named"),
    [
        ({}, True, "SLACK_BOT_TOKEN is not set"),
        ({"slack_bot_token": "xapp-1-secret"}, True, "SLACK_BOT_TOKEN must be a bot token"),
        ({"slack_bot_token": "xoxb-1"}, True, "SLACK_SIGNING_SECRET is not set"),
        ({"slack_bot_token": "xoxb-1"}, False, "SLACK_APP_TOKEN must be an app-level token"),
        (
            {"slack_bot_token": "xoxb-1", "slack_app_token": "xoxb-secret"},
            False,
            "SLACK_APP_TOKEN must be an app-level token",
        ),
    ],
)
def test_what_is_missing_is_named(changes, http, named):
    settings = Settings(**{**BASE.__dict__, **changes})

    with pytest.raises(SettingsError) as raised:
        check_slack_settings(settings, http=http)

    assert named in str(raised.value)
    for token in ("xapp-1-secret", "xoxb-secret", "xoxb-1"):
        assert token not in str(raised.value)


def test_complete_settings_pass():
    http = Settings(**{**BASE.__dict__, "slack_bot_token": "xoxb-1", "slack_signing_secret": "s"})
    socket_mode = Settings(
        **{**BASE.__dict__, "slack_bot_token": "xoxb-1", "slack_app_token": "xapp-1"}
    )

    check_slack_settings(http, http=True)
    check_slack_settings(socket_mode, http=False)
