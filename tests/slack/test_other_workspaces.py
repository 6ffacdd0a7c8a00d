"""A request signed with the app's secret but sent from another workspace or Enterprise org
than the install's (auth.test's answer for the bot token) gets no answer."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from slack_testkit.fake_slack import TEAM_ID, FakeSlack
from slack_testkit.servers import ThreadedApp
from slack_testkit.slack_requests import (
    FORM,
    JSON,
    SlackSender,
    command_body,
    event_body,
    mention,
    new_event_id,
)

from bot.screening import Screening
from bot.slack.home_workspace import REFUSAL
from bot.slack.web import create_application
from tests.waiting import stays_true

OTHER_TEAM = "T0OTHER"
HOME_ORG = "E0HOME"


class EnterpriseSlack(FakeSlack):
    """A Slack whose auth.test says the bot is installed in a workspace of an Enterprise org."""

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = super()._answer(method, body)
        return {**answer, "enterprise_id": HOME_ORG} if method == "auth.test" else answer


@pytest.fixture
def enterprise_slack() -> Iterator[EnterpriseSlack]:
    with EnterpriseSlack() as fake:
        yield fake


def _command_from(response_url: str, team_id: str, enterprise_id: str | None = None) -> str:
    fields = dict(parse_qsl(command_body("/entity", "Qihoo 360", response_url)))
    fields["team_id"] = team_id
    if enterprise_id:
        fields["enterprise_id"] = enterprise_id
    return urlencode(fields)


def _event_from(event: dict[str, Any], team_id: str, enterprise_id: str | None = None) -> str:
    body = event_body(event, new_event_id())
    body.update(team_id=team_id, enterprise_id=enterprise_id)
    body["authorizations"][0].update(team_id=team_id, enterprise_id=enterprise_id)
    return json.dumps(body)


def _refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.slack.home_workspace"]


def test_a_command_from_another_workspace_is_refused_in_one_line(app, fake_slack, caplog):
    caplog.set_level(logging.WARNING)
    response_url = fake_slack.new_response_url()

    reply = app.slack.post(_command_from(response_url, OTHER_TEAM), FORM)

    assert (reply.status, reply.body) == (200, REFUSAL)
    stays_true(lambda: fake_slack.outgoing() == [], 0.3, "another workspace was answered")
    assert _refusals(caplog) == [
        f"refused a request from another workspace: team {OTHER_TEAM} (org None), "
        f"installed in team {TEAM_ID} (org None)"
    ]


def test_a_mention_from_another_workspace_is_ignored(app, fake_slack, caplog):
    caplog.set_level(logging.WARNING)
    event = mention("Qihoo 360", ts="1712.009100")

    reply = app.slack.post(_event_from(event, OTHER_TEAM), JSON)

    assert (reply.status, reply.body) == (200, "")
    stays_true(lambda: fake_slack.outgoing() == [], 0.3, "another workspace was answered")
    assert len(_refusals(caplog)) == 1


def test_a_mention_naming_an_enterprise_org_is_refused_by_a_plain_workspace(app, fake_slack):
    event = mention("Qihoo 360", ts="1712.009200")

    reply = app.slack.post(_event_from(event, TEAM_ID, enterprise_id="E0OTHER"), JSON)

    assert reply.status == 200
    stays_true(lambda: fake_slack.outgoing() == [], 0.3, "another org was answered")


def test_the_home_workspace_is_still_answered(app, fake_slack):
    response_url = fake_slack.new_response_url()

    reply = app.slack.post(_command_from(response_url, TEAM_ID), FORM)

    assert (reply.status, reply.body) == (200, "")
    fake_slack.wait_for_response(response_url)


@pytest.mark.parametrize(
    ("enterprise_id", "answered"), [(HOME_ORG, True), ("E0OTHER", False), (None, False)]
)
def test_an_install_in_an_enterprise_org_answers_that_org_only(
    start_app, enterprise_slack, enterprise_id, answered
):
    app = start_app(slack_api_url=enterprise_slack.api_url)
    response_url = enterprise_slack.new_response_url()

    reply = app.slack.post(_command_from(response_url, TEAM_ID, enterprise_id), FORM)

    if answered:
        assert (reply.status, reply.body) == (200, "")
        enterprise_slack.wait_for_response(response_url)
    else:
        assert (reply.status, reply.body) == (200, REFUSAL)
        stays_true(lambda: enterprise_slack.outgoing() == [], 0.3, "another org was answered")


def test_an_app_that_skipped_auth_test_at_start_learns_its_workspace_on_the_first_request(
    settings, start_data, fake_slack
):
    screening = Screening(settings, notify=lambda _message: None)
    screening.refresh(source=str(start_data), loaded_by="U0LOADER")
    with ThreadPoolExecutor(2) as background:
        application = create_application(
            settings, screening, verify_token=False, background=background
        )
        assert fake_slack.api_calls("auth.test") == []
        with ThreadedApp(application) as server:
            slack = SlackSender(server.url)
            refused = slack.post(_command_from(fake_slack.new_response_url(), OTHER_TEAM), FORM)
            response_url = fake_slack.new_response_url()
            answered = slack.post(_command_from(response_url, TEAM_ID), FORM)
            fake_slack.wait_for_response(response_url)

    assert (refused.status, refused.body) == (200, REFUSAL)
    assert (answered.status, answered.body) == (200, "")
    assert len(fake_slack.api_calls("auth.test")) == 1
