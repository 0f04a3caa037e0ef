"""Queries for walkthroughs: start one, read it, and move it forward exactly once.

Moving forward is a compare-and-set on `version`: two presses of the same button that arrive
together (or in two bot processes) both read version v, but only one update matches
`version = v`, so the press is recorded once and the other is told it is stale.

Reads return frozen `WalkthroughView`s, not ORM rows: a press is the hot path, and a Core row
turned into a small frozen value costs less than an entity the session tracks, and cannot be
patched by hand afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.routine_day import RoutineDay
from bot.domain.walkthrough import FINISHED, EventKind, Position, Status, WalkthroughView
from bot.storage.models import (
    Routine,
    Subscription,
    UTCDateTime,
    Walkthrough,
    WalkthroughEvent,
)
from bot.storage.routines import ROUTINE_COLUMNS, routine_day


async def start_walkthrough(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    exercise_id: str,
    step_count: int,
    now: datetime,
    message_id: int | None = None,
    routine_id: int | None = None,
    position: int | None = None,
    routine_length: int | None = None,
    level: int = 0,
    variant: str = "standard",
    set_count: int = 1,
    start_key: str | None = None,
) -> WalkthroughView:
    """Insert a walkthrough at step 1 and its "started" event; `message_id` when it is known,
    `start_key` (the press that started it) to let a redelivery of that press find it."""
    connection = await session.connection()
    walkthrough_id = (
        await connection.execute(
            _INSERT,
            {
                "user_id": user_id,
                "chat_id": chat_id,
                "message_id": message_id,
                "exercise_id": exercise_id,
                "routine_id": routine_id,
                "position": position,
                "level": level,
                "variant": variant,
                "step": 0,
                "step_count": step_count,
                "set_index": 0,
                "set_count": set_count,
                "side": 0,
                "status": Status.ACTIVE,
                "version": 0,
                "start_key": start_key,
                "started_at": now,
                "updated_at": now,
            },
        )
    ).scalar_one()
    await connection.execute(
        _INSERT_EVENT, [_event_row(walkthrough_id, EventKind.STARTED, 0, None, now)]
    )
    return WalkthroughView(
        id=walkthrough_id,
        user_id=user_id,
        chat_id=chat_id,
        exercise_id=exercise_id,
        version=0,
        position=Position(0, step_count, set_count=set_count),
        message_id=message_id,
        level=level,
        variant=variant,
        routine_id=routine_id,
        routine_position=position,
        routine_length=routine_length,
    )


async def started_by(session: AsyncSession, user_id: int, start_key: str) -> WalkthroughView | None:
    """The walkthrough this person's press `start_key` started, if it did."""
    found = await session.scalar(
        select(_WALKTHROUGHS.c.id).where(
            _WALKTHROUGHS.c.user_id == user_id, _WALKTHROUGHS.c.start_key == start_key
        )
    )
    return None if found is None else await get_walkthrough(session, found)


async def get_walkthrough(
    session: AsyncSession, walkthrough_id: int, routine_length: int | None = None
) -> WalkthroughView | None:
    row = (await session.execute(_GET, {"target": walkthrough_id})).first()
    return None if row is None else view_of(row, routine_length)


async def load_for_press(
    session: AsyncSession, walkthrough_id: int
) -> tuple[WalkthroughView, RoutineDay | None, str | None] | None:
    """The walkthrough, its routine and the person's zone in one query: a press is hot."""
    row = (await session.execute(_LOAD_FOR_PRESS, {"target": walkthrough_id})).first()
    if row is None:
        return None
    has_routine = row[_WALKTHROUGH_WIDTH] is not None  # the routine's id, after an outer join
    routine = routine_day(row[_WALKTHROUGH_WIDTH:]) if has_routine else None
    length = len(routine.items) if routine is not None else None
    return view_of(row, length), routine, row[-1]


def view_of(row: Any, routine_length: int | None = None) -> WalkthroughView:
    """A frozen walkthrough from a row that starts with `WALKTHROUGH_COLUMNS`."""
    (
        walkthrough_id,
        user_id,
        chat_id,
        message_id,
        exercise_id,
        step,
        step_count,
        status,
        version,
        discomfort,
        routine_id,
        position,
        level,
        variant,
        set_index,
        set_count,
        side,
    ) = row[:_WALKTHROUGH_WIDTH]
    return WalkthroughView(
        id=walkthrough_id,
        user_id=user_id,
        chat_id=chat_id,
        exercise_id=exercise_id,
        version=version,
        position=Position(
            step,
            step_count,
            Status(status),
            discomfort,
            set_index=set_index,
            set_count=set_count,
            side=side,
        ),
        message_id=message_id,
        level=level,
        variant=variant,
        routine_id=routine_id,
        routine_position=position,
        routine_length=routine_length if routine_id is not None else None,
    )


async def current_run(session: AsyncSession, routine: RoutineDay) -> WalkthroughView | None:
    """The latest walkthrough of the routine's current exercise, if one was started."""
    row = (
        await session.execute(_CURRENT, {"routine": routine.id, "position": routine.position})
    ).first()
    return None if row is None else view_of(row, len(routine.items))


async def attach_message(session: AsyncSession, walkthrough_id: int, message_id: int) -> None:
    await (await session.connection()).execute(
        _ATTACH, {"target": walkthrough_id, "new_message": message_id}
    )


async def advance(
    session: AsyncSession,
    walkthrough: WalkthroughView,
    *,
    position: Position,
    events: Iterable[EventKind],
    now: datetime,
    timer_step: int | None = None,
    skip_reason: str | None = None,
) -> bool:
    """Store `position` if nobody moved `walkthrough` since it was read (its version)."""
    finished = position.status in FINISHED
    connection = await session.connection()
    result = await connection.execute(
        _ADVANCE,
        {
            "target": walkthrough.id,
            "expected": walkthrough.version,
            "new_step": position.step,
            "new_set_index": position.set_index,
            "new_side": position.side,
            "new_status": position.status,
            "new_discomfort": position.discomfort,
            "new_timer_step": timer_step,
            "new_skip_reason": skip_reason,
            "new_version": walkthrough.version + 1,
            "now": now,
            "finished_at": now if finished else None,
        },
    )
    if result.rowcount != 1:
        return False
    step = walkthrough.position.step
    rows = [_event_row(walkthrough.id, kind, step, position.discomfort, now) for kind in events]
    if rows:
        await connection.execute(_INSERT_EVENT, rows)
    return True


async def record_event(
    session: AsyncSession, walkthrough_id: int, kind: EventKind, step: int, now: datetime
) -> None:
    await (await session.connection()).execute(
        _INSERT_EVENT, [_event_row(walkthrough_id, kind, step, None, now)]
    )


async def events_of(session: AsyncSession, walkthrough_id: int) -> list[WalkthroughEvent]:
    rows = await session.scalars(
        select(WalkthroughEvent)
        .where(WalkthroughEvent.walkthrough_id == walkthrough_id)
        .order_by(WalkthroughEvent.id)
    )
    return list(rows)


def _event_row(
    walkthrough_id: int, kind: EventKind, step: int, value: int | None, now: datetime
) -> dict[str, object]:
    return {
        "walkthrough_id": walkthrough_id,
        "kind": kind,
        "step": step,
        "value": value if kind is EventKind.DISCOMFORT else None,
        "at": now,
    }


# Built once: a button press runs these, and building a statement costs more than running it.
# Core statements on the table, not the ORM: nothing in the session needs to track the rows.
_WALKTHROUGHS = Walkthrough.__table__
_ROUTINES = Routine.__table__
_SUBSCRIPTIONS = Subscription.__table__
WALKTHROUGH_COLUMNS = (
    _WALKTHROUGHS.c.id,
    _WALKTHROUGHS.c.user_id,
    _WALKTHROUGHS.c.chat_id,
    _WALKTHROUGHS.c.message_id,
    _WALKTHROUGHS.c.exercise_id,
    _WALKTHROUGHS.c.step,
    _WALKTHROUGHS.c.step_count,
    _WALKTHROUGHS.c.status,
    _WALKTHROUGHS.c.version,
    _WALKTHROUGHS.c.discomfort,
    _WALKTHROUGHS.c.routine_id,
    _WALKTHROUGHS.c.position,
    _WALKTHROUGHS.c.level,
    _WALKTHROUGHS.c.variant,
    _WALKTHROUGHS.c.set_index,
    _WALKTHROUGHS.c.set_count,
    _WALKTHROUGHS.c.side,
)
_WALKTHROUGH_WIDTH = len(WALKTHROUGH_COLUMNS)
_INSERT = _WALKTHROUGHS.insert().returning(_WALKTHROUGHS.c.id)
_ADVANCE = (
    _WALKTHROUGHS.update()
    .where(
        _WALKTHROUGHS.c.id == bindparam("target"),
        _WALKTHROUGHS.c.version == bindparam("expected"),
    )
    .values(
        step=bindparam("new_step"),
        set_index=bindparam("new_set_index"),
        side=bindparam("new_side"),
        status=bindparam("new_status"),
        discomfort=bindparam("new_discomfort"),
        timer_step=bindparam("new_timer_step"),
        skip_reason=bindparam("new_skip_reason"),
        version=bindparam("new_version"),
        updated_at=bindparam("now", type_=UTCDateTime()),
        finished_at=bindparam("finished_at", type_=UTCDateTime()),
    )
)
_ATTACH = (
    _WALKTHROUGHS.update()
    .where(_WALKTHROUGHS.c.id == bindparam("target"))
    .values(message_id=bindparam("new_message"))
)
_INSERT_EVENT = WalkthroughEvent.__table__.insert()
_GET = select(*WALKTHROUGH_COLUMNS).where(_WALKTHROUGHS.c.id == bindparam("target"))
_CURRENT = (
    select(*WALKTHROUGH_COLUMNS)
    .where(
        _WALKTHROUGHS.c.routine_id == bindparam("routine"),
        _WALKTHROUGHS.c.position == bindparam("position"),
    )
    .order_by(_WALKTHROUGHS.c.id.desc())
    .limit(1)
)
_LOAD_FOR_PRESS = (
    select(*WALKTHROUGH_COLUMNS, *ROUTINE_COLUMNS, _SUBSCRIPTIONS.c.time_zone)
    .outerjoin(_ROUTINES, _ROUTINES.c.id == _WALKTHROUGHS.c.routine_id)
    .outerjoin(_SUBSCRIPTIONS, _SUBSCRIPTIONS.c.user_id == _WALKTHROUGHS.c.user_id)
    .where(_WALKTHROUGHS.c.id == bindparam("target"))
)
