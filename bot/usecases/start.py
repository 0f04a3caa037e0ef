"""/start: register the person and subscribe them, or open the exercise a deep link names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.content import Catalogue, Exercise
from bot.domain.subscription import Start, Transition
from bot.storage.database import SessionFactory
from bot.storage.subscriptions import get_or_create
from bot.usecases.people import Person, register
from bot.usecases.subscription import change_row


@dataclass(frozen=True, slots=True)
class Started:
    """Either the exercise a deep link asked for, or what /start did to the subscription."""

    exercise: Exercise | None = None
    transition: Transition | None = None


async def start(
    sessions: SessionFactory,
    catalogue: Catalogue,
    person: Person,
    now: datetime,
    exercise_id: str | None = None,
) -> Started:
    """A deep link to a known exercise only registers the person; the subscription waits."""
    exercise = catalogue.get(exercise_id) if exercise_id is not None else None
    async with sessions.begin() as session:
        await register(session, person)
        if exercise is not None:
            return Started(exercise=exercise)
        subscription = await get_or_create(session, person.user_id, now)
        result = await change_row(session, subscription, Start(), now)
    assert isinstance(result, Transition), "/start is never refused"
    return Started(transition=result)
