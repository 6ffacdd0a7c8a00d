"""manifest.yml declares the step "Screen a company" as the app serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.slack.listeners.functions.screen_company import SCREEN_COMPANY
from bot.slack.step_outputs import OUTPUT_NAMES

yaml = pytest.importorskip("yaml")

MANIFEST = Path(__file__).resolve().parents[4] / "manifest.yml"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_the_step_takes_a_required_name_and_gives_every_output_as_text(manifest):
    step = manifest["functions"][SCREEN_COMPANY]

    assert step["title"] == "Screen a company"
    name = step["input_parameters"]["name"]
    assert (name["type"], name["is_required"]) == ("string", True)
    assert step["input_parameters"]["asked_by"]["is_required"] is False
    outputs = step["output_parameters"]
    assert list(outputs) == list(OUTPUT_NAMES)
    assert {spec["type"] for spec in outputs.values()} == {"string"}
    assert all(spec["name"] == key for key, spec in outputs.items())


def test_slack_runs_the_step_in_this_app_and_sends_it_the_event(manifest):
    settings = manifest["settings"]
    assert "function_executed" in settings["event_subscriptions"]["bot_events"]
    # Slack lets only org-ready apps declare steps, and runs them here ("remote").
    assert settings["org_deploy_enabled"] is True
    assert settings["function_runtime"] == "remote"
