"""How fast the Workflow Builder step "Screen a company" is acknowledged and completed, over
HTTP, by the Procfile's web process.

Starts the Procfile's `web:` line (gunicorn) on a fresh store, so the first use loads the
bundled Consolidated Screening List (about 26,000 entries), with SLACK_API_URL pointing at a
local fake Slack; then sends signed function_executed events, CONCURRENCY at a time, and
measures for each the time to the HTTP ack and the time until functions.completeSuccess (or
completeError) reaches Slack: what a workflow waits for before its next step.

    .venv/bin/python benchmarks/workflow_step.py [--runs 400] [--concurrency 20]

Prints p50/p99 and writes benchmarks/results/workflow_step.json. Slack wants the ack within
3 seconds; the goal here is p99 ack <= 100 ms, as for /entity (benchmarks/slack_ack.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "slack"))
sys.path.insert(0, str(REPO / "benchmarks"))

from slack_ack import QUERIES, percentile, summary  # noqa: E402
from slack_testkit.fake_slack import BOT_TOKEN, Call, FakeSlack  # noqa: E402
from slack_testkit.servers import ProcfileWeb, procfile_command  # noqa: E402
from slack_testkit.slack_requests import SIGNING_SECRET, SlackSender  # noqa: E402
from slack_testkit.workflow_steps import (  # noqa: E402
    STEP_TOKEN,
    function_executed,
    new_execution_id,
)

RESULTS = REPO / "benchmarks" / "results" / "workflow_step.json"
GOAL_P99_ACK_MS = 100.0
WARM_UP_RUNS = 20
ENDS = ("functions.completeSuccess", "functions.completeError")


def run(runs: int, concurrency: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="entitybot-bench-") as workdir, FakeSlack() as fake:
        settings = {
            "DATABASE_URL": f"sqlite:///{Path(workdir) / 'store.sqlite3'}",
            "ENTITYBOT_DATA_DIR": workdir,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
        }
        started = time.perf_counter()
        with ProcfileWeb(settings, Path(workdir), boot_timeout=600) as web:
            boot_seconds = time.perf_counter() - started
            print(f"ready in {boot_seconds:.1f} s (first use: bundled CSL loaded)", flush=True)
            slack = SlackSender(web.url)
            names = itertools.cycle(QUERIES)

            def ended(execution_id: str) -> list[Call]:
                return [
                    call
                    for method in ENDS
                    for call in fake.api_calls(method)
                    if call.body.get("function_execution_id") == execution_id
                ]

            def one(name: str) -> tuple[int, float, float | None, str]:
                execution_id = new_execution_id()
                event = function_executed("screen_company", {"name": name}, execution_id)
                sent = time.perf_counter()
                reply = slack.event(event, timeout=30)
                try:
                    (end,) = fake.wait_for(lambda _fake: ended(execution_id), timeout=60)
                except AssertionError:
                    return reply.status, reply.seconds * 1000, None, ""
                return reply.status, reply.seconds * 1000, (end.at - sent) * 1000, end.name

            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(one, [next(names) for _ in range(WARM_UP_RUNS)]))
                measured_from = time.perf_counter()
                samples = list(pool.map(one, [next(names) for _ in range(runs)]))
                wall = time.perf_counter() - measured_from
            log = web.log.read_text()
    acks = [ack for _status, ack, _done, _how in samples]
    done = [ms for _status, _ack, ms, _how in samples if ms is not None]
    return {
        "what": "signed function_executed events over HTTP to the Procfile's web process",
        "procfile_web": procfile_command(),
        "runs": runs,
        "concurrency": concurrency,
        "warm_up_runs": WARM_UP_RUNS,
        "boot_seconds": round(boot_seconds, 1),
        "wall_seconds": round(wall, 2),
        "runs_per_second": round(runs / wall, 1),
        "http_200": sum(1 for status, *_ in samples if status == 200),
        "completed": sum(1 for *_, how in samples if how == ENDS[0]),
        "failed": sum(1 for *_, how in samples if how == ENDS[1]),
        "never_completed": len(samples) - len(done),
        "ack_ms": summary(acks),
        "completed_ms": summary(done) if done else None,
        "goal_p99_ack_ms": GOAL_P99_ACK_MS,
        "goal_met": percentile(acks, 0.99) <= GOAL_P99_ACK_MS,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "log_has_token": BOT_TOKEN in log or STEP_TOKEN in log,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    arguments = parser.parse_args()
    result = run(arguments.runs, arguments.concurrency)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    ack, done = result["ack_ms"], result["completed_ms"]
    print(f"{arguments.runs} runs, {arguments.concurrency} at a time")
    print(f"ack:       p50 {ack['p50']} ms  p99 {ack['p99']} ms  max {ack['max']} ms")
    if done:
        print(f"completed: p50 {done['p50']} ms  p99 {done['p99']} ms  max {done['max']} ms")
    print(
        f"completed {result['completed']}, failed {result['failed']}, "
        f"never completed {result['never_completed']}; token in log: {result['log_has_token']}"
    )
    print(f"goal p99 ack <= {GOAL_P99_ACK_MS:g} ms: {'met' if result['goal_met'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
