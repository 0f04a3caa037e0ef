"""Stored timers on both databases: claimed once when due, again only after the lease."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import timers, walkthroughs
from bot.storage.database import SessionFactory
from bot.storage.timers import TimerKind
from bot.storage.users import upsert_user

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
LEASE = timedelta(seconds=60)


async def _timer(sessions: SessionFactory, user_id: int, seconds: int) -> int:
    async with sessions.begin() as session:
        await upsert_user(session, user_id, "Ada", "en")
        run = await walkthroughs.start_walkthrough(
            session,
            user_id=user_id,
            chat_id=user_id,
            exercise_id="soleus_stretch",
            step_count=2,
            now=NOW,
            set_count=3,
        )
        await timers.start_timer(
            session,
            walkthrough_id=run.id,
            version=run.version,
            kind=TimerKind.HOLD,
            seconds=seconds,
            due_at=NOW + timedelta(seconds=seconds),
            now=NOW,
        )
    return run.id


async def _claim(sessions: SessionFactory, now: datetime) -> list[timers.DueTimer]:
    async with sessions.begin() as session:
        return await timers.claim_due(session, now=now, lease_until=now + LEASE, batch=100)


async def test_a_timer_is_claimed_when_due_and_once(sessions: SessionFactory) -> None:
    walkthrough_id = await _timer(sessions, 1, 30)
    assert await _claim(sessions, NOW + timedelta(seconds=29)) == []
    (due,) = await _claim(sessions, NOW + timedelta(seconds=30))
    assert (due.walkthrough_id, due.version, due.kind, due.seconds) == (
        walkthrough_id,
        0,
        TimerKind.HOLD,
        30,
    )
    assert await _claim(sessions, NOW + timedelta(seconds=31)) == []  # leased


async def test_a_claim_whose_process_died_fires_again_after_its_lease(
    sessions: SessionFactory,
) -> None:
    await _timer(sessions, 1, 30)
    (first,) = await _claim(sessions, NOW + timedelta(seconds=30))
    (again,) = await _claim(sessions, NOW + timedelta(seconds=30) + LEASE)
    assert again.id == first.id
    async with sessions.begin() as session:
        await timers.finish(session, [again.id])
        assert await timers.pending(session) == 0
    assert await _claim(sessions, NOW + timedelta(hours=1)) == []


async def test_oldest_first_in_batches_and_concurrent_claims_split_the_rows(
    sessions: SessionFactory,
) -> None:
    for user_id in range(1, 7):
        await _timer(sessions, user_id, 10 + user_id)
    later = NOW + timedelta(minutes=5)
    async with sessions.begin() as session:
        first = await timers.claim_due(session, now=later, lease_until=later + LEASE, batch=2)
    assert [due.seconds for due in first] == [11, 12]
    claims = await asyncio.gather(*(_claim(sessions, later) for _ in range(3)))
    ids = [due.id for claim in claims for due in claim]
    assert len(ids) == len(set(ids)) == 4
