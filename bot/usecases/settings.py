"""/settings: the overview of a person's answers, and opening one of them to change it."""

from __future__ import annotations

from datetime import datetime

from bot.domain.onboarding import parse_step
from bot.domain.subscription import BeginEdit, OpenSettings, Refusal, Refused, Result, Transition
from bot.storage.database import SessionFactory
from bot.storage.subscriptions import get_or_create
from bot.usecases.people import Person, register
from bot.usecases.subscription import change, change_row


async def open_settings(sessions: SessionFactory, person: Person, now: datetime) -> Transition:
    """The overview, or the unfinished set-up resumed; a half-done edit is dropped."""
    async with sessions.begin() as session:
        await register(session, person)
        subscription = await get_or_create(session, person.user_id, now)
        result = await change_row(session, subscription, OpenSettings(), now)
    assert isinstance(result, Transition), "/settings is never refused"
    return result


async def open_setting(
    sessions: SessionFactory, user_id: int, setting: str, now: datetime
) -> Result:
    """Open the question of one setting (`setting` is a step's name from a button)."""
    step = parse_step(setting)
    if step is None:
        return Refused(Refusal.STALE)
    async with sessions.begin() as session:
        return await change(session, user_id, BeginEdit(step), now)
