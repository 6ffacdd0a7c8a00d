"""The name in /entity text, and Slack markup taken out of message text."""

from __future__ import annotations

import pytest

from bot.slack.mention_text import Found, clean_slack_text, is_help, name_in, strip_filler

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


@pytest.mark.parametrize("text", ["", "  ", "help", " HELP ", "?", "usage"])
def test_help_words(text):
    assert is_help(text)


def test_a_name_is_not_help():
    assert not is_help("Helpful Industries")
