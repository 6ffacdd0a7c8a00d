"""What tests ask of the store that the application never does."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlmodel import col

from bot.store.database import session
from bot.store.models import DatasetVersion


def dataset_versions(engine: Engine) -> list[DatasetVersion]:
    """Every dataset version the store keeps, newest first."""
    with session(engine) as db:
        query = select(DatasetVersion).order_by(col(DatasetVersion.id).desc())
        return list(db.execute(query).scalars().all())
