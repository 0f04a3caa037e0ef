"""Queries for daily routines, the history they are built from, and progression levels.

Reads return frozen domain values (`RoutineDay`, `Attempt`, `Standing`); writes apply what the
domain decided. Level-change notes are stored as codes with their facts and read back as
`LevelNote`s; a row written when notes were sentences gives its sentences back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.routine_day import DayItem, LevelNote, RoutineDay, RoutineState, RoutineStatus
from bot.domain.routine_plan import Attempt, LevelUpdate, Standing
from bot.domain.walkthrough import Status
from bot.storage.database import count_event
from bot.storage.models import ExerciseLevel, Routine, UTCDateTime, Walkthrough
from bot.storage.tallies import ROUTINE_FINISHED, ROUTINE_STARTED

_ROUTINES = Routine.__table__
_WALKTHROUGHS = Walkthrough.__table__
_LEVELS = ExerciseLevel.__table__
ROUTINE_COLUMNS = (
    _ROUTINES.c.id,
    _ROUTINES.c.user_id,
    _ROUTINES.c.local_date,
    _ROUTINES.c["items"],
    _ROUTINES.c.position,
    _ROUTINES.c.status,
    _ROUTINES.c.notes,
)


def routine_day(row: Sequence[Any]) -> RoutineDay:
    """A frozen routine from a row that starts with `ROUTINE_COLUMNS`."""
    routine_id, user_id, day, items, position, status, notes = row[: len(ROUTINE_COLUMNS)]
    return RoutineDay(
        id=routine_id,
        user_id=user_id,
        day=day,
        items=tuple(DayItem(i["exercise_id"], i["level"], i["variant"]) for i in items),
        position=position,
        status=RoutineStatus(status),
        notes=tuple(_note(note) for note in notes or ()),
    )


def _note(stored: Any) -> LevelNote | str:
    return LevelNote(**stored) if isinstance(stored, dict) else str(stored)


async def routine_for_day(session: AsyncSession, user_id: int, day: date) -> RoutineDay | None:
    row = (await session.execute(_FOR_DAY, {"person": user_id, "day": day})).first()
    return None if row is None else routine_day(row)


async def create_routine(
    session: AsyncSession,
    *,
    user_id: int,
    day: date,
    items: Sequence[DayItem],
    notes: Sequence[LevelNote],
    now: datetime,
) -> RoutineDay:
    """Fix today's list, or return the one a simultaneous press fixed a moment earlier."""
    stored_items = [
        {"exercise_id": i.exercise_id, "level": i.level, "variant": i.variant} for i in items
    ]
    stored_notes = [
        {"reason": n.reason, "exercise_id": n.exercise_id, "level": n.level, "days": n.days}
        for n in notes
    ]
    try:
        async with session.begin_nested():
            routine_id = (
                await session.execute(
                    _INSERT,
                    {
                        "user_id": user_id,
                        "local_date": day,
                        "items": stored_items,
                        "notes": stored_notes,
                        "position": 0,
                        "status": RoutineStatus.ACTIVE,
                        "started_at": now,
                    },
                )
            ).scalar_one()
    except IntegrityError:
        existing = await routine_for_day(session, user_id, day)
        assert existing is not None
        return existing
    count_event(session, ROUTINE_STARTED)
    return RoutineDay(routine_id, user_id, day, tuple(items), 0, RoutineStatus.ACTIVE, tuple(notes))


async def move_routine(
    session: AsyncSession,
    routine_id: int,
    *,
    expected_position: int,
    state: RoutineState,
    now: datetime,
) -> bool:
    """Compare-and-set on the position, like walkthrough versions: one press moves it once."""
    finished = state.status is not RoutineStatus.ACTIVE
    result = await (await session.connection()).execute(
        _MOVE,
        {
            "target": routine_id,
            "expected": expected_position,
            "active": RoutineStatus.ACTIVE,
            "new_position": state.position,
            "new_status": state.status,
            "finished_at": now if finished else None,
        },
    )
    moved = bool(result.rowcount == 1)
    if moved and finished:
        count_event(session, ROUTINE_FINISHED, state.status.value)
    return moved


async def attach_message(session: AsyncSession, routine_id: int, message_id: int) -> None:
    await session.execute(
        _ROUTINES.update().where(_ROUTINES.c.id == routine_id).values(message_id=message_id)
    )


async def tally(session: AsyncSession, routine_id: int) -> tuple[int, int]:
    """How many of the routine's exercises were done and how many skipped."""
    rows = await session.execute(_TALLY, {"target": routine_id})
    counts = {status: count for status, count in rows}
    return counts.get(Status.COMPLETED, 0), counts.get(Status.SKIPPED, 0)


async def attempts_since(session: AsyncSession, user_id: int, since: datetime) -> list[Attempt]:
    """Finished exercise runs since `since`, oldest first: the builder's and ladder's input."""
    rows = await session.execute(_ATTEMPTS, {"person": user_id, "since": since})
    return [
        Attempt(exercise_id, finished_at, Status(status), discomfort, reason, bool(in_routine))
        for exercise_id, finished_at, status, discomfort, reason, in_routine in rows
    ]


async def levels_of(session: AsyncSession, user_id: int) -> dict[str, Standing]:
    rows = await session.execute(
        select(
            _LEVELS.c.exercise_id, _LEVELS.c.level, _LEVELS.c.rest_until, _LEVELS.c.changed_on
        ).where(_LEVELS.c.user_id == user_id)
    )
    return {exercise_id: Standing(*standing) for exercise_id, *standing in rows}


async def set_levels(session: AsyncSession, user_id: int, updates: Sequence[LevelUpdate]) -> None:
    """Store each new standing: update the exercise's row, or insert it the first time."""
    connection = await session.connection()
    for update in updates:
        values = {
            "level": update.standing.level,
            "rest_until": update.standing.rest_until,
            "changed_on": update.standing.changed_on,
        }
        result = await connection.execute(
            _LEVELS.update()
            .where(_LEVELS.c.user_id == user_id, _LEVELS.c.exercise_id == update.exercise_id)
            .values(**values)
        )
        if result.rowcount != 1:
            await connection.execute(
                _LEVELS.insert().values(user_id=user_id, exercise_id=update.exercise_id, **values)
            )


_FOR_DAY = select(*ROUTINE_COLUMNS).where(
    _ROUTINES.c.user_id == bindparam("person"), _ROUTINES.c.local_date == bindparam("day")
)
_INSERT = _ROUTINES.insert().returning(_ROUTINES.c.id)
_MOVE = (
    _ROUTINES.update()
    .where(
        _ROUTINES.c.id == bindparam("target"),
        _ROUTINES.c.position == bindparam("expected"),
        _ROUTINES.c.status == bindparam("active"),
    )
    .values(
        position=bindparam("new_position"),
        status=bindparam("new_status"),
        finished_at=bindparam("finished_at", type_=UTCDateTime()),
    )
)
_TALLY = (
    select(_WALKTHROUGHS.c.status, func.count())
    .where(_WALKTHROUGHS.c.routine_id == bindparam("target"))
    .group_by(_WALKTHROUGHS.c.status)
)
_ATTEMPTS = (
    select(
        _WALKTHROUGHS.c.exercise_id,
        _WALKTHROUGHS.c.finished_at,
        _WALKTHROUGHS.c.status,
        _WALKTHROUGHS.c.discomfort,
        _WALKTHROUGHS.c.skip_reason,
        _WALKTHROUGHS.c.routine_id.is_not(None),
    )
    .where(
        _WALKTHROUGHS.c.user_id == bindparam("person"),
        _WALKTHROUGHS.c.finished_at >= bindparam("since", type_=UTCDateTime()),
        _WALKTHROUGHS.c.status.in_((Status.COMPLETED, Status.SKIPPED, Status.STOPPED)),
    )
    .order_by(_WALKTHROUGHS.c.finished_at)
)
