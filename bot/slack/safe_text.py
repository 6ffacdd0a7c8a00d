"""Text that is safe to put in a Slack message.

Everything a user typed and everything the lists say reaches Slack through `escape`, so it can
never become markup: no `<!channel>`, `<@U...>` or `<#C...>`, no link with a label that lies.
The only angle brackets in a message are the ones `link` and `user_mention` write.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from bot import sources

# Slack reads these three as markup in message text; their entities are its documented escape.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKUP = re.compile("[&<>]")
# Plain-text broadcasts Slack may still expand (link_names, older clients); a word joiner
# after the "@" keeps them readable and inert.
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"
# What a Slack user or workspace-user ID looks like; anything else is not written as a mention.
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
ELLIPSIS = "\u2026"


def escape(text: str) -> str:
    """`text` as inert message text: markup characters escaped, broadcasts defused."""
    escaped = _MARKUP.sub(lambda found: _ENTITIES[found.group()], text)
    return _BROADCAST.sub(lambda found: "@" + _WORD_JOINER + found.group(1), escaped)


def escape_line(text: str) -> str:
    """`escape`, on one line: a newline in a name or a label would break the layout."""
    return escape(" ".join(text.split()))


def safe_url(url: str) -> str | None:
    """An http(s) URL fit to sit inside `<...|...>`, or None when it is not one."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    # "|" and ">" would end the link early; spaces and quotes are not URL characters anyway.
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    return _MARKUP.sub(lambda found: _ENTITIES[found.group()], url)


def link(url: str, label: str) -> str:
    """A link when `url` is a web address; otherwise just the escaped label."""
    target = safe_url(url)
    shown = escape_line(label) or escape_line(url)
    return f"<{target}|{shown}>" if target else shown


def user_mention(user_id: str) -> str:
    """A mention of the user whose ID Slack's signed payload gave; plain text otherwise."""
    if _USER_ID.fullmatch(user_id):
        return f"<@{user_id}>"
    return escape_line(user_id)


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters without splitting an entity or a link."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    # An escaped text has "<" only where `link` opened one and "&" only in an entity.
    opened = cut.rfind("<")
    if opened > cut.rfind(">"):
        cut = cut[:opened]
    ampersand = cut.rfind("&")
    if ampersand > cut.rfind(";"):
        cut = cut[:ampersand]
    return cut.rstrip() + ELLIPSIS


def public_source(source: str) -> str:
    """A data source as a message may show it, by the domain's one rule for every place a
    source is shown or logged (no credentials, query string or fragment)."""
    return sources.public_source(source)
