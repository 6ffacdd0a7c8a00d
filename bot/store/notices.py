"""Federal Register notices and the parties they name."""

from __future__ import annotations

from sqlalchemy import Engine, delete, func, select
from sqlmodel import col

from bot.store.database import session as open_session
from bot.store.models import FederalRegisterLookup, FederalRegisterNotice, NoticeParty, StoreMeta


def save_notices(
    engine: Engine, notices: list[tuple[FederalRegisterNotice, list[NoticeParty]]]
) -> None:
    """Insert or replace each notice with its parties, all in one transaction."""
    with open_session(engine) as session, session.begin():
        for notice, parties in notices:
            session.execute(delete(NoticeParty).where(col(NoticeParty.notice_cite) == notice.cite))
            session.merge(notice)
            session.add_all(parties)


def all_notices(engine: Engine) -> list[FederalRegisterNotice]:
    with open_session(engine) as session:
        return list(session.execute(select(FederalRegisterNotice)).scalars().all())


def all_notice_parties(engine: Engine) -> list[NoticeParty]:
    with open_session(engine) as session:
        return list(
            session.execute(select(NoticeParty).order_by(col(NoticeParty.id))).scalars().all()
        )


def notices_signature(engine: Engine) -> tuple[int, int]:
    """Changes whenever notices or parties are added: (party count, highest party id)."""
    with open_session(engine) as session:
        count, highest = session.execute(
            select(func.count(col(NoticeParty.id)), func.max(col(NoticeParty.id)))
        ).one()
    return int(count or 0), int(highest or 0)


def lookups(engine: Engine) -> dict[str, FederalRegisterLookup]:
    with open_session(engine) as session:
        return {
            row.cite: row for row in session.execute(select(FederalRegisterLookup)).scalars().all()
        }


def save_lookups(engine: Engine, rows: list[FederalRegisterLookup]) -> None:
    with open_session(engine) as session, session.begin():
        for row in rows:
            session.merge(row)


def mark_verified(engine: Engine, cite: str, document_number: str, url: str) -> None:
    """A bundled notice whose document number the Federal Register API has confirmed."""
    with open_session(engine) as session, session.begin():
        notice = session.get(FederalRegisterNotice, cite)
        if notice is not None:
            notice.document_number = document_number
            notice.document_number_verified = True
            if url:
                notice.url = url


def meta(engine: Engine, key: str) -> str | None:
    with open_session(engine) as session:
        row = session.get(StoreMeta, key)
        return row.value if row else None


def set_meta(engine: Engine, key: str, value: str) -> None:
    with open_session(engine) as session, session.begin():
        session.merge(StoreMeta(key=key, value=value))
