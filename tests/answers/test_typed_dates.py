"""The days people type, and "NAME on DATE": the accepted forms are read, anything else
that looks like a date is refused in one line, and a name that merely holds "on" stays a
name."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers.typed_dates import DateError, parse_day, split_day

TODAY = date(2026, 12, 2)
MARCH_3 = date(2021, 3, 3)


@pytest.mark.parametrize(
    "written",
    [
        "2021-03-03",
        "3 March 2021",
        "3rd March, 2021",
        "03 Mar 2021",
        "March 3, 2021",
        "Mar. 3 2021",
        "march 3rd, 2021",
        "03/03/2021",
        "3/3/2021",
        " 2021-03-03. ",
    ],
)
def test_each_accepted_form_reads_as_the_day(written):
    assert parse_day(written, TODAY) == MARCH_3


def test_slashed_dates_are_month_first():
    assert parse_day("04/03/2021", TODAY) == date(2021, 4, 3)
    assert parse_day("Sept 3, 2021", TODAY) == date(2021, 9, 3)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("03.04.2021", "is not a date entitybot reads"),
        ("03-04-2021", "is not a date entitybot reads"),
        ("3/4/21", "is not a date entitybot reads"),
        ("2021/03/04", "is not a date entitybot reads"),
        ("3 March", "is not a date entitybot reads"),
        ("last Tuesday", "is not a date entitybot reads"),
        ("31/03/2021", "reads day first; slashed dates are month/day/year (US): write 2021-03-31"),
        ("31 February 2021", "is not a day of the calendar"),
        ("2021-13-01", "is not a day of the calendar"),
        ("02/30/2021", "is not a day of the calendar"),
        ("2027-01-01", "2027-01-01 is later than today (2026-12-02)"),
    ],
)
def test_other_dates_are_refused_in_one_line_saying_why(written, said):
    with pytest.raises(DateError) as refused:
        parse_day(written, TODAY)
    message = str(refused.value)
    assert said in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "name", "day"),
    [
        ("Qihoo 360 on 3 March 2021", "Qihoo 360", MARCH_3),
        ("Qihoo 360 as of 2021-03-03", "Qihoo 360", MARCH_3),
        ("Qihoo 360 AS OF March 3, 2021?", "Qihoo 360", MARCH_3),
        ("Qihoo 360 on 03/03/2021.", "Qihoo 360", MARCH_3),
        ("check Qihoo 360 as of 2021-03-03, please", "check Qihoo 360", MARCH_3),
        # Only the last " on DATE" counts: the name keeps its own "on".
        ("Southend on Sea Trading on 2021-03-03", "Southend on Sea Trading", MARCH_3),
    ],
)
def test_a_trailing_on_date_is_split_from_the_name(text, name, day):
    assert split_day(text, TODAY) == (name, day)


@pytest.mark.parametrize(
    "text",
    [
        "Huawei Technologies Co Dongguan on",
        "Sony on Sea",
        "Bar on 42nd Street",
        "Stratford on Avon Holdings",
        "Moon on 2nd",
        "Qihoo 360",
        "as of",
    ],
)
def test_a_name_that_merely_holds_on_is_not_misread(text):
    assert split_day(text, TODAY) == (text, None)


def test_a_trailing_date_in_another_form_is_refused_not_taken_for_a_name():
    with pytest.raises(DateError, match="is not a date entitybot reads"):
        split_day("Qihoo 360 on 03.03.2021", TODAY)
    with pytest.raises(DateError, match="is not a day of the calendar"):
        split_day("Qihoo 360 as of 31 February 2021", TODAY)
