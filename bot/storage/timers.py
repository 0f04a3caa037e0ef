"""Stored timers: a hold or a rest is a row with the instant it ends, claimed when it is due.

Like reminders, the database is the schedule and the clock's tick only a trigger: a claim sets a
lease in one transaction (``FOR UPDATE SKIP LOCKED`` lets several processes on one PostgreSQL
split the due rows; SQLite ignores it, one process per file being the rule), the end is sent
after the commit, and the row is deleted once sent. A process that dies in between leaves a
claimed row whose lease expires, and the next tick fires it again: at least once, late rather
than never.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Timer

_timers = Timer.__table__


class TimerKind(StrEnum):
    HOLD = "hold"
    REST = "rest"


class TimerState(StrEnum):
    DUE = "due"  # waiting for its instant
    CLAIMED = "claimed"  # taken by a tick, leased until `lease_until`
    MOVED = "moved"  # its end moved the walkthrough on (stored); the new screen is to be sent


@dataclass(frozen=True, slots=True)
class DueTimer:
    id: int
    walkthrough_id: int
    version: int
    kind: TimerKind
    seconds: int
    due_at: datetime
    moved: bool = False
    """The walkthrough already moved on at this timer's end (version + 1): only the new screen
    is still to be sent (a tick that claimed it died before it was sent)."""


@dataclass(frozen=True, slots=True)
class Running:
    """A timer of a walkthrough's current version that has not ended yet."""

    kind: TimerKind
    seconds: int
    due_at: datetime


async def start_timer(
    session: AsyncSession,
    *,
    walkthrough_id: int,
    version: int,
    kind: TimerKind,
    seconds: int,
    due_at: datetime,
    now: datetime,
) -> None:
    """Store a timer for one version of a walkthrough (each press makes a new version)."""
    await (await session.connection()).execute(
        _timers.insert(),
        {
            "walkthrough_id": walkthrough_id,
            "version": version,
            "kind": kind,
            "seconds": seconds,
            "state": TimerState.DUE,
            "due_at": due_at,
            "lease_until": None,
            "created_at": now,
        },
    )


async def drop_superseded(session: AsyncSession, walkthrough_id: int, version: int) -> None:
    """Forget the waiting timers of older versions of a walkthrough (a hold whose "get ready"
    was cut short by "Start now", say): they could only be dropped as stale when due."""
    await session.execute(
        delete(Timer).where(
            Timer.walkthrough_id == walkthrough_id,
            Timer.version < version,
            Timer.state == TimerState.DUE,
        )
    )


async def claim_due(
    session: AsyncSession, *, now: datetime, lease_until: datetime, batch: int
) -> list[DueTimer]:
    """Lease up to `batch` timers whose instant has come (or whose lease ran out), oldest first."""
    due = or_(
        and_(_timers.c.state == TimerState.DUE, _timers.c.due_at <= now),
        and_(
            _timers.c.state.in_([TimerState.CLAIMED, TimerState.MOVED]),
            _timers.c.lease_until <= now,
        ),
    )
    rows = (
        await session.execute(
            select(
                _timers.c.id,
                _timers.c.walkthrough_id,
                _timers.c.version,
                _timers.c.kind,
                _timers.c.seconds,
                _timers.c.due_at,
                _timers.c.state,
            )
            .where(due)
            .order_by(_timers.c.due_at, _timers.c.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    ).all()
    if not rows:
        return []
    await session.execute(
        update(Timer)
        .where(Timer.id.in_([row.id for row in rows]))
        .values(
            state=case(
                (Timer.state == TimerState.MOVED, TimerState.MOVED), else_=TimerState.CLAIMED
            ),
            lease_until=lease_until,
        )
    )
    return [
        DueTimer(
            row.id,
            row.walkthrough_id,
            row.version,
            TimerKind(row.kind),
            row.seconds,
            row.due_at,
            moved=row.state == TimerState.MOVED,
        )
        for row in rows
    ]


async def mark_moved(session: AsyncSession, timer_id: int) -> None:
    """The timer's end moved its walkthrough on: what is left is to send the new screen."""
    await session.execute(update(Timer).where(Timer.id == timer_id).values(state=TimerState.MOVED))


async def running(
    session: AsyncSession, walkthrough_id: int, version: int, now: datetime
) -> Running | None:
    """The timer of this version of the walkthrough, if it is still counting at `now`."""
    row = (
        await session.execute(
            select(_timers.c.kind, _timers.c.seconds, _timers.c.due_at).where(
                _timers.c.walkthrough_id == walkthrough_id,
                _timers.c.version == version,
                _timers.c.state == TimerState.DUE,
                _timers.c.due_at > now,
            )
        )
    ).first()
    return None if row is None else Running(TimerKind(row.kind), row.seconds, row.due_at)


async def finish(session: AsyncSession, timer_ids: Sequence[int]) -> None:
    """Forget timers whose end was sent (or had nothing left to say)."""
    if timer_ids:
        await session.execute(delete(Timer).where(Timer.id.in_(list(timer_ids))))


async def pending(session: AsyncSession) -> int:
    """How many timers are stored (tests and diagnostics)."""
    return len((await session.execute(select(_timers.c.id))).all())
