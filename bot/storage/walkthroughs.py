"""Queries for walkthroughs: start one, read it, and move it forward exactly once.

Moving forward is a compare-and-set on `version`: two presses of the same button that arrive
together (or in two bot processes) both read version v, but only one update matches
`version = v`, so the press is recorded once and the other is told it is stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.walkthrough import FINISHED, EventKind, Position, Status
from bot.storage.models import (
    Routine,
    Subscription,
    UTCDateTime,
    Walkthrough,
    WalkthroughEvent,
)


async def start_walkthrough(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    exercise_id: str,
    step_count: int,
    now: datetime,
    routine_id: int | None = None,
    position: int | None = None,
    level: int = 0,
    variant: str = "standard",
) -> Walkthrough:
    walkthrough = Walkthrough(
        user_id=user_id,
        chat_id=chat_id,
        exercise_id=exercise_id,
        routine_id=routine_id,
        position=position,
        level=level,
        variant=variant,
        step=0,
        step_count=step_count,
        status=Status.ACTIVE,
        version=0,
        started_at=now,
        updated_at=now,
    )
    session.add(walkthrough)
    await session.flush()
    session.add(_event(walkthrough.id, EventKind.STARTED, 0, None, now))
    return walkthrough


async def get_walkthrough(session: AsyncSession, walkthrough_id: int) -> Walkthrough | None:
    return await session.get(Walkthrough, walkthrough_id)


async def load_for_press(
    session: AsyncSession, walkthrough_id: int
) -> tuple[Walkthrough, Routine | None, str | None] | None:
    """The walkthrough, its routine and the person's zone in one query: a press is hot."""
    row = (await session.execute(_LOAD_FOR_PRESS, {"target": walkthrough_id})).first()
    return None if row is None else (row[0], row[1], row[2])


def position_of(walkthrough: Walkthrough) -> Position:
    return Position(
        step=walkthrough.step,
        step_count=walkthrough.step_count,
        status=Status(walkthrough.status),
        discomfort=walkthrough.discomfort,
    )


async def attach_message(session: AsyncSession, walkthrough_id: int, message_id: int) -> None:
    await session.execute(
        update(Walkthrough).where(Walkthrough.id == walkthrough_id).values(message_id=message_id)
    )


async def advance(
    session: AsyncSession,
    walkthrough: Walkthrough,
    *,
    expected_version: int,
    position: Position,
    events: Iterable[EventKind],
    now: datetime,
    timer_step: int | None = None,
    skip_reason: str | None = None,
) -> bool:
    """Store `position` if nobody moved the walkthrough since `expected_version` was read."""
    finished = position.status in FINISHED
    connection = await session.connection()
    result = await connection.execute(
        _ADVANCE,
        {
            "target": walkthrough.id,
            "expected": expected_version,
            "new_step": position.step,
            "new_status": position.status,
            "new_discomfort": position.discomfort,
            "new_timer_step": timer_step,
            "new_skip_reason": skip_reason,
            "new_version": expected_version + 1,
            "now": now,
            "finished_at": now if finished else None,
        },
    )
    if result.rowcount != 1:
        return False
    rows = [
        _event_row(walkthrough.id, kind, walkthrough.step, position.discomfort, now)
        for kind in events
    ]
    if rows:
        await connection.execute(_INSERT_EVENT, rows)
    return True


# Built once: a button press runs these, and building a statement costs more than running it.
# Core statements on the table, not the ORM: nothing in the session needs to track the rows.
_WALKTHROUGHS = Walkthrough.__table__
_ADVANCE = (
    _WALKTHROUGHS.update()
    .where(
        _WALKTHROUGHS.c.id == bindparam("target"),
        _WALKTHROUGHS.c.version == bindparam("expected"),
    )
    .values(
        step=bindparam("new_step"),
        status=bindparam("new_status"),
        discomfort=bindparam("new_discomfort"),
        timer_step=bindparam("new_timer_step"),
        skip_reason=bindparam("new_skip_reason"),
        version=bindparam("new_version"),
        updated_at=bindparam("now", type_=UTCDateTime()),
        finished_at=bindparam("finished_at", type_=UTCDateTime()),
    )
)
_INSERT_EVENT = WalkthroughEvent.__table__.insert()
_LOAD_FOR_PRESS = (
    select(Walkthrough, Routine, Subscription.time_zone)
    .outerjoin(Routine, Routine.id == Walkthrough.routine_id)
    .outerjoin(Subscription, Subscription.user_id == Walkthrough.user_id)
    .where(Walkthrough.id == bindparam("target"))
)


async def record_event(
    session: AsyncSession, walkthrough_id: int, kind: EventKind, step: int, now: datetime
) -> None:
    session.add(_event(walkthrough_id, kind, step, None, now))
    await session.flush()


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


def _event(
    walkthrough_id: int, kind: EventKind, step: int, value: int | None, now: datetime
) -> WalkthroughEvent:
    return WalkthroughEvent(
        walkthrough_id=walkthrough_id,
        kind=kind,
        step=step,
        value=value if kind is EventKind.DISCOMFORT else None,
        at=now,
    )
