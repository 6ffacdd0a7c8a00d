"""`entitybot watch add|remove|list --channel ID` as a real process: a channel's watchlist,
"already listed" at once, every change recorded; a refresh through the CLI queues one alert
per affected channel for the running Slack app to send."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.screening import Screening
from bot.settings import Settings
from tests.cli.cli_runner import SMALL_CSL, run_cli

CHANNEL = "C0WATCH01"
EL = "Entity List (EL) - Bureau of Industry and Security"


def csl_with(into: Path, extra: list[tuple[str, str, str]], without: tuple[str, ...] = ()) -> Path:
    """The 14-entry fixture list plus Entity List rows (id, name, FR cite), less the rows
    naming `without`."""
    rows = list(csv.DictReader(io.StringIO(SMALL_CSL.read_text(encoding="utf-8-sig"))))
    header = list(rows[0])
    rows = [row for row in rows if not any(name in row["name"] for name in without)]
    for entry_id, name, cite in extra:
        row = dict.fromkeys(header, "")
        row.update(_id=entry_id, source=EL, name=name, addresses="Wuhan, CN")
        row.update(federal_register_notice=cite, license_policy="Presumption of denial")
        rows.append(row)
    with into.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return into


def watchlists(data_dir: Path) -> Screening:
    return Screening(
        Settings(database_url=f"sqlite:///{data_dir}/entitybot.sqlite3", data_dir=data_dir)
    )


def test_names_are_added_listed_and_removed_and_a_listed_one_is_said_at_once(own_data_dir):
    added = run_cli(
        "watch", "add", "--channel", CHANNEL, "Zephyr Optics,", "Qihoo 360", data_dir=own_data_dir
    )
    assert added.returncode == 0, added.stderr
    lines = added.stdout.splitlines()
    assert lines[0] == "Zephyr Optics: now watched (not on the lists today)"
    assert lines[1].startswith("Qihoo 360: now watched; already listed: Qihoo 360 Technology")
    assert "(Entity List)" in lines[1]

    again = run_cli("watch", "add", "--channel", CHANNEL, "zephyr  OPTICS", data_dir=own_data_dir)
    assert again.stdout == f"zephyr OPTICS: already watched in {CHANNEL}\n"

    listed = run_cli("watch", "list", "--channel", CHANNEL, data_dir=own_data_dir)
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "Zephyr Optics",
        "Qihoo 360",
    ]
    assert "added by " in listed.stdout

    removed = run_cli("watch", "remove", "--channel", CHANNEL, "Qihoo 360", data_dir=own_data_dir)
    assert removed.stdout == f"{CHANNEL} no longer watches Qihoo 360\n"
    listed = run_cli("watch", "list", "--channel", "C0OTHER01", data_dir=own_data_dir)
    assert listed.stdout == "C0OTHER01 watches no names\n"

    changes = watchlists(own_data_dir).watchlists.changes(CHANNEL)
    assert [(action, name) for _, _, action, name in changes] == [
        ("add", "Zephyr Optics"),
        ("add", "Qihoo 360"),
        ("remove", "Qihoo 360"),
    ]
    assert all(who for _, who, _, _ in changes)


def test_a_mistake_is_one_line_and_changes_nothing(own_data_dir):
    for args, said in (
        (("add", "--channel", "general", "Acme"), "give the Slack channel id with --channel"),
        (("add", "--channel", CHANNEL), "give a name to watch"),
        (("add", "--channel", CHANNEL, "Acme, " + "x" * 201), "at most 200 characters"),
        (("remove", "--channel", CHANNEL, "Acme"), "this channel does not watch 'Acme'"),
    ):
        refused = run_cli("watch", *args, data_dir=own_data_dir)
        assert refused.returncode == 2
        assert refused.stdout == ""
        assert refused.stderr.startswith("entitybot watch: ") and said in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
    unknown = run_cli("watch", "drop", "Acme", "--channel", CHANNEL, data_dir=own_data_dir)
    assert unknown.returncode == 2 and "invalid choice: 'drop'" in unknown.stderr
    listed = run_cli("watch", "list", "--channel", CHANNEL, data_dir=own_data_dir)
    assert listed.stdout == f"{CHANNEL} watches no names\n"


def test_a_cli_refresh_queues_one_alert_per_channel_for_a_listing_and_a_departure(
    own_data_dir, tmp_path
):
    run_cli("watch", "add", "--channel", CHANNEL, "Zephyr Optics", data_dir=own_data_dir)
    run_cli("watch", "add", "--channel", "C0OTHER01", "Aksu Huafu", data_dir=own_data_dir)
    run_cli("watch", "add", "--channel", "C0QUIET01", "Acme Widgets", data_dir=own_data_dir)
    source = csl_with(
        tmp_path / "next.csv",
        [("el-z", "Zephyr Optical Technology Co., Ltd.", "91 FR 12345")],
        without=("Aksu Huafu",),
    )
    loaded = run_cli(
        "refresh", "--source", str(source), "--as-of", "2026-08-01", data_dir=own_data_dir
    )
    assert loaded.returncode == 0, loaded.stderr

    pending = watchlists(own_data_dir).watchlists.take_pending()
    assert sorted(alert.channel_id for alert in pending) == ["C0OTHER01", CHANNEL]
    hits = {alert.channel_id: alert.hits for alert in pending}
    (zephyr,) = hits[CHANNEL]
    assert zephyr["watched"] == "Zephyr Optics"
    assert zephyr["name"] == "Zephyr Optical Technology Co., Ltd."
    assert (zephyr["list_code"], zephyr["happened"]) == ("EL", "newly listed")
    assert zephyr["cites"] == ["91 FR 12345"]
    (aksu,) = hits["C0OTHER01"]
    assert aksu["happened"] == "left the list"
    assert aksu["name"].startswith("Aksu Huafu")
