"""Answers as of a past date, over a store that loaded five versions of a small list: each
says whether the party was listed that day, from what evidence, and how sure; none claims
more than the store holds. Only two versions are kept, so the time a party spent away from
its list must survive the versions that saw it being pruned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.screening import Screening
from bot.settings import Settings
from tests.conftest import FIXTURES

SMALL = FIXTURES / "csl-small.csv"
HITECH = "Hitech Corporation"
MYTISHCHI = "Joint Stock Company Mytishchi Machine Building Plant"
# (as of, names left out): Hitech is added, leaves and comes back; Mytishchi leaves.
LOADS = (
    ("2021-01-01", (HITECH,)),
    ("2022-01-01", ()),
    ("2023-01-01", (HITECH,)),
    ("2023-07-01", (HITECH, MYTISHCHI)),
    ("2024-01-01", (MYTISHCHI,)),
)


def small_list_without(names: tuple[str, ...], into: Path) -> Path:
    lines = SMALL.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    into.write_text("".join(line for line in lines if not any(n in line for n in names)))
    return into


@pytest.fixture
def screening(tmp_path, database_url) -> Screening:
    settings = Settings(
        database_url=database_url, data_dir=tmp_path, min_entries=1, keep_versions=2
    )
    service = Screening(settings, notify=lambda message: None)
    for number, (as_of, left_out) in enumerate(LOADS):
        source = small_list_without(left_out, tmp_path / f"csl-{number}.csv")
        service.refresh(source=str(source), as_of=date.fromisoformat(as_of), force=True)
    return service


def on(screening: Screening, name: str, day: str):
    return screening.lookup(name, on=date.fromisoformat(day))


def verdict(answer):
    parties = answer.principal or answer.history
    return parties[0].on_date


def test_a_party_listed_then_says_since_when_and_by_which_rule(screening):
    answer = on(screening, "Qihoo 360", "2021-03-03")
    assert answer.status == "match" and answer.on == date(2021, 3, 3)
    said = verdict(answer)
    assert (said.listed, said.certainty) == (True, "seen")
    assert said.says == (
        "listed on 2021-03-03 (added 2020-06-05 by 85 FR 34495, in the data held from "
        "2021-01-01 to 2023-07-01, still listed)"
    )


def test_before_the_data_held_the_adding_rule_decides(screening):
    listed = on(screening, "Qihoo 360", "2020-08-01")
    assert listed.status == "match"
    assert verdict(listed).says == (
        "listed on 2020-08-01 (added 2020-06-05 by 85 FR 34495, still listed)"
    )
    assert verdict(listed).certainty == "rule"

    not_yet = on(screening, "Qihoo 360", "2019-01-01")
    # Not listed then: never a match, though the party is the one meant.
    assert not_yet.status == "none" and not_yet.results[0].name.startswith("Qihoo 360")
    assert verdict(not_yet).listed is False
    assert verdict(not_yet).says == "not yet listed on 2019-01-01: added 2020-06-05 by 85 FR 34495"


def test_a_list_start_date_decides_too(screening):
    answer = on(screening, "Academy of Aerospace Solid Propulsion Technology", "2020-12-01")
    assert answer.status == "none"
    assert verdict(answer).says == (
        "not yet listed on 2020-12-01: on the list since 2020-12-23 (its start date)"
    )


def test_before_the_data_held_with_no_date_on_file_is_unknown(screening):
    answer = on(screening, "Bank Sepah", "2019-01-01")
    assert answer.status == "unknown"
    said = verdict(answer)
    assert (said.listed, said.certainty) == (None, "unknown")
    assert said.says == "unknown: the data held starts on 2021-01-01"
    assert answer.held_since == date(2021, 1, 1)


def test_a_party_that_left_and_came_back_is_answered_for_each_stretch(screening):
    # Today it is listed again.
    assert screening.lookup(HITECH).status == "match"
    seen = on(screening, HITECH, "2022-01-01")
    assert seen.status == "match" and verdict(seen).certainty == "seen"

    # Away: both loads around the day lacked it, though the versions that saw it are pruned.
    away = on(screening, HITECH, "2023-03-01")
    assert away.status == "none"
    assert verdict(away).says == (
        "not listed on 2023-03-01: not in the data as of 2023-01-01 nor of 2023-07-01; "
        "listed until 2022-01-01, back by 2024-01-01"
    )

    # Between a load with it and one without, the store cannot say.
    leaving = on(screening, HITECH, "2022-06-01")
    assert leaving.status == "unknown"
    assert verdict(leaving).says == (
        "unknown: listed in the data as of 2022-01-01, and it left the list by 2023-01-01"
    )
    coming_back = on(screening, HITECH, "2023-10-01")
    assert coming_back.status == "unknown"
    assert verdict(coming_back).says == (
        "unknown: it came back to the list between 2023-07-01 and 2024-01-01"
    )
    first_added = on(screening, HITECH, "2021-06-01")
    assert verdict(first_added).says == (
        "unknown: it was added to the list between 2021-01-01 and 2022-01-01"
    )
    before = on(screening, HITECH, "2020-06-01")
    assert verdict(before).says == (
        "unknown: first cited 2016 (81 FR 12004); the data held starts on 2021-01-01, when "
        "it was not on the list"
    )
    assert on(screening, HITECH, "2024-03-01").status == "match"


def test_a_party_that_left_was_listed_then_and_says_when_it_left(screening):
    today = screening.lookup("Mytishchi Machine Building Plant")
    assert today.status == "none" and today.formerly_listed

    then = on(screening, "Mytishchi Machine Building Plant", "2022-06-01")
    assert then.status == "match" and then.formerly_listed
    assert verdict(then).says == (
        "listed on 2022-06-01 (first cited 2022 (87 FR 13048), in the data held from "
        "2021-01-01 to 2023-01-01, left between 2023-01-01 and 2023-07-01)"
    )
    after = on(screening, "Mytishchi Machine Building Plant", "2024-06-01")
    assert after.status == "none" and verdict(after).listed is False


def test_a_party_only_a_rule_names_is_not_listed_before_it_and_unknown_after(screening):
    before = on(screening, "Harbin Engineering University", "2019-01-01")
    assert before.status == "none"
    assert verdict(before).says == "not yet listed on 2019-01-01: added 2020-06-05 by 85 FR 34495"
    between = on(screening, "Harbin Engineering University", "2020-08-01")
    assert between.status == "unknown"
    assert verdict(between).says == (
        "unknown: added 2020-06-05 by 85 FR 34495; the data held starts on 2021-01-01, when "
        "it was not on the list"
    )
    assert on(screening, "Harbin Engineering University", "2022-01-01").status == "none"


def test_a_name_nothing_fits_says_what_the_data_held_covers(screening):
    answer = on(screening, "Acme Widgets Trading GmbH", "2019-01-01")
    assert answer.status == "none" and not answer.results and not answer.history
    assert answer.held_since == date(2021, 1, 1)


def test_a_day_after_the_latest_data_is_answered_from_it_and_says_so(screening):
    answer = on(screening, "Qihoo 360", "2025-01-01")
    assert answer.status == "match"
    assert verdict(answer).says == (
        "listed on 2025-01-01 (added 2020-06-05 by 85 FR 34495, in the latest data held, as "
        "of 2024-01-01, and none later)"
    )
