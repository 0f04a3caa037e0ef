"""A reminder's buttons answer reminders only: a forged one naming a summary or broadcast row
finds nothing and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.content import Catalogue
from bot.domain.reminder_answer import ReminderAnswer, ReminderRefusal
from bot.storage.database import SessionFactory
from bot.storage.models import Delivery
from bot.usecases.people import Person
from bot.usecases.reminder_answers import Answered, answer_reminder
from tests.storage.subscribers import subscribe

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
ADA = Person(1, "Ada", "en")


async def _delivery(sessions: SessionFactory, slot: str) -> int:
    await subscribe(sessions, ADA.user_id, NOW)
    async with sessions.begin() as session:
        row = Delivery(
            user_id=ADA.user_id,
            local_date=NOW.date(),
            slot=slot,
            state="sent",
            due_at=NOW,
            attempts=1,
        )
        session.add(row)
        await session.flush()
        return row.id


async def _answer(sessions: SessionFactory, catalogue: Catalogue, delivery_id: int) -> object:
    return await answer_reminder(
        sessions,
        catalogue,
        delivery_id=delivery_id,
        answer=ReminderAnswer.SKIPPED,
        person=ADA,
        chat_id=None,
        now=NOW,
    )


@pytest.mark.parametrize("slot", ["weekly", "bc7"])
async def test_a_forged_reminder_button_on_another_kind_of_row_is_unknown(
    sessions: SessionFactory, catalogue: Catalogue, slot: str
) -> None:
    delivery_id = await _delivery(sessions, slot)
    assert await _answer(sessions, catalogue, delivery_id) is ReminderRefusal.UNKNOWN
    async with sessions() as session:
        row = (await session.scalars(select(Delivery))).one()
        assert row.outcome is None


@pytest.mark.parametrize("slot", ["daily", "snooze1"])
async def test_a_reminder_or_its_snooze_is_answered(
    sessions: SessionFactory, catalogue: Catalogue, slot: str
) -> None:
    delivery_id = await _delivery(sessions, slot)
    assert isinstance(await _answer(sessions, catalogue, delivery_id), Answered)
