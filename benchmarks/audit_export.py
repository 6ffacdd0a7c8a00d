"""How long `entitybot audit` takes to export 100,000 answer records.

    python benchmarks/audit_export.py [--records 100000] [--runs 3] [--database-url URL]

Writes the records into a fresh store (a temporary SQLite file, or a new schema of the
PostgreSQL database given, dropped at the end), then times `entitybot audit --format csv`
and `--format jsonl` end to end, as a real process with its output to a file: start-up,
the streamed read and the writing of every row. Best of --runs. The records look like a
year of a compliance team's lookups: 60 users, each answer naming up to three parties (a
third name none). Goal (issue 15): 100,000 records in at most 10 s. Writes
benchmarks/results/audit_export.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
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

from bot.screening import Screening  # noqa: E402
from bot.settings import Settings, normalise_database_url  # noqa: E402
from bot.store.answer_records import AnswerRecordRow  # noqa: E402

GOAL_SECONDS = 10.0
# Rows sent to the store per INSERT while filling it (the fill is not what is timed).
FILL_BATCH = 5000
NAMES = ["Qihoo 360 Technology Co. Ltd", "Huawei Technologies Co., Ltd.", "Bank Sepah",
         "Rosneft Oil Company", "Hangzhou Hikvision Digital Technology", "KHAKI, Parviz",
         "CloudWalk Technology", "Mahan Air", "Sberbank of Russia",
         "Aksu Huafu Textiles"]  # fmt: skip
LISTS = ["EL", "SDN", "MEU", "ISN", "CMIC", "NS-MBS", "FSE", "UVL"]
ASKED = ["Qihoo 360", "huawei", "Bank Sepah", "rosneft", "Hikvision's Hangzhou office",
         "Acme Widgets GmbH", "can we ship to CloudWalk?", "Mahan Air", "Sberbank",
         "Aksu Huafu", "Müller Maschinenbau", "Tianjin Sky Dragon"]  # fmt: skip


def records(count: int, seed: int = 15) -> list[dict[str, Any]]:
    """`count` rows of the answer_record table, a year of them, in no particular order."""
    rng = random.Random(seed)
    start = datetime(2025, 12, 1, tzinfo=UTC)
    rows = []
    for _ in range(count):
        parties = [
            [rng.choice(LISTS), f"e-{rng.randrange(30000)}", rng.choice(NAMES), "match"]
            for _ in range(rng.choice((0, 1, 1, 2, 3)))
        ]
        status = rng.choice(("match", "ambiguous")) if parties else "none"
        surface = rng.choice(("slash_command", "mention", "direct_message", "shortcut"))
        rows.append(
            {
                "answered_at": start + timedelta(seconds=rng.randrange(365 * 86400)),
                "team_id": "T0BENCH",
                "enterprise_id": "",
                "user_id": f"U{rng.randrange(60):04d}",
                "channel_id": f"C{rng.randrange(40):04d}",
                "surface": surface,
                "asked": rng.choice(ASKED),
                "status": status,
                "parties": parties,
                "data_version_id": rng.randrange(1, 40),
                "data_as_of": date(2026, 7, 31),
                "os_user": "",
            }
        )
    return rows


def fill(database_url: str, data_dir: Path, count: int) -> float:
    screening = Screening(Settings(database_url=database_url, data_dir=data_dir))
    # The table, as every store has it once Screening has opened it.
    table = AnswerRecordRow.__table__  # type: ignore[attr-defined]
    started = time.perf_counter()
    rows = records(count)
    with screening.engine.begin() as connection:
        for first in range(0, len(rows), FILL_BATCH):
            connection.execute(sqlalchemy.insert(table), rows[first : first + FILL_BATCH])
    screening.engine.dispose()
    return time.perf_counter() - started


def time_export(database_url: str, data_dir: Path, export_format: str) -> dict[str, float]:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ENTITYBOT_", "SLACK_"))},
        "DATABASE_URL": database_url,
        "ENTITYBOT_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO),
    }
    out = data_dir / f"audit.{export_format}"
    with out.open("wb") as stream:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bot", "audit", "--format", export_format],
            stdout=stream,
            stderr=subprocess.PIPE,
            env=environment,
            timeout=600,
            check=False,
        )
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"entitybot audit failed: {done.stderr.decode()[-500:]}")
    text = out.read_text(encoding="utf-8")
    rows = text.count("\n") - (1 if export_format == "csv" else 0)
    return {"seconds": seconds, "rows": rows, "megabytes": out.stat().st_size / 1e6}


def startup_seconds(database_url: str, data_dir: Path) -> float:
    """The same process exporting nothing (a range with no records): its start-up alone."""
    environment = {**os.environ, "DATABASE_URL": database_url, "ENTITYBOT_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "audit", "--since", "2099-01-01"],
        capture_output=True,
        env={**environment, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=True,
    )
    return time.perf_counter() - started


def postgres_schema(url: str) -> tuple[str, str]:
    """A new schema in the database at `url`, and a URL whose search_path is it."""
    schema = f"entitybot_bench_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    return schema, f"{url}{separator}options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="", help="PostgreSQL (a schema is made)")
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "audit_export.json"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entitybot-audit-bench-") as temporary:
        data_dir = Path(temporary)
        schema = ""
        if arguments.database_url:
            server = normalise_database_url(arguments.database_url)
            schema, database_url = postgres_schema(server)
            store = "postgresql"
        else:
            database_url = f"sqlite:///{data_dir / 'bench.sqlite3'}"
            store = "sqlite"
        try:
            filled = fill(database_url, data_dir, arguments.records)
            print(f"{store}: {arguments.records:,} records written in {filled:.1f} s")
            results: dict[str, Any] = {
                "store": store,
                "records": arguments.records,
                "startup_seconds": min(
                    startup_seconds(database_url, data_dir) for _ in range(arguments.runs)
                ),
            }
            for export_format in ("csv", "jsonl"):
                runs = [
                    time_export(database_url, data_dir, export_format)
                    for _ in range(arguments.runs)
                ]
                best = min(runs, key=lambda run: run["seconds"])
                results[export_format] = best
                print(
                    f"  entitybot audit --format {export_format}: {best['seconds']:.2f} s "
                    f"(best of {arguments.runs}; {best['rows']:,} rows, "
                    f"{best['megabytes']:.1f} MB)"
                )
            print(f"  start-up alone: {results['startup_seconds']:.2f} s")
            results["goal_seconds"] = GOAL_SECONDS
            results["met"] = results["csv"]["seconds"] <= GOAL_SECONDS
            results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        finally:
            if schema:
                drop_schema(normalise_database_url(arguments.database_url), schema)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(arguments.output.read_text()) if arguments.output.exists() else {}
    existing[store] = results
    arguments.output.write_text(json.dumps(existing, indent=2) + "\n")
    print(f"goal {GOAL_SECONDS:.0f} s for csv: {'met' if results['met'] else 'NOT met'}")
    return 0 if results["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
