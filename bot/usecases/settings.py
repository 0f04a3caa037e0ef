"""/settings: the overview of a person's answers, and opening one of them to change it."""

from __future__ import annotations

from datetime import datetime

from bot.content import SafetyFlags
from bot.domain.onboarding import Step, parse_step
from bot.domain.subscription import (
    AskSafety,
    BeginEdit,
    Event,
    OpenSettings,
    Refusal,
    Refused,
    Result,
    Transition,
)
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
    sessions: SessionFactory, user_id: int, setting: str, now: datetime, check: SafetyFlags
) -> Result:
    """Open the question of one setting (`setting` is a step's name from a button); the safety
    check opens as itself, carrying older answers over to the current `check`."""
    step = parse_step(setting)
    if step is None:
        return Refused(Refusal.STALE)
    event: Event = AskSafety(check) if step is Step.SAFETY else BeginEdit(step)
    async with sessions.begin() as session:
        return await change(session, user_id, event, now)
