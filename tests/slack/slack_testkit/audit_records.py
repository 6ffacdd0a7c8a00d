"""Answer records a test puts in the app's store, as the listeners would have written them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.screening.records import AnswerRecord, RecordedParty
from slack_testkit.fake_slack import TEAM_ID
from slack_testkit.slack_requests import ASKER, CHANNEL_ID

QIHOO = RecordedParty("EL", "el-qihoo", "Qihoo 360 Technology Co. Ltd", "match")


def answer_record(
    at: datetime,
    asked: str = "Qihoo 360",
    status: str = "match",
    parties: tuple[RecordedParty, ...] = (QIHOO,),
    user_id: str = ASKER,
    surface: str = "slash_command",
) -> AnswerRecord:
    return AnswerRecord(
        at=at if at.tzinfo else at.replace(tzinfo=UTC),
        team_id=TEAM_ID,
        enterprise_id="",
        user_id=user_id,
        channel_id=CHANNEL_ID,
        surface=surface,
        asked=asked,
        status=status,
        parties=parties,
        data_version_id=1,
        data_as_of=date(2026, 7, 31),
    )
