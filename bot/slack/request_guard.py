"""Slack's requests proved to be Slack's, once, before anything reads them.

Bolt parses a body before it checks the signature, so a malformed body from anyone ended in
HTTP 500 and a traceback, and a wrongly signed one was logged in full. This guard stands
in front of Bolt on POST /slack/events: it checks the signature headers, caps the body, reads
it, checks the signature over the raw bytes, checks that Bolt can read it, and lets each
signed request through once; anything else is answered here, in one rate-limited line.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.screening import StoreUnavailable
from bot.slack.rate_limited_log import RateLimitedWarnings
from bot.slack.readable_payload import bolt_can_read

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)

# Slack's largest request is a message shortcut carrying a message (up to 40,000
# characters, percent-encoded, three times over for non-Latin text) and its blocks: about
# 1 MB at worst. Twice that, and nothing bigger is read at all.
MAX_BODY_BYTES = 2 * 1024 * 1024
# Slack's rule: a request is answered only while its timestamp is within five minutes of now.
SIGNATURE_WINDOW_SECONDS = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


@dataclass(frozen=True)
class Refusal:
    status: str
    reason: str


@dataclass(frozen=True)
class _Signed:
    body: bytes
    signature: str


UNSIGNED = Refusal("401 Unauthorized", "refused an unsigned Slack request")
BAD_TIMESTAMP = Refusal(
    "401 Unauthorized", "refused a signed Slack request with a bad or missing timestamp"
)
BAD_SIGNATURE = Refusal("401 Unauthorized", "refused a Slack request with a wrong signature")
OUT_OF_WINDOW = Refusal(
    "401 Unauthorized", "refused a Slack request signed more than 5 minutes from now"
)
NOT_UTF8 = Refusal("400 Bad Request", "refused a signed Slack request whose body is not UTF-8")
NO_LENGTH = Refusal("411 Length Required", "refused a Slack request without a Content-Length")
TOO_BIG = Refusal(
    "413 Content Too Large", f"refused a Slack request of more than {MAX_BODY_BYTES} bytes"
)
TRUNCATED = Refusal("400 Bad Request", "refused a Slack request shorter than its Content-Length")
MALFORMED = Refusal("400 Bad Request", "refused a signed Slack request Bolt cannot read")
NO_STORE = Refusal("503 Service Unavailable", "could not check a Slack request for a replay")


class SlackRequestGuard:
    """WSGI middleware in front of Bolt's handler; only POSTs to `path` are its business."""

    def __init__(
        self,
        bolt: WSGIApplication,
        signing_secret: str,
        first_receipt: Callable[[str], bool],
        path: str,
        warnings: RateLimitedWarnings | None = None,
    ) -> None:
        self._bolt = bolt
        self._secret = signing_secret.encode()
        self._first_receipt = first_receipt
        self._path = path
        self._warnings = warnings or RateLimitedWarnings(logger)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self._path:
            return self._bolt(environ, start_response)
        checked = self._check(environ)
        if isinstance(checked, Refusal):
            self._warnings.warn(checked.reason)
            return _answer(start_response, checked.status, checked.reason + "\n")
        try:
            first = self._first_receipt(checked.signature)
        except StoreUnavailable as exc:
            self._warnings.warn(NO_STORE.reason, str(exc))
            return _answer(start_response, NO_STORE.status, NO_STORE.reason + "\n")
        if not first:
            # Acknowledged as Slack expects, so that a retry is not sent; answered already.
            self._warnings.warn("acknowledged a replayed Slack request without acting on it")
            return _answer(start_response, "200 OK", "")
        # Bolt reads the body again, from these bytes.
        environ = {
            **environ,
            "wsgi.input": io.BytesIO(checked.body),
            "CONTENT_LENGTH": str(len(checked.body)),
        }
        return self._bolt(environ, start_response)

    def _check(self, environ: WSGIEnvironment) -> Refusal | _Signed:
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        # Headers first: what is plainly unsigned or stale is refused without reading a byte.
        if not _SIGNATURE.fullmatch(signature):
            return UNSIGNED
        if not _TIMESTAMP.fullmatch(timestamp):
            return BAD_TIMESTAMP
        if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
            return OUT_OF_WINDOW
        declared = environ.get("CONTENT_LENGTH", "")
        if not declared.isascii() or not declared.isdigit():
            return NO_LENGTH
        if int(declared) > MAX_BODY_BYTES:
            return TOO_BIG
        body: bytes = environ["wsgi.input"].read(int(declared))
        if len(body) != int(declared):
            return TRUNCATED
        if not self._signed(body, timestamp, signature):
            return BAD_SIGNATURE
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            # Signed, so from whoever holds the secret, yet not text Bolt can read.
            return NOT_UTF8
        if not bolt_can_read(text, environ.get("CONTENT_TYPE")):
            return MALFORMED
        return _Signed(body, signature)

    def _signed(self, body: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature, checked over the bytes as sent: slack_sdk's verifier decodes
        the body first, and so cannot tell a forged body from a signed one it cannot decode."""
        base = b"v0:" + timestamp.encode("ascii") + b":" + body
        expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii"))


def _answer(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = text.encode()
    start_response(
        status,
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]
