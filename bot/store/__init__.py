"""The designation store: SQLModel tables on SQLite (embedded) or PostgreSQL."""

from bot.store.database import open_database
from bot.store.models import (
    Alias,
    DatasetVersion,
    Designation,
    FederalRegisterNotice,
    NoticeParty,
)

__all__ = [
    "Alias",
    "DatasetVersion",
    "Designation",
    "FederalRegisterNotice",
    "NoticeParty",
    "open_database",
]
