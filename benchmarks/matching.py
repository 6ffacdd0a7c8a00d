"""Match quality and speed: entitybot's resolver against the naive anchor, on labelled queries.

    python benchmarks/matching.py [--csl PATH] [--eval PATH] [--cli-queries 2000]

Loads the full CSL, runs every labelled query of ../shared/eval/dev.jsonl through the
resolver and, in the same run, through the naive anchor (rapidfuzz `process.extractOne` with
`fuzz.WRatio` and `utils.default_process` over every name and alias, cutoffs 90 and 95),
prints one table and writes the same as JSON to benchmarks/results/matching.json.

Counting follows ../shared/eval/README.md: a query is resolved when the top answer's primary
name equals `expect` (case-folded); recall@1 counts status `match` only; "right party first"
counts `match` or `ambiguous`; a negative is a false positive when reported as a `match`.

Every figure is given for the tune half (the queries rules were tuned on) and the check
half (only measured), split by a hash of the query (benchmarks/matching_sets.py), beside:
- everyday variants of listed names, per class, made from the CSL by rule (a country for
  its adjective, "Group" added or dropped, words joined or split, Air/Airlines, Tech/
  Technology, singular/plural, "&"/"and"): match with the entry's party first;
- real companies on no list (benchmarks/data/index_companies.txt, twenty stock indices) and
  their first words as brands: the share answered `match`;
- every false positive of the check half, with the party and the rule that granted it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from benchmarks.matching_sets import (  # noqa: E402
    half_of,
    identity_of,
    index_company_queries,
    variant_queries,
)
from bot.importers import parse_csl  # noqa: E402
from bot.resolver import Listing, NameIndex, Resolver  # noqa: E402

SHARED = REPO.parent / "shared"
NEGATIVE_KINDS = {"negative", "hard-negative", "synthetic-negative"}
NAIVE_CUTOFFS = (90, 95)
NAIVE_TIMING_SAMPLE = 1000
INDEX_COMPANIES = REPO / "benchmarks" / "data" / "index_companies.txt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Tally:
    """Per-kind counts of one resolver's answers."""

    def __init__(self) -> None:
        self.total: dict[str, int] = defaultdict(int)
        self.matched_right: dict[str, int] = defaultdict(int)
        self.first_right: dict[str, int] = defaultdict(int)
        self.false_match: dict[str, int] = defaultdict(int)

    def add(self, kind: str, expect: str | None, status: str, top: str | None) -> None:
        self.total[kind] += 1
        if expect is None:
            self.false_match[kind] += status == "match"
            return
        right = top is not None and top.casefold() == expect.casefold()
        self.matched_right[kind] += right and status == "match"
        self.first_right[kind] += right and status in {"match", "ambiguous"}

    def summary(self) -> dict[str, object]:
        positive = [k for k in self.total if k not in NEGATIVE_KINDS]
        negative = [k for k in self.total if k in NEGATIVE_KINDS]
        n_pos = sum(self.total[k] for k in positive) or 1
        n_neg = sum(self.total[k] for k in negative) or 1
        return {
            "recall_at_1": sum(self.matched_right[k] for k in positive) / n_pos,
            "right_party_first": sum(self.first_right[k] for k in positive) / n_pos,
            "false_positive_rate": sum(self.false_match[k] for k in negative) / n_neg,
            "recall_at_1_per_kind": {
                k: self.matched_right[k] / self.total[k] for k in sorted(positive)
            },
            "right_party_first_per_kind": {
                k: self.first_right[k] / self.total[k] for k in sorted(positive)
            },
            "false_positive_rate_per_kind": {
                k: self.false_match[k] / self.total[k] for k in sorted(negative)
            },
            "queries": dict(self.total),
        }


def run_entitybot(entries: list, queries: list[dict]) -> dict[str, object]:
    """The labelled queries per half, the variant classes and the index companies."""
    listings = [
        Listing(position, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
        for position, e in enumerate(entries)
    ]
    started = time.perf_counter()
    resolver = Resolver(NameIndex(listings))
    build_seconds = time.perf_counter() - started
    index = resolver.index
    tallies = {"tune": Tally(), "check": Tally()}
    timings, false_positives = [], []
    for query in queries:
        started = time.perf_counter()
        resolution = resolver.resolve(query["query"])
        timings.append(time.perf_counter() - started)
        first = resolution.candidates[0] if resolution.candidates else None
        top = index.listings[first.listing_id].primary_name if first else None
        half = half_of(query["query"])
        tallies[half].add(query["kind"], query["expect"], resolution.status, top)
        if query["expect"] is None and resolution.status == "match":
            false_positives.append(_false_positive(half, query, top, resolution.rule))
    variants = _variant_classes(resolver)
    negatives = _index_companies(resolver, false_positives)
    return {
        **{f"{half}_half": tally.summary() for half, tally in tallies.items()},
        **_summary_of_both(tallies),
        "variant_classes": variants,
        "index_companies": negatives,
        "false_positives": false_positives,
        "p50_ms": percentile(timings, 0.50) * 1000,
        "p99_ms": percentile(timings, 0.99) * 1000,
        "index_build_s": build_seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


def _false_positive(half: str, query: dict, party: str | None, rule: str) -> dict[str, str]:
    return {
        "half": half,
        "kind": query["kind"],
        "query": query["query"],
        "party": party or "",
        "rule": rule,
    }


def _summary_of_both(tallies: dict[str, Tally]) -> dict[str, object]:
    both = Tally()
    for tally in tallies.values():
        for field in ("total", "matched_right", "first_right", "false_match"):
            for kind, count in getattr(tally, field).items():
                getattr(both, field)[kind] += count
    return both.summary()


def _variant_classes(resolver: Resolver) -> dict[str, dict[str, object]]:
    """Per class and half: the share answered `match` with the entry's party first, and
    the share with it first at all (match or possible)."""
    index = resolver.index
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for variant in variant_queries(index):
        resolution = resolver.resolve(variant.query)
        first = resolution.candidates[0] if resolution.candidates else None
        right = first is not None and first.party.identity == identity_of(index, variant.listing_id)
        tally = counts[(variant.kind, half_of(variant.query))]
        tally[0] += 1
        tally[1] += right and resolution.status == "match"
        tally[2] += right and resolution.status != "none"
    return {
        f"{kind} ({half})": {"queries": n, "match": matched / n, "right_party_first": first / n}
        for (kind, half), (n, matched, first) in sorted(counts.items())
    }


def _index_companies(
    resolver: Resolver, false_positives: list[dict[str, str]]
) -> dict[str, object]:
    """Real companies on no list: the share answered `match`, per kind and half."""
    index = resolver.index
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for query, kind in index_company_queries(INDEX_COMPANIES, index.descriptive):
        resolution = resolver.resolve(query)
        half = half_of(query)
        counts[(kind, half)][0] += 1
        if resolution.status == "match":
            counts[(kind, half)][1] += 1
            party = index.listings[resolution.candidates[0].listing_id].primary_name
            false_positives.append(
                _false_positive(half, {"kind": kind, "query": query}, party, resolution.rule)
            )
    return {
        f"{kind} ({half})": {"queries": n, "false_positive_rate": matched / n}
        for (kind, half), (n, matched) in sorted(counts.items())
    }


_CHOICES: list[str] = []
_OWNERS: list[str] = []


def _naive_init(choices: list[str], owners: list[str]) -> None:
    _CHOICES[:] = choices
    _OWNERS[:] = owners


def _naive_best(query: str) -> tuple[str | None, float]:
    found = process.extractOne(query, _CHOICES, scorer=fuzz.WRatio, processor=utils.default_process)
    return (_OWNERS[found[2]], found[1]) if found else (None, 0.0)


def run_naive(entries: list, queries: list[dict], workers: int) -> dict[str, object]:
    """The anchor: best WRatio over every name and alias; `match` when >= the cutoff."""
    choices, owners = [], []
    for entry in entries:
        for name in (entry.name, *entry.alt_names):
            choices.append(name)
            owners.append(entry.name)
    _naive_init(choices, owners)
    sample = random.Random(7).sample(queries, min(NAIVE_TIMING_SAMPLE, len(queries)))
    timings = []
    for query in sample:
        started = time.perf_counter()
        _naive_best(query["query"])
        timings.append(time.perf_counter() - started)
    with ProcessPoolExecutor(workers, initializer=_naive_init, initargs=(choices, owners)) as pool:
        best = list(pool.map(_naive_best, [q["query"] for q in queries], chunksize=64))
    results = {}
    for cutoff in NAIVE_CUTOFFS:
        tally = Tally()
        for query, (top, score) in zip(queries, best, strict=True):
            tally.add(query["kind"], query["expect"], "match" if score >= cutoff else "none", top)
        results[f"naive_{cutoff}"] = {
            **tally.summary(),
            "p50_ms": percentile(timings, 0.50) * 1000,
            "p99_ms": percentile(timings, 0.99) * 1000,
            "index_build_s": 0.0,
            "timed_on": f"{len(sample)} sampled queries",
        }
    return results


def run_cli(csl: Path, queries: list[dict], count: int) -> dict[str, object]:
    """Per-query time through `entitybot lookup --json -`, start-up subtracted."""
    lines = [q["query"] for q in random.Random(11).sample(queries, min(count, len(queries)))]
    with tempfile.TemporaryDirectory() as data_dir:
        environment = {**os.environ, "ENTITYBOT_DATA_DIR": data_dir, "PYTHONPATH": str(REPO)}
        environment.pop("DATABASE_URL", None)
        command = [sys.executable, "-m", "bot"]
        subprocess.run(
            [*command, "refresh", "--source", str(csl)],
            env=environment,
            check=True,
            capture_output=True,
        )

        def timed(stdin: str) -> tuple[float, int]:
            started = time.perf_counter()
            done = subprocess.run(
                [*command, "lookup", "--json", "-"],
                input=stdin,
                text=True,
                env=environment,
                check=True,
                capture_output=True,
            )
            return time.perf_counter() - started, len(done.stdout.splitlines())

        startup, _ = timed(lines[0] + "\n")
        total, answered = timed("\n".join(lines) + "\n")
    return {
        "queries": answered,
        "startup_s": startup,
        "total_s": total,
        "per_query_ms": (total - startup) / max(answered - 1, 1) * 1000,
    }


def print_table(rows: dict[str, dict[str, object]]) -> None:
    names = list(rows)
    kinds = sorted({k for r in rows.values() for k in r["recall_at_1_per_kind"]})
    negatives = sorted({k for r in rows.values() for k in r["false_positive_rate_per_kind"]})
    width = 22

    def line(label: str, values: list[str]) -> None:
        print(f"{label:<34}" + "".join(f"{v:>{width}}" for v in values))

    line("", names)
    for kind in kinds:
        line(f"recall@1 {kind}", [f"{r['recall_at_1_per_kind'][kind]:.2%}" for r in rows.values()])
    line("recall@1 (all positive kinds)", [f"{r['recall_at_1']:.2%}" for r in rows.values()])
    line(
        "right party first (match|ambig.)", [f"{r['right_party_first']:.2%}" for r in rows.values()]
    )
    for kind in negatives:
        line(
            f"false positives {kind}",
            [f"{r['false_positive_rate_per_kind'][kind]:.2%}" for r in rows.values()],
        )
    line(
        "false-positive rate (negatives)",
        [f"{r['false_positive_rate']:.2%}" for r in rows.values()],
    )
    line("p50 lookup", [f"{r['p50_ms']:.2f} ms" for r in rows.values()])
    line("p99 lookup", [f"{r['p99_ms']:.2f} ms" for r in rows.values()])
    line("index build", [f"{r['index_build_s']:.2f} s" for r in rows.values()])
    line(
        "peak RSS",
        [f"{r['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in r else "-" for r in rows.values()],
    )


def print_classes(ours: dict[str, Any]) -> None:
    """Each variant class and the index companies per half, then every false positive of
    the check half with the rule that granted it."""
    print("\neveryday variants of listed names (match / right party first):")
    for label, row in ours["variant_classes"].items():
        shares = f"{row['match']:>8.1%}  {row['right_party_first']:>8.1%}"
        print(f"  {label:<34}{row['queries']:>6}  {shares}")
    print("real companies on no list (answered match):")
    for label, row in ours["index_companies"].items():
        print(f"  {label:<34}{row['queries']:>6}  {row['false_positive_rate']:>8.2%}")
    print("false positives of the check half (query -> party: rule):")
    for found in ours["false_positives"]:
        if found["half"] == "check":
            print(f"  [{found['kind']}] {found['query']!r} -> {found['party']}: {found['rule']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csl", type=Path, default=SHARED / "data" / "csl-reconstructed-2026-07-31.csv"
    )
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "dev.jsonl")
    parser.add_argument("--cli-queries", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "matching.json"
    )
    arguments = parser.parse_args()
    for path in (arguments.csl, arguments.eval):
        if not path.is_file():
            print(
                f"benchmark: {path} is not available (../shared beside the repo?)", file=sys.stderr
            )
            return 2
    entries = parse_csl(arguments.csl.read_bytes()).entries
    queries = [json.loads(line) for line in arguments.eval.read_text().splitlines() if line.strip()]
    print(f"{len(entries):,} CSL entries, {len(queries):,} labelled queries", flush=True)
    ours = run_entitybot(entries, queries)
    print("entitybot done; running the naive anchor (slow)...", flush=True)
    rows = {"entitybot": ours, **run_naive(entries, queries, arguments.workers)}
    cli = run_cli(arguments.csl, queries, arguments.cli_queries) if arguments.cli_queries else None
    print()
    speed = {key: ours[key] for key in ("p50_ms", "p99_ms", "index_build_s", "peak_rss_mb")}
    print_table(
        {
            "entitybot (tune)": {**ours["tune_half"], **speed},
            "entitybot (check)": {**ours["check_half"], **speed},
            **rows,
        }
    )
    print_classes(ours)
    speedup = rows["naive_90"]["p99_ms"] / ours["p99_ms"]
    print(f"\np99 speed-up over the naive anchor: {speedup:.1f}x")
    if cli:
        print(
            f"entitybot lookup --json - on {cli['queries']:,} queries: "
            f"{cli['per_query_ms']:.2f} ms a query (start-up {cli['startup_s']:.1f} s, "
            f"total {cli['total_s']:.1f} s)"
        )
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(
        json.dumps(
            {
                "resolvers": rows,
                "p99_speedup_vs_naive": speedup,
                "cli": cli,
                "csl": str(arguments.csl),
                "eval": str(arguments.eval),
                "python": sys.version.split()[0],
            },
            indent=1,
        )
    )
    print(f"wrote {arguments.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
