"""Lookup speed, index build and memory of this checkout's resolver beside another's, in one run.

    python benchmarks/lookup_speed.py [--baseline PATH] [--rounds 3]

A shared, noisy machine makes absolute times drift between runs, so the resolver is timed
against a baseline checkout (for example `git worktree add ../baseline <commit>`) in the
same run: each round builds the index over the full CSL and resolves every labelled query of
../shared/eval/dev.jsonl once, alternating the two checkouts in fresh processes; each figure
is the best of the rounds, and the ratio to the baseline is what a change is judged by.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Run in a fresh interpreter with the checkout under test first on sys.path.
_ONE_ROUND = """
import json, resource, sys, time
from pathlib import Path
from bot.importers import parse_csl
from bot.resolver import Listing, NameIndex, Resolver
entries = parse_csl(Path(sys.argv[1]).read_bytes()).entries
queries = [json.loads(l)["query"] for l in Path(sys.argv[2]).read_text().splitlines() if l.strip()]
listings = [Listing(at, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
            for at, e in enumerate(entries)]
started = time.perf_counter()
resolver = Resolver(NameIndex(listings))
build = time.perf_counter() - started
timings = []
for query in queries:
    started = time.perf_counter()
    resolver.resolve(query)
    timings.append(time.perf_counter() - started)
timings.sort()
print(json.dumps({
    "p50_ms": timings[len(timings) // 2] * 1000,
    "p99_ms": timings[int(len(timings) * 0.99)] * 1000,
    "index_build_s": build,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

FIGURES = ("p50_ms", "p99_ms", "index_build_s", "peak_rss_mb")


def one_round(checkout: Path, csl: Path, queries: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _ONE_ROUND, str(csl), str(queries)],
        env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
        cwd=checkout,
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout of entitybot")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--csl", type=Path, default=SHARED / "data" / "csl-reconstructed-2026-07-31.csv"
    )
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "dev.jsonl")
    arguments = parser.parse_args()
    for path in (arguments.csl, arguments.eval):
        if not path.is_file():
            print(f"benchmark: {path} is not available", file=sys.stderr)
            return 2
    checkouts = {"this checkout": REPO}
    if arguments.baseline:
        checkouts["baseline"] = arguments.baseline.resolve()
    best: dict[str, dict[str, float]] = {}
    for round_number in range(arguments.rounds):
        for label, checkout in checkouts.items():
            figures = one_round(checkout, arguments.csl, arguments.eval)
            held = best.setdefault(label, figures)
            for key in FIGURES:
                held[key] = min(held[key], figures[key])
        print(f"round {round_number + 1} of {arguments.rounds} done", file=sys.stderr)
    print(f"{'best of ' + str(arguments.rounds):<16}" + "".join(f"{k:>16}" for k in FIGURES))
    for label, figures in best.items():
        print(f"{label:<16}" + "".join(f"{figures[k]:>16.2f}" for k in FIGURES))
    if "baseline" in best:
        ratios = [best["this checkout"][k] / best["baseline"][k] for k in FIGURES]
        print(f"{'ratio':<16}" + "".join(f"{r:>16.2f}" for r in ratios))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
