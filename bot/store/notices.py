"""Federal Register notices and the parties they name."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select

from bot.store.database import session as open_session
from bot.store.models import FederalRegisterNotice, NoticeParty


def save_notices(
    engine: Engine, notices: list[tuple[FederalRegisterNotice, list[NoticeParty]]]
) -> None:
    """Insert or replace each notice with its parties, all in one transaction."""
    with open_session(engine) as session, session.begin():
        for notice, parties in notices:
            session.execute(delete(NoticeParty).where(NoticeParty.notice_cite == notice.cite))
            session.merge(notice)
            session.add_all(parties)


def all_notices(engine: Engine) -> list[FederalRegisterNotice]:
    with open_session(engine) as session:
        return list(session.execute(select(FederalRegisterNotice)).scalars().all())


def all_notice_parties(engine: Engine) -> list[NoticeParty]:
    with open_session(engine) as session:
        return list(
            session.execute(select(NoticeParty).order_by(NoticeParty.id)).scalars().all()  # type: ignore[arg-type]
        )
