"""The domain's one entry point for the CLI and Slack: look names up, refresh, report status."""

from bot.resolver.resolve import QueryError
from bot.screening.facade import Screening, StoreUnavailable
from bot.screening.lifecycle import RefreshNotDue
from bot.screening.values import (
    DataStatus,
    RefreshBusy,
    RefreshFailure,
    RefreshOutcome,
    RefreshReport,
)

__all__ = [
    "DataStatus",
    "QueryError",
    "RefreshBusy",
    "RefreshFailure",
    "RefreshNotDue",
    "RefreshOutcome",
    "RefreshReport",
    "Screening",
    "StoreUnavailable",
]
