"""Finding the names in a message, with a stand-in for the lookups."""

from __future__ import annotations

import pytest

from bot.slack.mention_text import (
    MAX_NAMES,
    Found,
    clean_slack_text,
    is_help,
    name_in,
    split_names,
    strip_filler,
)

# What the stand-in "lists" know: a name and how it is found.
KNOWN = {
    "aksu huafu textiles": Found.MATCH,
    "cloudwalk": Found.MATCH,
    "qihoo 360": Found.MATCH,
    "huawei technologies co., ltd.": Found.MATCH,
    "bank sepah": Found.MATCH,
    "baier, marc": Found.MATCH,
    "sichuan zhonghe import and export trade co., ltd.": Found.FORMER,
    "sichuan zhonghe import": Found.FORMER,
    "check point software": Found.MATCH,
    "tianjin sky dragon": Found.POSSIBLE,
    "tianjin sky dragon and sons": Found.POSSIBLE,
}


def grade(text: str) -> Found:
    return KNOWN.get(text.casefold(), Found.NOTHING)


def names(text: str) -> list[str]:
    return split_names(clean_slack_text(text), grade).names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("is Qihoo 360 on the list?", "Qihoo 360"),
        ("are Aksu Huafu Textiles listed?", "Aksu Huafu Textiles"),
        ("check Huawei", "Huawei"),
        ("Bank Sepah sanctioned?", "Bank Sepah"),
        ("hey, can you check if Bank Sepah is on any US sanctions list?", "Bank Sepah"),
        ("please look up: CloudWalk", "CloudWalk"),
        ("is Huawei Technologies Co., Ltd. still listed?", "Huawei Technologies Co., Ltd."),
        ("*Huawei*", "Huawei"),
        ("Hi-Tech Corp", "Hi-Tech Corp"),
        ("Isuzu Motors", "Isuzu Motors"),
        ("Checkpoint Systems", "Checkpoint Systems"),
    ],
)
def test_filler_around_a_name_is_stripped(text, name):
    assert strip_filler(text) == name


def test_filler_that_is_part_of_a_listed_name_stays():
    assert name_in("Check Point Software", grade) == "Check Point Software"
    assert name_in("check Qihoo 360", grade) == "Qihoo 360"


def test_slack_markup_is_removed_and_its_escaping_undone():
    text = "<@U0BOT|entitybot> <!channel> check <http://huawei.com|huawei.com> &amp; <#C1|x> @here"
    assert " ".join(clean_slack_text(text).split()) == "check huawei.com &"


def test_and_separates_two_names_when_the_whole_is_not_a_name():
    assert names("<@U0BOT> are Aksu Huafu Textiles and CloudWalk listed?") == [
        "Aksu Huafu Textiles",
        "CloudWalk",
    ]


def test_and_inside_a_name_does_not_separate():
    text = "<@U0BOT> is Sichuan Zhonghe Import and Export Trade Co., Ltd. on the list?"
    assert names(text) == ["Sichuan Zhonghe Import and Export Trade Co., Ltd."]


def test_a_reading_that_finds_more_wins():
    assert names("Sichuan Zhonghe Import and Qihoo 360") == ["Sichuan Zhonghe Import", "Qihoo 360"]


def test_unknown_names_joined_by_and_stay_as_typed():
    assert names("Acme Widgets and Foo Bar") == ["Acme Widgets and Foo Bar"]


def test_lines_commas_and_semicolons_separate_names():
    text = "check these:\n- Qihoo 360\n- CloudWalk, Huawei Technologies Co., Ltd. and Bank Sepah"
    assert names(text) == ["Qihoo 360", "CloudWalk", "Huawei Technologies Co., Ltd.", "Bank Sepah"]
    assert names("Qihoo 360; CloudWalk;Acme") == ["Qihoo 360", "CloudWalk", "Acme"]


def test_a_comma_inside_a_listed_name_does_not_separate():
    assert names("Baier, Marc") == ["Baier, Marc"]


def test_a_reading_that_finds_no_more_keeps_the_words_together():
    assert names("Tianjin Sky Dragon and sons") == ["Tianjin Sky Dragon and sons"]


def test_a_name_said_twice_is_answered_once_and_the_count_is_capped():
    assert names("Qihoo 360\nqihoo 360\nQihoo 360") == ["Qihoo 360", "qihoo 360"]
    many = "\n".join(f"Company {n}" for n in range(MAX_NAMES + 3))
    split = split_names(many, grade)
    assert len(split.names) == MAX_NAMES
    assert split.truncated


def test_many_ands_do_not_explode():
    text = " and ".join(f"Company {n}" for n in range(12))
    assert len(split_names(text, grade, max_names=20).names) == 12


@pytest.mark.parametrize("text", ["", "  ", "help", " HELP ", "?", "usage"])
def test_help_words(text):
    assert is_help(text)


def test_a_name_is_not_help():
    assert not is_help("Helpful Industries")
