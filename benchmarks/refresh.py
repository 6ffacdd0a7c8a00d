"""How long a full refresh takes, and how long lookups wait while it runs.

    python benchmarks/refresh.py [--csl PATH] [--database-url URL] [--readers 2]

Starts from an empty store (the first use loads the bundled snapshot: timed too) and
builds the index. Then, twice, refreshes from the full 25,921-entry CSL CSV served over
local HTTP: first as `entitybot refresh` does (in this process, nothing else running), then
as the web process does (in a child process) while reader threads look names up without
pause. Prints both refresh times, the lookup latency before, during and after the second,
and when the new data was answering; writes benchmarks/results/refresh.json. Default
store: a temporary SQLite file; pass a PostgreSQL URL (its tables must not exist yet: use
an empty database or schema).
"""

from __future__ import annotations

import argparse
import http.server
import json
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.screening import Screening  # noqa: E402
from bot.settings import Settings, normalise_database_url  # noqa: E402

SHARED = REPO.parent / "shared"
QUERIES = ["Qihoo 360", "Aksu Huafu", "Huawei Technologies", "Bank Sepah", "Rosneft",
           "Hikvision", "CloudWalk", "Acme Widgets Inc.", "Sberbank", "Mahan Air"]  # fmt: skip
NEW_AS_OF = date(2026, 8, 1)


def serve(path: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    body = path.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/consolidated.csv", server


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "lookups": len(samples),
        "p50_ms": percentile(samples, 0.5) * 1000,
        "p99_ms": percentile(samples, 0.99) * 1000,
        "max_ms": max(samples, default=0.0) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csl", type=Path, default=SHARED / "data" / "csl-reconstructed-2026-07-31.csv"
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "refresh.json"
    )
    arguments = parser.parse_args()
    if not arguments.csl.is_file():
        print(f"benchmark: {arguments.csl} is not available", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as data_dir:
        url = arguments.database_url or f"sqlite:///{data_dir}/store.sqlite3"
        settings = Settings(database_url=normalise_database_url(url), data_dir=Path(data_dir))
        screening = Screening(settings, notify=lambda message: None)
        started = time.perf_counter()
        screening.ensure_data()
        first_use = time.perf_counter() - started
        started = time.perf_counter()
        screening.warm()
        index_build = time.perf_counter() - started
        source, server = serve(arguments.csl)
        started = time.perf_counter()
        screening.refresh(source, loaded_by="benchmark", as_of=NEW_AS_OF, force=True)
        cli_refresh = time.perf_counter() - started
        screening.warm()

        samples: list[tuple[float, float, date | None]] = []  # (start, seconds, as_of)
        errors: list[str] = []
        stop = threading.Event()

        def read(offset: int) -> None:
            n = offset
            while not stop.is_set():
                query = QUERIES[n % len(QUERIES)]
                n += 1
                begun = time.perf_counter()
                try:
                    answer = screening.lookup(query)
                except Exception as exc:
                    errors.append(repr(exc))
                    continue
                samples.append((begun, time.perf_counter() - begun, answer.data.as_of))

        readers = [threading.Thread(target=read, args=(n,)) for n in range(arguments.readers)]
        for reader in readers:
            reader.start()
        time.sleep(2.0)
        refresh_started = time.perf_counter()
        report = screening.refresh_in_child(source, loaded_by="benchmark", force=True)
        refresh_ended = time.perf_counter()
        new_as_of = report.dataset.as_of
        while not any(s[2] == new_as_of for s in samples if s[0] >= refresh_ended):
            time.sleep(0.05)
            if time.perf_counter() - refresh_ended > 120:
                break
        switched = min((s[0] + s[1] for s in samples if s[2] == new_as_of), default=float("nan"))
        time.sleep(1.0)
        stop.set()
        for reader in readers:
            reader.join()
        server.shutdown()

    before = [s[1] for s in samples if s[0] < refresh_started]
    during = [s[1] for s in samples if refresh_started <= s[0] < refresh_ended]
    after = [s[1] for s in samples if s[0] >= refresh_ended]
    result = {
        "database": url.split(":", 1)[0],
        "entries": report.dataset.entry_count,
        "first_use_bundle_load_s": first_use,
        "index_build_s": index_build,
        "refresh_in_process_s": cli_refresh,
        "refresh_in_child_under_lookups_s": refresh_ended - refresh_started,
        "new_data_answering_after_refresh_s": switched - refresh_ended,
        "lookups_before": summary(before),
        "lookups_during_refresh": summary(during),
        "lookups_after": summary(after),
        "lookup_errors": errors,
    }
    print(f"store: {result['database']}, {report.dataset.entry_count:,} entries")
    print(f"first use (bundled snapshot load): {first_use:.2f} s; index build {index_build:.2f} s")
    print(
        f"full refresh over HTTP, as `entitybot refresh` runs it: {cli_refresh:.2f} s "
        "(download, parse, guard, load, diff, history, prune)"
    )
    print(
        f"the same in a child process, as the web process runs it, under "
        f"{arguments.readers} busy lookup threads: "
        f"{result['refresh_in_child_under_lookups_s']:.2f} s"
    )
    print(f"new data answering {result['new_data_answering_after_refresh_s']:.2f} s after it")
    for label, stats in (
        ("before", result["lookups_before"]),
        ("during the refresh", result["lookups_during_refresh"]),
        ("after", result["lookups_after"]),
    ):
        print(
            f"lookups {label}: {stats['lookups']:,}, p50 {stats['p50_ms']:.2f} ms, "
            f"p99 {stats['p99_ms']:.2f} ms, max {stats['max_ms']:.1f} ms"
        )
    print(f"lookup errors: {len(errors)}")
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(result, indent=1))
    print(f"wrote {arguments.output}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
