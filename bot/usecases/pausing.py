"""/pause, /resume and /stop: taking a break from reminders without losing anything."""

from __future__ import annotations

from datetime import datetime

from bot.domain.subscription import (
    AskPause,
    AskStop,
    Refusal,
    Refused,
    Result,
    Resume,
    Stop,
    pause_choice,
)
from bot.storage.database import SessionFactory
from bot.usecases.subscription import change


async def ask_pause(sessions: SessionFactory, user_id: int, now: datetime) -> Result:
    """Whether the pause question may be shown (reminders must be running)."""
    async with sessions.begin() as session:
        return await change(session, user_id, AskPause(), now)


async def pause(sessions: SessionFactory, user_id: int, option: str, now: datetime) -> Result:
    """A pause button: `option` is a day count, "open" or "frozen" (injured or away)."""
    event = pause_choice(option)
    if event is None:
        return Refused(Refusal.STALE)
    async with sessions.begin() as session:
        return await change(session, user_id, event, now)


async def resume(sessions: SessionFactory, user_id: int, now: datetime) -> Result:
    async with sessions.begin() as session:
        return await change(session, user_id, Resume(), now)


async def ask_stop(sessions: SessionFactory, user_id: int, now: datetime) -> Result:
    """Whether the stop question may be shown (reminders must be running)."""
    async with sessions.begin() as session:
        return await change(session, user_id, AskStop(), now)


async def stop(sessions: SessionFactory, user_id: int, confirmed: bool, now: datetime) -> Result:
    async with sessions.begin() as session:
        return await change(session, user_id, Stop(confirmed), now)
