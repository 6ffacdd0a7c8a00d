"""Workflow Builder custom steps in the fake Slack: the function_executed event Slack sends
when a workflow reaches an app's step, and functions.completeSuccess / completeError, which
end the step, checked against the step as manifest.yml declares it."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slack_testkit.fake_slack import FakeSlack

# Slack hands each run of a step its own short-lived token (xwfp-) in the event, and the
# step's completion must be sent with it, not with the bot token.
STEP_TOKEN = "xwfp-test-workflow-token"
STEP_METHODS = frozenset({"functions.completeSuccess", "functions.completeError"})
MANIFEST = Path(__file__).resolve().parents[3] / "manifest.yml"
_executions = itertools.count(1)


def new_execution_id() -> str:
    return f"Fx{next(_executions):08d}TEST"


@cache
def declared_step(callback_id: str) -> dict[str, Any]:
    """The step as manifest.yml declares it (PyYAML comes with the test extras)."""
    import yaml

    functions = yaml.safe_load(MANIFEST.read_text())["functions"]
    step: dict[str, Any] = functions[callback_id]
    return step


def function_executed(
    callback_id: str, inputs: dict[str, Any], execution_id: str | None = None
) -> dict[str, Any]:
    """The event (for SlackSender.event) that a workflow reached the step `callback_id`."""
    step = declared_step(callback_id)

    def parameters(kind: str) -> list[dict[str, Any]]:
        return [{"name": name, **spec} for name, spec in step[kind].items()]

    return {
        "type": "function_executed",
        "function": {
            "id": "Fn0SCREEN01",
            "callback_id": callback_id,
            "title": step["title"],
            "description": step.get("description", ""),
            "type": "app",
            "input_parameters": parameters("input_parameters"),
            "output_parameters": parameters("output_parameters"),
            "app_id": "A0ENTITYBOT",
            "date_created": 1764633600,
            "date_updated": 1764633600,
            "date_deleted": 0,
        },
        "inputs": inputs,
        "function_execution_id": execution_id or new_execution_id(),
        "workflow_execution_id": "Wx0ONBOARD01",
        "event_ts": "1764670000.000100",
        "bot_access_token": STEP_TOKEN,
    }


def answer_step(fake: FakeSlack, method: str, body: dict[str, Any]) -> dict[str, Any]:
    """What Slack answers a step's completion; one Slack would refuse is also put in
    `fake.refused`, which fails the test."""
    problems = _problems(method, body)
    if not problems:
        return {"ok": True}
    fake.refused.append((fake.api_calls(method)[-1], problems))
    return {"ok": False, "error": "invalid_arguments", "errors": problems}


def _problems(method: str, body: dict[str, Any]) -> list[str]:
    if not str(body.get("function_execution_id", "")).startswith("Fx"):
        return ["no function_execution_id"]
    if method == "functions.completeError":
        return [] if str(body.get("error", "")).strip() else ["an empty error"]
    try:
        outputs = json.loads(body.get("outputs") or "null")
    except json.JSONDecodeError:
        return ["outputs that are not JSON"]
    if not isinstance(outputs, dict):
        return ["outputs that are not an object"]
    # Every step of this app has one callback; its declared outputs are the only ones.
    declared = declared_step("screen_company")["output_parameters"]
    problems = [f"undeclared output {name!r}" for name in outputs if name not in declared]
    for name, spec in declared.items():
        if name not in outputs:
            if spec.get("is_required"):
                problems.append(f"required output {name!r} missing")
        elif spec["type"] == "string" and not isinstance(outputs[name], str):
            problems.append(f"output {name!r} is not a string")
    return problems
