"""The Workflow Builder step "Screen a company": Slack runs it with a function_executed
event, and the step ends with functions.completeSuccess and the answer's outputs, or with
functions.completeError saying why it could not screen the name; each run is recorded."""

from __future__ import annotations

import json
import sqlite3

from slack_testkit.fake_slack import TEAM_ID
from slack_testkit.workflow_steps import function_executed, new_execution_id

from bot.slack.listeners.functions.screen_company import NO_NAME, SCREEN_COMPANY
from bot.slack.step_outputs import OUTPUT_NAMES
from tests.waiting import stays_true

SUCCESS, ERROR = "functions.completeSuccess", "functions.completeError"
ONBOARDER = "U0ONBOARD"


def run_step(app, fake_slack, inputs: dict, execution_id: str | None = None):
    """Runs the step as a workflow would; the call that ended it."""
    execution_id = execution_id or new_execution_id()
    reply = app.slack.event(function_executed(SCREEN_COMPANY, inputs, execution_id))
    assert reply.status == 200
    (end,) = fake_slack.wait_for(lambda fake: _ends(fake, execution_id))
    return end


def _ends(fake, execution_id: str) -> list:
    calls = fake.api_calls(SUCCESS) + fake.api_calls(ERROR)
    return [c for c in calls if c.body.get("function_execution_id") == execution_id]


def outputs(call) -> dict[str, str]:
    assert call.name == SUCCESS, f"the step failed: {call.body.get('error')}"
    return json.loads(call.body["outputs"])


def records(app) -> list:
    return list(app.screening.records.between(None, None))


def test_a_listed_company_completes_the_step_with_its_listing(app, fake_slack):
    end = run_step(app, fake_slack, {"name": "Qihoo 360", "asked_by": ONBOARDER})

    got = outputs(end)
    assert list(got) == list(OUTPUT_NAMES)
    assert got["status"] == "match"
    assert got["matched_name"] == "Qihoo 360 Technology Co. Ltd"
    assert got["list"] == "Entity List (EL)"
    assert got["listing_date"] == "2020-06-05"
    assert got["reason"] and "\n" not in got["reason"]
    assert got["link"].startswith("https://")
    # Completed with the run's own token, as Slack requires (the fake refuses the bot's).
    assert end.headers["authorization"] == "Bearer xwfp-test-workflow-token"


def test_the_step_is_recorded_for_the_person_the_workflow_names(app, fake_slack):
    run_step(app, fake_slack, {"name": "Qihoo 360", "asked_by": ONBOARDER})

    (record,) = records(app)
    assert (record.surface, record.user_id, record.team_id) == ("workflow_step", ONBOARDER, TEAM_ID)
    assert (record.asked, record.status) == ("Qihoo 360", "match")
    assert [p.name for p in record.parties] == ["Qihoo 360 Technology Co. Ltd"]
    assert record.data_version_id == app.screening.status().version_id


def test_a_name_that_matches_nothing_completes_with_status_none(app, fake_slack):
    got = outputs(run_step(app, fake_slack, {"name": "Acme Widgets GmbH"}))

    assert got["status"] == "none"
    assert (got["matched_name"], got["list"], got["listing_date"], got["link"]) == ("",) * 4
    assert "not a clearance" in got["reason"] and "data as of" in got["reason"]
    (record,) = records(app)
    assert (record.status, record.user_id) == ("none", "")


def test_a_name_two_parties_share_completes_as_ambiguous_naming_both(app, fake_slack):
    got = outputs(run_step(app, fake_slack, {"name": "Tianjin Sky Dragon"}))

    assert got["status"] == "ambiguous"
    assert set(got["matched_name"].split("; ")) == {
        "Tianjin Sky Dragon Electronics Co.",
        "Tianjin Sky Dragon Optics Co.",
    }
    assert got["list"] == "Entity List (EL); Entity List (EL)"
    assert "2 listed parties come close" in got["reason"]


def test_an_empty_name_fails_the_step_with_a_clear_error(app, fake_slack):
    end = run_step(app, fake_slack, {"name": "   "})

    assert end.name == ERROR
    assert end.body["error"] == NO_NAME
    assert fake_slack.api_calls(SUCCESS) == []
    assert records(app) == []


def test_a_name_too_long_to_look_up_fails_the_step_saying_why(app, fake_slack):
    end = run_step(app, fake_slack, {"name": "Qihoo " * 100})

    assert end.name == ERROR
    assert "at most 400 characters" in end.body["error"]
    assert records(app) == []


def test_a_repeated_delivery_completes_the_step_once(app, fake_slack):
    execution_id = new_execution_id()
    event = function_executed(SCREEN_COMPANY, {"name": "Bank Sepah"}, execution_id)
    assert app.slack.event(event, event_id="EvSTEP0001").status == 200
    fake_slack.wait_for(lambda fake: _ends(fake, execution_id))

    # Slack's retry: same event, a new signature (new timestamp and retry headers).
    assert app.slack.event(event, event_id="EvSTEP0001", retry=1).status == 200

    stays_true(lambda: len(_ends(fake_slack, execution_id)) == 1, 0.3, "completed twice")
    assert len(records(app)) == 1


def test_a_step_whose_record_the_store_refuses_fails_without_the_answer(app, fake_slack):
    path = app.settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TRIGGER refuse_records BEFORE INSERT ON answer_record "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )

    end = run_step(app, fake_slack, {"name": "Bank Sepah"})

    assert end.name == ERROR
    assert "could not be recorded" in end.body["error"]
    assert "database or disk is full" in end.body["error"]
    assert fake_slack.api_calls(SUCCESS) == []
