"""Answering the open question of the dialogue: by button, by typing, or by a location.

The same question serves onboarding and a single /settings edit; the state machine knows
which, so these use cases only load, apply and store.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.content import SafetyFlags, Vocabulary
from bot.domain.onboarding import Step
from bot.domain.subscription import Answer, Result, SharedLocation, TypedAnswer
from bot.places import zone_for_location
from bot.storage.database import SessionFactory
from bot.usecases.subscription import change


async def answer_button(
    sessions: SessionFactory,
    user_id: int,
    step: Step,
    option: str,
    now: datetime,
    check: SafetyFlags | None = None,
    vocabulary: Vocabulary | None = None,
) -> Result:
    """`check` is the safety check (the catalogue's flags), needed by its own question;
    `vocabulary` (the catalogue's) by the complaint and equipment questions."""
    async with sessions.begin() as session:
        return await change(session, user_id, Answer(step, option, check, vocabulary), now)


async def answer_text(sessions: SessionFactory, user_id: int, text: str, now: datetime) -> Result:
    """Refused with NOT_ASKING (or NO_SUBSCRIPTION) when no typed question is open: the text
    is then meant for something else, such as an exercise lookup."""
    async with sessions.begin() as session:
        return await change(session, user_id, TypedAnswer(text), now)


async def share_location(
    sessions: SessionFactory, user_id: int, latitude: float, longitude: float, now: datetime
) -> Result:
    """The zone lookup reads files, so it runs in a thread and before the transaction."""
    zone = await asyncio.to_thread(zone_for_location, latitude, longitude)
    async with sessions.begin() as session:
        return await change(session, user_id, SharedLocation(zone), now)
