"""How much the audit record adds to an answer: the same lookups with and without it, in one run.

    python benchmarks/recording.py [--queries 2000] [--rounds 3] [--prefill 100000]
                                   [--database-url URL [--async-commit]] [--output PATH]

A fresh store (a temporary SQLite file, or a new schema of the PostgreSQL database given,
dropped at the end) is loaded with the bundled CSL (25,921 entries) and --prefill records
already in the trail, as a store a year into use holds. Each round then answers every query
(the first --queries of ../shared/eval/dev.jsonl, or a fixed list without it) twice, in
alternating order: once as a lookup alone, and once as a Slack listener does it, the lookup,
then its record made and written (its own transaction, committed before the answer could
go). Both passes run in the same process against the same warm index, so what differs is the
record. On PostgreSQL a record's commit waits for the server's disk (fsync), which is most
of its cost; --async-commit shows what a database set to synchronous_commit = off would
give, at the price it names. Figures are the best of --rounds. Goal (issue 15): at most 5 ms
added at p99. Writes benchmarks/results/recording.json (or the --output given).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy  # noqa: E402

from bot.screening import QueryError, Screening  # noqa: E402
from bot.screening.records import SLASH_COMMAND, Asker, answer_record  # noqa: E402
from bot.settings import Settings, normalise_database_url  # noqa: E402
from bot.store.answer_records import AnswerRecordRow  # noqa: E402

GOAL_MS = 5.0
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
FILL_BATCH = 5000
FALLBACK_QUERIES = ["Qihoo 360", "Huawei", "Bank Sepah", "Rosneft", "Hikvision",
                    "Acme Widgets GmbH", "CloudWalk", "Mahan Air", "Sberbank", "Aksu Huafu",
                    "Tianjin Sky Dragon", "Müller Maschinenbau"]  # fmt: skip
ASKERS = [Asker("T0BENCH", "", f"U{n:04d}", f"C{n % 40:04d}") for n in range(60)]


def queries(count: int) -> list[str]:
    if not DEV.is_file():
        return (FALLBACK_QUERIES * (count // len(FALLBACK_QUERIES) + 1))[:count]
    lines = DEV.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["query"] for line in lines if line.strip()][:count]


def prefill(screening: Screening, count: int) -> None:
    """`count` earlier records, a year of them, so the indexes have the size of real use."""
    rng = random.Random(15)
    start = datetime.now(UTC) - timedelta(days=365)
    rows = [
        {
            "answered_at": start + timedelta(seconds=rng.randrange(365 * 86400)),
            "team_id": "T0BENCH",
            "enterprise_id": "",
            "user_id": f"U{rng.randrange(60):04d}",
            "channel_id": f"C{rng.randrange(40):04d}",
            "surface": SLASH_COMMAND,
            "asked": rng.choice(FALLBACK_QUERIES),
            "status": "match",
            "parties": [["EL", f"e-{rng.randrange(30000)}", "Qihoo 360 Technology", "match"]],
            "data_version_id": 1,
            "data_as_of": date(2026, 7, 31),
            "os_user": "",
        }
        for _ in range(count)
    ]
    table = AnswerRecordRow.__table__  # type: ignore[attr-defined]
    with screening.engine.begin() as connection:
        for first in range(0, len(rows), FILL_BATCH):
            connection.execute(sqlalchemy.insert(table), rows[first : first + FILL_BATCH])


def one_round(screening: Screening, asked: list[str], recorded_first: bool) -> dict[str, list]:
    """Per query: the lookup alone, the lookup with its record, and the record alone (ms)."""
    alone: list[float] = []
    with_record: list[float] = []
    record_only: list[float] = []
    for number, query in enumerate(asked):
        asker = ASKERS[number % len(ASKERS)]
        for recording in (True, False) if recorded_first else (False, True):
            started = time.perf_counter()
            try:
                answer = screening.lookup(query)
            except QueryError:
                continue  # refused as typed: nothing answered, nothing recorded
            answered = time.perf_counter()
            if recording:
                screening.records.write(answer_record(answer, asker, SLASH_COMMAND, query))
                done = time.perf_counter()
                with_record.append((done - started) * 1000)
                record_only.append((done - answered) * 1000)
            else:
                alone.append((answered - started) * 1000)
    return {"alone": alone, "with_record": with_record, "record_only": record_only}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def figures(timings: dict[str, list]) -> dict[str, float]:
    found = {
        f"{name}_{label}_ms": percentile(values, share)
        for name, values in timings.items()
        for label, share in (("p50", 0.5), ("p99", 0.99))
    }
    found["added_p99_ms"] = found["with_record_p99_ms"] - found["alone_p99_ms"]
    return found


def postgres_schema(url: str, async_commit: bool) -> tuple[str, str]:
    """A new schema in the database at `url`, and a URL whose search_path is it (and whose
    sessions commit without waiting for the disk, with `async_commit`)."""
    schema = f"entitybot_bench_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    options = f"-csearch_path%3D{schema}" + (
        "%20-csynchronous_commit%3Doff" if async_commit else ""
    )
    return schema, f"{url}{separator}options={options}"


def drop_schema(url: str, schema: str) -> None:
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def measure(database_url: str, data_dir: Path, arguments: argparse.Namespace) -> dict[str, Any]:
    screening = Screening(
        Settings(database_url=database_url, data_dir=data_dir), notify=lambda _said: None
    )
    try:
        screening.warm()
        prefill(screening, arguments.prefill)
        asked = queries(arguments.queries)
        one_round(screening, asked[:200], recorded_first=True)  # warm caches and the pool
        best: dict[str, float] = {}
        for round_number in range(arguments.rounds):
            found = figures(one_round(screening, asked, recorded_first=round_number % 2 == 0))
            best = {k: min(v, best.get(k, v)) for k, v in found.items()}
            print(f"  round {round_number + 1} of {arguments.rounds} done", file=sys.stderr)
        return {"queries": len(asked), "prefill": arguments.prefill, **best}
    finally:
        screening.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--prefill", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL (a schema is made)")
    parser.add_argument(
        "--async-commit",
        action="store_true",
        help="PostgreSQL sessions with synchronous_commit off, as a database set so would run "
        "(ALTER DATABASE ... SET synchronous_commit = off): a commit no longer waits for the "
        "disk, and a crash of the database server may lose the last ~0.6 s of records",
    )
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "recording.json"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entitybot-recording-bench-") as temporary:
        data_dir = Path(temporary)
        schema = ""
        if arguments.database_url:
            server = normalise_database_url(arguments.database_url)
            schema, database_url = postgres_schema(server, arguments.async_commit)
            store = "postgresql, synchronous_commit off" if arguments.async_commit else "postgresql"
        else:
            database_url = f"sqlite:///{data_dir / 'bench.sqlite3'}"
            store = "sqlite"
        try:
            results = {"store": store, **measure(database_url, data_dir, arguments)}
        finally:
            if schema:
                drop_schema(normalise_database_url(arguments.database_url), schema)
    results["goal_ms"] = GOAL_MS
    results["met"] = results["record_only_p99_ms"] <= GOAL_MS
    results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    print(
        f"{store}, {results['queries']:,} lookups, {arguments.prefill:,} records already held, "
        f"best of {arguments.rounds}:\n"
        f"  lookup alone          p50 {results['alone_p50_ms']:.2f} ms, "
        f"p99 {results['alone_p99_ms']:.2f} ms\n"
        f"  lookup and record     p50 {results['with_record_p50_ms']:.2f} ms, "
        f"p99 {results['with_record_p99_ms']:.2f} ms\n"
        f"  the record alone      p50 {results['record_only_p50_ms']:.2f} ms, "
        f"p99 {results['record_only_p99_ms']:.2f} ms (goal: at most {GOAL_MS:g} ms)\n"
        f"  p99 with minus p99 without: {results['added_p99_ms']:.2f} ms"
    )
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    existing: dict[str, Any] = {}
    if arguments.output.is_file():
        existing = json.loads(arguments.output.read_text(encoding="utf-8"))
    existing[store] = results
    arguments.output.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
