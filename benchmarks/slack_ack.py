"""How fast /entity is acknowledged and answered, over HTTP, by the Procfile's web process.

Starts the Procfile's `web:` line (gunicorn) on a fresh store, so the first use loads the
bundled Consolidated Screening List (about 26,000 entries), with SLACK_API_URL pointing at a
local fake Slack; then sends signed /entity requests, CONCURRENCY at a time, and measures for
each the time to the HTTP ack and the time until the answer reaches the response_url.

    /work/venv/bin/python benchmarks/slack_ack.py [--requests 400] [--concurrency 20]

Prints p50/p99 and writes benchmarks/results/slack_ack.json. Slack wants the ack within
3 seconds; the goal here is p99 ack <= 100 ms.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "slack"))

from slack_testkit.fake_slack import BOT_TOKEN, FakeSlack  # noqa: E402
from slack_testkit.servers import ProcfileWeb, procfile_command  # noqa: E402
from slack_testkit.slack_requests import SIGNING_SECRET, SlackSender  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "slack_ack.json"
GOAL_P99_ACK_MS = 100.0
WARM_UP_REQUESTS = 20
# Names people ask about: listed parties, aliases, typos, near misses, unlisted companies.
QUERIES = [
    "Qihoo 360",
    "Huawei",
    "CloudWalk",
    "Aksu Huafu Textiles",
    "Bank Sepah",
    "Rosneft",
    "Sberbank",
    "Hikvision",
    "SMIC",
    "Kaspersky",
    "Iran Air",
    "Mahan Air",
    "China Electronics Technology Group Corporation 38th Research Institute",
    "Sichuan Zhonghe Import and Export Trade Co., Ltd.",
    "Huawai Technologies",
    "Yun Cong Technology",
    "Tianjin",
    "Global Trading",
    "Acme Widgets Inc.",
    "Microsoft Corporation",
]


@dataclass
class Sample:
    query: str
    status: int
    ack_ms: float
    answer_ms: float | None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 0.50), 1),
        "p90": round(percentile(values, 0.90), 1),
        "p99": round(percentile(values, 0.99), 1),
        "max": round(max(values), 1),
        "mean": round(statistics.fmean(values), 1),
    }


def run(requests: int, concurrency: int, workers: int, threads: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="entitybot-bench-") as workdir, FakeSlack() as fake:
        settings = {
            "DATABASE_URL": f"sqlite:///{Path(workdir) / 'store.sqlite3'}",
            "ENTITYBOT_DATA_DIR": workdir,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        started = time.perf_counter()
        print(f"starting: {procfile_command()}", flush=True)
        with ProcfileWeb(settings, Path(workdir), boot_timeout=600) as web:
            boot_seconds = time.perf_counter() - started
            print(f"ready in {boot_seconds:.1f} s (first use: bundled CSL loaded)", flush=True)
            slack = SlackSender(web.url)
            queries = itertools.cycle(QUERIES)

            def one(query: str) -> Sample:
                response_url = fake.new_response_url()
                sent = time.perf_counter()
                reply = slack.command("/entity", query, response_url, timeout=30)
                try:
                    answer = fake.wait_for_response(response_url, timeout=60)
                    answer_ms: float | None = (answer.at - sent) * 1000
                except AssertionError:
                    answer_ms = None
                return Sample(query, reply.status, reply.seconds * 1000, answer_ms)

            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(one, [next(queries) for _ in range(WARM_UP_REQUESTS)]))
                batch = [next(queries) for _ in range(requests)]
                measured_from = time.perf_counter()
                samples = list(pool.map(one, batch))
                wall = time.perf_counter() - measured_from
            log = web.log.read_text()
    acks = [s.ack_ms for s in samples]
    answers = [s.answer_ms for s in samples if s.answer_ms is not None]
    entries_line = next((line for line in log.splitlines() if "first use" in line), "")
    return {
        "what": "signed /entity over HTTP to the Procfile's web process (gunicorn), full CSL",
        "procfile_web": procfile_command(),
        "gunicorn_workers": workers,
        "gunicorn_threads": threads,
        "requests": requests,
        "concurrency": concurrency,
        "warm_up_requests": WARM_UP_REQUESTS,
        "boot_seconds": round(boot_seconds, 1),
        "bundle_load": entries_line.strip(),
        "wall_seconds": round(wall, 2),
        "requests_per_second": round(requests / wall, 1),
        "http_status": {
            str(code): sum(1 for s in samples if s.status == code) for code in {200, 401, 500}
        },
        "unanswered": len(samples) - len(answers),
        "ack_ms": summary(acks),
        "answer_ms": summary(answers) if answers else None,
        "goal_p99_ack_ms": GOAL_P99_ACK_MS,
        "goal_met": percentile(acks, 0.99) <= GOAL_P99_ACK_MS,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "log_has_token": BOT_TOKEN in log,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="WEB_CONCURRENCY")
    parser.add_argument("--threads", type=int, default=8, help="GUNICORN_THREADS")
    arguments = parser.parse_args()
    result = run(arguments.requests, arguments.concurrency, arguments.workers, arguments.threads)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    ack, answer = result["ack_ms"], result["answer_ms"]
    print(
        f"{arguments.requests} requests, {arguments.concurrency} at a time, "
        f"{result['requests_per_second']} req/s"
    )
    print(f"ack:    p50 {ack['p50']} ms  p99 {ack['p99']} ms  max {ack['max']} ms")
    if answer:
        print(f"answer: p50 {answer['p50']} ms  p99 {answer['p99']} ms  max {answer['max']} ms")
    print(f"unanswered: {result['unanswered']}; statuses: {result['http_status']}")
    print(f"goal p99 ack <= {GOAL_P99_ACK_MS:g} ms: {'met' if result['goal_met'] else 'MISSED'}")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
