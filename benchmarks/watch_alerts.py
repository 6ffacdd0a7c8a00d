"""What watchlists cost a refresh, and how soon an alert reaches its channel.

1. Checking: on the bundled CSL (about 26,000 entries, loaded into a fresh SQLite store),
   WATCHED names watched across 10 channels (listed names typed short, and made-up names);
   a refresh's changes of 100 entries, 5 of them watched. Times Watchlists.queue_alerts,
   the work every refresh adds, best of --runs, and checks that all 5 are queued.
2. Delivery: the app served on a real socket with the fake Slack; a refresh through
   Screening.run_refresh (what the admin command, the schedule and the CLI run), then the
   time until chat.postMessage reaches Slack, over --runs refreshes. The goal: under 60 s.

    .venv/bin/python benchmarks/watch_alerts.py [--runs 3] [--watched 300]

Writes benchmarks/results/watch_alerts.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "slack"))

from slack_testkit.csl_data import AMBIGUOUS_PAIR, csl_csv  # noqa: E402
from slack_testkit.fake_slack import BOT_TOKEN, FakeSlack  # noqa: E402
from slack_testkit.servers import ThreadedApp  # noqa: E402
from slack_testkit.slack_requests import SIGNING_SECRET, SlackSender  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bot.changes import DatasetChanges, ListChanges  # noqa: E402
from bot.screening import Screening  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.web import create_application  # noqa: E402
from bot.store.models import Designation  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "watch_alerts.json"
GOAL_DELIVERY_SECONDS = 60.0


def checking(runs: int, watched_count: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="entitybot-bench-") as workdir:
        settings = Settings(
            database_url=f"sqlite:///{workdir}/store.sqlite3", data_dir=Path(workdir)
        )
        screening = Screening(settings, notify=lambda _message: None)
        screening.warm()
        version = screening.status().version_id
        with screening.engine.connect() as connection:
            rows = connection.execute(
                select(Designation.list_code, Designation.name)  # type: ignore[call-overload]
                .where(Designation.dataset_id == version)
                .where(Designation.list_code == "EL")
                .order_by(Designation.id)
            ).all()
        changed = rows[:100]
        watched = [name for _code, name in changed[::20]]  # 5 of the 100
        others = [name for _code, name in rows[1000 : 1000 + watched_count // 2]]
        made_up = [f"Quorvex Halden {n} Trading" for n in range(watched_count - 5 - len(others))]
        for number, name in enumerate([*watched, *others, *made_up]):
            screening.watchlists.add(f"C0BENCH{number % 10:02d}", [name], "U0BENCH")
        changes = DatasetChanges({"EL": ListChanges("EL", added=[n for _c, n in changed])})
        seconds = []
        for run in range(runs):
            started = time.perf_counter()
            queued = screening.watchlists.queue_alerts(version * 1000 + run, changes)
            seconds.append(time.perf_counter() - started)
        alerts = screening.watchlists.take_pending()
        reported = {
            str(hit["watched"])
            for alert in alerts
            if alert.dataset_version_id == version * 1000
            for hit in alert.hits
        }
        return {
            "watched_names": watched_count,
            "changed_entries": len(changed),
            "watched_among_changed": len(watched),
            "reported": sum(name in reported for name in watched),
            "channels_alerted_per_refresh": queued,
            "queue_alerts_seconds_best": round(min(seconds), 3),
        }


def delivery(runs: int) -> dict[str, object]:
    latencies = []
    with (
        tempfile.TemporaryDirectory(prefix="entitybot-bench-") as workdir,
        FakeSlack() as fake,
        ThreadPoolExecutor(4) as background,
    ):
        start = Path(workdir) / "start.csv"
        start.write_text(csl_csv(*AMBIGUOUS_PAIR), encoding="utf-8")
        settings = Settings(
            database_url=f"sqlite:///{workdir}/store.sqlite3",
            data_dir=Path(workdir),
            csl_url=str(start),
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.api_url,
            min_entries=1,
            max_shrink=1.0,
        )
        screening = Screening(settings, notify=lambda _message: None)
        screening.refresh(source=str(start), loaded_by="bench")
        with ThreadedApp(create_application(settings, screening, background=background)) as app:
            slack = SlackSender(app.url)
            slack.command("/entity-watch", "add Zephyr Optics", fake.new_response_url())
            for run in range(runs):
                source = Path(workdir) / f"next-{run}.csv"
                party = ("Zephyr Optical Technology Co., Ltd.", f"Wuhan {run}, CN")
                source.write_text(csl_csv(*AMBIGUOUS_PAIR, party), encoding="utf-8")
                before = len(fake.api_calls("chat.postMessage"))
                started = time.perf_counter()
                screening.run_refresh("bench", lambda _o: None, in_child=False, source=str(source))
                fake.wait_for(lambda f: f.api_calls("chat.postMessage"), before + 1, timeout=90)
                latencies.append(time.perf_counter() - started)
    return {
        "refreshes": runs,
        "refresh_to_alert_seconds_max": round(max(latencies), 2),
        "refresh_to_alert_seconds_all": [round(s, 2) for s in latencies],
        "goal_seconds": GOAL_DELIVERY_SECONDS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--watched", type=int, default=300)
    arguments = parser.parse_args()
    result = {
        "machine": f"{platform.system()} {platform.machine()}, python {platform.python_version()}",
        "checking": checking(arguments.runs, arguments.watched),
        "delivery": delivery(arguments.runs),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
