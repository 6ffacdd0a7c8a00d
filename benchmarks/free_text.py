"""Finding listed parties in free text: the spotter against the splitter it replaced.

    python benchmarks/free_text.py [--csl PATH] [--messages PATH] [--half tune|check|all]
                                   [--baseline-rev REV]

Runs every labelled message of benchmarks/data/free_text_messages.jsonl (see its .md)
through entitybot's spotter over the full CSL and reports, per half:
- recall: the share of labelled parties that some answer names, its top party one of the
  accepted entries (as a match, or as a possible match);
- false claims: the share of messages naming no listed party in which a listing is claimed
  (status match), and the claims in other messages that name no labelled party;
- time per message in-process (p50, p99) and for 2,000-character messages: each message the
  best of three runs (the machine is shared), none of them helped by an earlier run of it
  (the spotter forgets its resolutions before each).

With --baseline-rev (default: the last commit that answered with the splitter), the same
counts for that revision's splitter (cut the message at separators, look each piece up
whole), run from a git worktree of that revision in a child process. Writes
benchmarks/results/free_text.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BASELINE_REV = "4a85168"
LONG_MESSAGE = 2000
TIMING_RUNS = 3

# What one message's answers are, however they were found: (status, accepted names of the
# top party, text of the answered span).
Found = list[tuple[str, set[str], str]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def load_resolver(csl: Path) -> Any:
    # The code measured: this checkout, or the baseline's worktree (run_baseline).
    sys.path.insert(0, os.environ.get("ENTITYBOT_CODE", str(REPO)))
    from bot.importers import parse_csl
    from bot.resolver import Listing, NameIndex, Resolver

    entries = parse_csl(csl.read_bytes()).entries
    listings = [
        Listing(position, e.list_code, e.name, tuple(e.alt_names), e.entry_type)
        for position, e in enumerate(entries)
    ]
    return Resolver(NameIndex(listings))


def party_names(resolver: Any, candidate: Any) -> set[str]:
    listings = resolver.index.listings
    return {listings[i].primary_name.casefold() for i in candidate.party.listing_ids}


def spotter_answers(resolver: Any, cold: bool = True) -> Callable[[str], Found]:
    """The spotter's answers; `cold`: it forgets what it resolved before each message (warm:
    it remembers, as a bot that has served messages before does)."""
    from bot.spotting.spotter import Spotter

    spotter = Spotter(resolver)

    def answers(text: str) -> Found:
        if cold:
            spotter.forget_resolutions()
        return [
            (
                spot.resolution.status,
                party_names(resolver, spot.resolution.candidates[0]),
                spot.text,
            )
            for spot in spotter.spot(text).spots
        ]

    return answers


def splitter_answers(resolver: Any) -> Callable[[str], Found]:
    from bot.slack.mention_text import Found as Grade
    from bot.slack.mention_text import clean_slack_text, is_help, split_names

    def grade(text: str) -> Any:
        try:
            status = resolver.resolve(text).status
        except ValueError:
            return Grade.NOTHING
        return {"match": Grade.MATCH, "ambiguous": Grade.POSSIBLE}.get(status, Grade.NOTHING)

    def answers(text: str) -> Found:
        cleaned = clean_slack_text(text)
        if is_help(cleaned):
            return []
        found: Found = []
        for name in split_names(cleaned, grade).names:
            try:
                resolution = resolver.resolve(name)
            except ValueError:
                continue
            if resolution.status != "none":
                found.append(
                    (resolution.status, party_names(resolver, resolution.candidates[0]), name)
                )
        return found

    return answers


def evaluate(messages: list[dict[str, Any]], answers: Callable[[str], Found]) -> dict[str, Any]:
    named = found_any = found_match = 0
    clean = claimed_clean = possible_clean = 0
    stray_claims = 0
    timings: list[float] = []
    long_timings: list[float] = []
    misses: list[dict[str, str]] = []
    false_claims: list[dict[str, str]] = []
    per_shape: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for message in messages:
        elapsed = float("inf")
        for _ in range(TIMING_RUNS):
            started = time.perf_counter()
            found = answers(message["text"])
            elapsed = min(elapsed, time.perf_counter() - started)
        timings.append(elapsed)
        if len(message["text"]) >= LONG_MESSAGE * 0.75:
            long_timings.append(elapsed)
        accepted_all: set[str] = set()
        for party in message["parties"]:
            accept = {name.casefold() for name in party["accept"]}
            accepted_all |= accept
            named += 1
            statuses = [status for status, names, _ in found if names & accept]
            per_shape[message["shape"]][0] += 1
            if statuses:
                found_any += 1
                per_shape[message["shape"]][1] += 1
                found_match += "match" in statuses
            else:
                misses.append({"id": message["id"], "mention": party["mention"]})
        claims = [(names, span) for status, names, span in found if status == "match"]
        strays = [(names, span) for names, span in claims if not names & accepted_all]
        if not message["parties"]:
            clean += 1
            claimed_clean += bool(claims)
            possible_clean += any(status == "ambiguous" for status, _, _ in found)
        else:
            stray_claims += len(strays)
        for names, span in strays:
            false_claims.append({"id": message["id"], "span": span, "party": sorted(names)[0]})
    return {
        "messages": len(messages),
        "parties_named": named,
        "recall": found_any / (named or 1),
        "recall_as_match": found_match / (named or 1),
        "messages_naming_no_listed_party": clean,
        "false_claim_rate": claimed_clean / (clean or 1),
        "possible_match_rate_clean": possible_clean / (clean or 1),
        "stray_claims_in_other_messages": stray_claims,
        "p50_ms": percentile(timings, 0.5) * 1000,
        "p99_ms": percentile(timings, 0.99) * 1000,
        "long_message_p99_ms": percentile(long_timings, 0.99) * 1000,
        "recall_per_shape": {s: f / (n or 1) for s, (n, f) in sorted(per_shape.items())},
        "misses": misses,
        "false_claims": false_claims,
    }


def long_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """2,000-character messages made by joining labelled ones, for the speed goal."""
    made, text, parties = [], "", []
    for message in messages:
        if len(text) + len(message["text"]) + 1 > LONG_MESSAGE:
            made.append({"id": f"long{len(made)}", "shape": "long", "text": text, "parties": []})
            text, parties = "", []
        text += message["text"] + "\n"
        parties += message["parties"]
    return made


def run_baseline(arguments: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "baseline"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), arguments.baseline],
            check=True,
            capture_output=True,
        )
        try:
            output = Path(scratch) / "baseline.json"
            command = [sys.executable, str(Path(__file__).resolve()), "--splitter"]
            command += ["--csl", str(arguments.csl), "--messages", str(arguments.messages)]
            command += ["--half", arguments.half, "--output", str(output)]
            subprocess.run(
                command,
                check=True,
                cwd=tree,
                env={**os.environ, "ENTITYBOT_CODE": str(tree)},
            )
            return json.loads(output.read_text())["splitter"]
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csl", type=Path, default=SHARED / "data" / "csl-reconstructed-2026-07-31.csv"
    )
    parser.add_argument(
        "--messages", type=Path, default=REPO / "benchmarks" / "data" / "free_text_messages.jsonl"
    )
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--baseline", default=BASELINE_REV, help="git revision of the splitter")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--splitter", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--output", type=Path, default=REPO / "benchmarks" / "results" / "free_text.json"
    )
    arguments = parser.parse_args()
    if not arguments.csl.is_file():
        print(f"benchmark: {arguments.csl} is not available", file=sys.stderr)
        return 2
    messages = [json.loads(line) for line in arguments.messages.read_text().splitlines() if line]
    if arguments.half != "all":
        messages = [m for m in messages if m["half"] == arguments.half]
    resolver = load_resolver(arguments.csl)
    if arguments.splitter:
        results = {"splitter": evaluate(messages, splitter_answers(resolver))}
    else:
        spotter = spotter_answers(resolver)
        results = {"spotter": evaluate(messages, spotter)}
        results["spotter_2000_chars"] = evaluate(long_messages(messages), spotter)
        warm = spotter_answers(resolver, cold=False)
        evaluate(messages, warm)  # what a bot has seen before these
        results["spotter_2000_chars_warm"] = evaluate(long_messages(messages), warm)
        if not arguments.no_baseline:
            results["splitter"] = run_baseline(arguments)
        report(results)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(results, indent=1))
    return 0


def report(results: dict[str, Any]) -> None:
    rows = [
        ("parties named", "parties_named", "{:,}"),
        ("recall (match or possible)", "recall", "{:.2%}"),
        ("recall as match", "recall_as_match", "{:.2%}"),
        ("messages naming no listed party", "messages_naming_no_listed_party", "{:,}"),
        ("  with a listing claimed", "false_claim_rate", "{:.2%}"),
        ("  with a possible match", "possible_match_rate_clean", "{:.2%}"),
        ("stray claims in other messages", "stray_claims_in_other_messages", "{:,}"),
        ("p50 / p99 per message (ms)", None, ""),
    ]
    names = [name for name in ("spotter", "splitter") if name in results]
    print(f"{'':40}" + "".join(f"{name:>14}" for name in names))
    for label, key, shape in rows:
        if key is None:
            cells = [f"{results[n]['p50_ms']:.1f} / {results[n]['p99_ms']:.1f}" for n in names]
        else:
            cells = [shape.format(results[n][key]) for n in names]
        print(f"{label:40}" + "".join(f"{cell:>14}" for cell in cells))
    long, warm = results["spotter_2000_chars"], results["spotter_2000_chars_warm"]
    print(
        f"2,000-character messages ({long['messages']}), p99: {long['p99_ms']:.1f} ms unseen, "
        f"{warm['p99_ms']:.1f} ms in a process that has answered the labelled messages"
    )
    for name in names:
        print(f"\n{name}: {len(results[name]['misses'])} misses, e.g.")
        for miss in results[name]["misses"][:12]:
            print(f"  {miss['id']}: {miss['mention']}")
        print(f"{name}: false claims, e.g.")
        for claim in results[name]["false_claims"][:12]:
            print(f"  {claim['id']}: {claim['span']!r} -> {claim['party']}")


if __name__ == "__main__":
    raise SystemExit(main())
