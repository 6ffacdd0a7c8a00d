"""What an answer for a past date costs, over the full CSL loaded four times.

    python benchmarks/point_in_time.py [--database-url URL] [--queries 1000] [--rounds 3]

Loads the bundled 25,921-entry CSL as four dataset versions (as of 2026-07-28 without 2% of
its entries, 07-29 whole, 07-30 without another 2%, 07-31 whole: parties are added, leave
and come back), timing each load and counting the stretches away kept. Then looks the same
names (listed names, sampled with a fixed seed) up for today and for a past date, in one
run, best of N rounds, and prints p50 / p99 of each and what the date adds. Writes
benchmarks/results/point_in_time.json. Default store: a temporary SQLite file; a PostgreSQL
URL must name an empty database or schema.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.importers import parse_csl  # noqa: E402
from bot.screening import Screening  # noqa: E402
from bot.settings import Settings, normalise_database_url  # noqa: E402
from bot.store import open_database  # noqa: E402
from bot.store.database import session  # noqa: E402
from bot.store.datasets import load_dataset  # noqa: E402
from bot.store.sightings import ListingAbsence  # noqa: E402

SNAPSHOT = REPO / "data" / "csl-2026-07-31.json.gz"
PAST_DAYS = (date(2021, 3, 3), date(2026, 7, 29), date(2026, 7, 30))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def timed(call: object, names: list[str], rounds: int) -> list[float]:
    """Each name's best time over the rounds, in milliseconds."""
    best = [float("inf")] * len(names)
    for _ in range(rounds):
        for n, name in enumerate(names):
            started = time.perf_counter()
            call(name)  # type: ignore[operator]
            best[n] = min(best[n], (time.perf_counter() - started) * 1000)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "point_in_time.json"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entitybot-pit-") as scratch:
        results = measure(arguments, Path(scratch))
    print(json.dumps(results, indent=2))
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def measure(arguments: argparse.Namespace, workdir: Path) -> dict[str, object]:
    url = normalise_database_url(arguments.database_url) or f"sqlite:///{workdir / 'b.sqlite3'}"
    engine = open_database(url)
    parsed = parse_csl(SNAPSHOT.read_bytes())
    entries = parsed.entries
    chooser = random.Random(15)
    first_gone = set(chooser.sample(range(len(entries)), len(entries) // 50))
    then_gone = set(chooser.sample(range(len(entries)), len(entries) // 50))
    loads = []
    for as_of, gone in (
        (date(2026, 7, 28), first_gone),
        (date(2026, 7, 29), set()),
        (date(2026, 7, 30), then_gone),
        (date(2026, 7, 31), set()),
    ):
        kept = [entry for n, entry in enumerate(entries) if n not in gone]
        started = time.perf_counter()
        load_dataset(
            engine,
            replace(parsed, entries=kept),
            source="benchmark",
            loaded_by="benchmark",
            as_of=as_of,
            keep_versions=3,
        )
        loads.append({"as_of": as_of.isoformat(), "entries": len(kept),
                      "seconds": round(time.perf_counter() - started, 2)})  # fmt: skip
    with session(engine) as db:
        absences = db.execute(select(func.count(ListingAbsence.id))).scalar_one()  # type: ignore[arg-type]
    screening = Screening(Settings(database_url=url, data_dir=workdir, min_entries=1))
    screening.warm()
    names = [entries[n].name for n in chooser.sample(range(len(entries)), arguments.queries)]
    rounds = arguments.rounds
    today = timed(screening.lookup, names, rounds)
    past = {
        day.isoformat(): timed(lambda name, d=day: screening.lookup(name, on=d), names, rounds)
        for day in PAST_DAYS
    }  # fmt: skip
    added = [p - t for day in past.values() for p, t in zip(day, today, strict=True)]
    results = {
        "store": url.split(":", 1)[0],
        "loads": loads,
        "absences_kept": absences,
        "queries": len(names),
        "rounds": rounds,
        "today_p50_ms": round(percentile(today, 0.5), 2),
        "today_p99_ms": round(percentile(today, 0.99), 2),
        "past_p50_ms": {d: round(percentile(v, 0.5), 2) for d, v in past.items()},
        "past_p99_ms": {d: round(percentile(v, 0.99), 2) for d, v in past.items()},
        "added_p50_ms": round(percentile(added, 0.5), 2),
        "added_p99_ms": round(percentile(added, 0.99), 2),
    }
    engine.dispose()
    screening.engine.dispose()
    return results


if __name__ == "__main__":
    raise SystemExit(main())
