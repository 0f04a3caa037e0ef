"""Queries for daily routines, the history they are built from, and progression levels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.walkthrough import Status
from bot.storage.models import ExerciseLevel, Routine, Walkthrough


class RoutineStatus:
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED = "ended"  # stopped early for the day, e.g. after severe discomfort


async def get_routine(session: AsyncSession, routine_id: int) -> Routine | None:
    return await session.get(Routine, routine_id)


async def routine_for_day(session: AsyncSession, user_id: int, day: date) -> Routine | None:
    return await session.scalar(
        select(Routine).where(Routine.user_id == user_id, Routine.local_date == day)
    )


async def create_routine(
    session: AsyncSession,
    *,
    user_id: int,
    day: date,
    items: list[dict[str, Any]],
    notes: list[str],
    now: datetime,
) -> Routine:
    """Fix today's list, or return the one a simultaneous press fixed a moment earlier."""
    routine = Routine(
        user_id=user_id,
        local_date=day,
        items=items,
        notes=notes,
        position=0,
        status=RoutineStatus.ACTIVE,
        started_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(routine)
    except IntegrityError:
        existing = await routine_for_day(session, user_id, day)
        assert existing is not None
        return existing
    return routine


async def move_routine(
    session: AsyncSession,
    routine_id: int,
    *,
    expected_position: int,
    position: int,
    status: str,
    now: datetime,
) -> bool:
    """Compare-and-set on the position, like walkthrough versions: one press moves it once."""
    finished = status != RoutineStatus.ACTIVE
    result = await session.execute(
        update(Routine)
        .where(
            Routine.id == routine_id,
            Routine.position == expected_position,
            Routine.status == RoutineStatus.ACTIVE,
        )
        .values(position=position, status=status, finished_at=now if finished else None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def attach_message(session: AsyncSession, routine_id: int, message_id: int) -> None:
    await session.execute(
        update(Routine).where(Routine.id == routine_id).values(message_id=message_id)
    )


async def runs_of(session: AsyncSession, routine_id: int) -> list[Walkthrough]:
    rows = await session.scalars(
        select(Walkthrough).where(Walkthrough.routine_id == routine_id).order_by(Walkthrough.id)
    )
    return list(rows)


async def current_run(session: AsyncSession, routine: Routine) -> Walkthrough | None:
    return await session.scalar(
        select(Walkthrough)
        .where(Walkthrough.routine_id == routine.id, Walkthrough.position == routine.position)
        .order_by(Walkthrough.id.desc())
        .limit(1)
    )


async def attempts_since(
    session: AsyncSession, user_id: int, since: datetime
) -> Sequence[Walkthrough]:
    """Finished exercise runs since `since`, oldest first: the builder's and ladder's input."""
    rows = await session.scalars(
        select(Walkthrough)
        .where(
            Walkthrough.user_id == user_id,
            Walkthrough.finished_at >= since,
            Walkthrough.status.in_((Status.COMPLETED, Status.SKIPPED, Status.STOPPED)),
        )
        .order_by(Walkthrough.finished_at)
    )
    return list(rows)


async def levels_of(session: AsyncSession, user_id: int) -> dict[str, ExerciseLevel]:
    rows = await session.scalars(select(ExerciseLevel).where(ExerciseLevel.user_id == user_id))
    return {row.exercise_id: row for row in rows}


async def set_level(
    session: AsyncSession,
    user_id: int,
    exercise_id: str,
    *,
    level: int,
    rest_until: date | None,
    changed_on: date,
) -> None:
    row = await session.get(ExerciseLevel, (user_id, exercise_id))
    if row is None:
        row = ExerciseLevel(user_id=user_id, exercise_id=exercise_id)
        session.add(row)
    row.level = level
    row.rest_until = rest_until
    row.changed_on = changed_on
    await session.flush()
