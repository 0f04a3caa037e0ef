"""Putting history straight into the database: finished walkthroughs, pauses, a whole life.

Progress, export and forget tests need weeks of history; running weeks of walkthroughs through
the bot would test the walkthrough again, slowly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.domain.walkthrough import EventKind, Status
from bot.storage.database import SessionFactory
from bot.storage.models import (
    Broadcast,
    Delivery,
    ExerciseLevel,
    InboxUpdate,
    Pause,
    Routine,
    Timer,
    Walkthrough,
    WalkthroughEvent,
)


def walkthrough(
    user_id: int,
    exercise_id: str,
    finished_at: datetime,
    *,
    discomfort: int | None = None,
    status: str = Status.COMPLETED,
    level: int = 0,
    variant: str = "standard",
    skip_reason: str | None = None,
    routine_id: int | None = None,
    minutes: int = 5,
) -> Walkthrough:
    started_at = finished_at - timedelta(minutes=minutes)
    return Walkthrough(
        user_id=user_id,
        chat_id=user_id,
        exercise_id=exercise_id,
        step=0,
        step_count=3,
        status=status,
        version=3,
        discomfort=discomfort,
        level=level,
        variant=variant,
        skip_reason=skip_reason,
        routine_id=routine_id,
        started_at=started_at,
        updated_at=finished_at,
        finished_at=finished_at,
    )


async def add(sessions: SessionFactory, *rows: object) -> None:
    async with sessions.begin() as session:
        session.add_all(rows)


async def a_whole_life(sessions: SessionFactory, user_id: int, now: datetime) -> None:
    """A row about `user_id` in every table (the person must already have a subscription)."""
    async with sessions.begin() as session:
        routine = Routine(
            user_id=user_id,
            local_date=now.date(),
            items=[{"exercise_id": "calf_raises", "level": 0, "variant": "standard"}],
            position=0,
            status="active",
            notes=[],
            started_at=now,
        )
        session.add(routine)
        await session.flush()
        done = walkthrough(user_id, "calf_raises", now, discomfort=2, routine_id=routine.id)
        alone = walkthrough(user_id, "toe_curls", now - timedelta(days=1), discomfort=1)
        session.add_all([done, alone])
        await session.flush()
        session.add_all(
            [
                WalkthroughEvent(
                    walkthrough_id=done.id, kind=EventKind.FINISHED, step=2, value=None, at=now
                ),
                WalkthroughEvent(
                    walkthrough_id=alone.id, kind=EventKind.DISCOMFORT, step=2, value=1, at=now
                ),
                Delivery(
                    user_id=user_id,
                    local_date=now.date(),
                    slot="daily",
                    state="sent",
                    due_at=now,
                    attempts=1,
                ),
                Pause(user_id=user_id, started_at=now - timedelta(days=9), until=now, frozen=False),
                ExerciseLevel(
                    user_id=user_id, exercise_id="calf_raises", level=1, changed_on=date(2026, 3, 1)
                ),
                Timer(
                    walkthrough_id=alone.id,
                    version=1,
                    kind="hold",
                    seconds=30,
                    state="due",
                    # Due tomorrow: a running bot's 1 s timer tick would otherwise fire (and
                    # delete) a timer due "now" in the middle of a test that counts rows.
                    due_at=now + timedelta(days=1),
                    created_at=now,
                ),
                InboxUpdate(
                    update_id=-user_id,  # clear of the ids a test's sandbox hands out
                    kind="message",
                    lane=user_id,
                    chat_id=user_id,
                    user_id=user_id,
                    payload={"update_id": -user_id, "message": {"text": "/today"}},
                    status="parked",  # a dead letter keeps the person's update
                    attempts=1,
                    received_at=now,
                    done_at=now,
                    error="KeyError: 'chat'",
                ),
                Broadcast(  # the person as an operator: their broadcast's audit row
                    user_id=user_id,
                    chat_id=user_id,
                    text="Hello all",
                    state="done",
                    created_at=now,
                    recipients=0,
                    sent=0,
                    blocked=0,
                    failed=0,
                ),
            ]
        )
