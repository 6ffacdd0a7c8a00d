"""What Bolt's own log lines may say here: nothing of a request's body, nothing that only
alarms."""

from __future__ import annotations

import logging
import re

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

# Bolt logs through "slack_bolt.App" (and its other classes' loggers, which log no bodies
# once the SlackRequestGuard has checked signatures before Bolt).
BOLT_APP_LOGGER = "slack_bolt.App"
_UNHANDLED = "Unhandled request ("
# Payload types are Slack's words (block_actions, event_callback): nothing a user typed.
_PAYLOAD_TYPE = re.compile(r"'type': '([a-z_]{1,40})'")


class SameTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and warns that the client's
    token wins over it; here both are the same token, so the warning only alarms."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


class UnhandledRequestInOneLine(logging.Filter):
    """Bolt's warning for a request no listener takes quotes fields of its body (a value
    typed in a menu, a dialog's submission) and a page of suggested code; here it is one
    line naming the payload's type."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_UNHANDLED):
            found = _PAYLOAD_TYPE.search(message.split("\n", 1)[0])
            record.msg = "no listener for a request of type %s (answered 404)"
            record.args = (found.group(1) if found else "Slack",)
        return True


def quiet_bolt_logs() -> None:
    """Install the filters on Bolt's app logger, once however many apps are built."""
    bolt = logging.getLogger(BOLT_APP_LOGGER)
    for kind in (SameTokenNotice, UnhandledRequestInOneLine):
        if not any(isinstance(existing, kind) for existing in bolt.filters):
            bolt.addFilter(kind())
