"""Text from users and lists can never become Slack markup."""

from __future__ import annotations

import pytest
from slack_testkit.messages import FORBIDDEN_MARKUP

from bot.slack.safe_text import clip, escape, link, public_source, safe_url, user_mention

ATTEMPTS = [
    "<!channel>",
    "<!here|here>",
    "<!everyone>",
    "<@U0123ABC>",
    "<@W0123ABC|boss>",
    "<#C0123ABC|general>",
    "<!subteam^S0123|@team>",
    "<https://evil.example|https://www.bis.gov>",
]


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_markup_is_escaped(attempt):
    escaped = escape(f"Qihoo 360 {attempt}")
    assert "<" not in escaped and ">" not in escaped
    assert not FORBIDDEN_MARKUP.search(escaped)


def test_the_three_characters_become_slacks_entities():
    assert escape("R&D <Holdings> Ltd") == "R&amp;D &lt;Holdings&gt; Ltd"


def test_plain_broadcast_words_are_defused():
    assert escape("@channel @Here @everyone") == "@\u2060channel @\u2060Here @\u2060everyone"
    assert escape("mail@channels.example") == "mail@channels.example"


def test_links_only_for_web_addresses_with_label_and_url_escaped():
    assert link("https://a.example/x?a=1&b=2", "A <b>") == (
        "<https://a.example/x?a=1&amp;b=2|A &lt;b&gt;>"
    )
    assert link("javascript:alert(1)", "click") == "click"
    assert safe_url("https://a.example/x|y>z") == "https://a.example/x%7Cy%3Ez"
    assert safe_url("ftp://a.example/") is None


def test_a_mention_only_for_a_user_id():
    assert user_mention("U0ASKER") == "<@U0ASKER>"
    assert user_mention("cli") == "cli"
    assert user_mention("U1> <!channel") == "U1&gt; &lt;!channel"


def test_clipping_never_cuts_a_link_or_an_entity():
    text = "a" * 10 + " <https://x.example/long|label> tail"
    assert clip(text, 20) == "a" * 10 + "\u2026"
    assert clip("abc &amp; def", 8) == "abc\u2026"
    assert clip("short", 10) == "short"
    assert len(clip("x" * 5000, 3000)) == 3000


def test_sources_are_shown_without_credentials_or_query():
    assert public_source("https://user:pw@data.example:8443/csl.csv?key=secret") == (
        "https://data.example:8443/csl.csv"
    )
    assert public_source("/srv/csl.csv") == "/srv/csl.csv"
