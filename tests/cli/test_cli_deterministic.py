"""The same question gets the same answer in every process, whatever Python's hash seed."""

from __future__ import annotations

import json

from tests.cli.cli_runner import run_cli

# A typo ("Intem", "Inter") reached through several slips, a brand, a question of a person.
QUERIES = ["Intel Corporation", "Samsung", "Hikvison", "Martin", "Qiho 360", "Gza-Oil, OOO"]


def test_answers_do_not_depend_on_the_hash_seed(tmp_path):
    data_dir = tmp_path / "data"
    answers = []
    for seed in ("1", "2", "3"):
        done = run_cli(
            "lookup",
            "--json",
            "-",
            data_dir=data_dir,
            stdin="\n".join(QUERIES) + "\n",
            env={"PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        answers.append(
            [
                (line["status"], [result["name"] for result in line["results"]])
                for line in map(json.loads, done.stdout.splitlines())
            ]
        )
    assert answers[0] == answers[1] == answers[2]
