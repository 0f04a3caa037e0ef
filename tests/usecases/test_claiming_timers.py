"""Claiming stored timers: an end still meant is returned once; a stale one is dropped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.content import Catalogue
from bot.domain.walkthrough import Action
from bot.storage import timers
from bot.storage.database import SessionFactory
from bot.usecases import walkthrough as usecase
from bot.usecases.people import Person

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


async def _holding(sessions: SessionFactory, catalogue: Catalogue) -> usecase.Pressed:
    started = await usecase.start_exercise(
        sessions,
        catalogue,
        person=Person(1, "Ada", "en"),
        chat_id=1,
        exercise_id="wall_calf_stretch",
        now=NOW,
    )
    assert isinstance(started, usecase.Started)
    await usecase.attach_message(sessions, started.run.id, 10)
    run = started.run
    moved = await usecase.press(
        sessions,
        catalogue,
        user_id=1,
        walkthrough_id=run.id,
        version=run.version,
        action=Action.NEXT,
        value=None,
        message_id=10,
        now=NOW,
    )
    assert isinstance(moved, usecase.Pressed)
    held = await usecase.press(
        sessions,
        catalogue,
        user_id=1,
        walkthrough_id=run.id,
        version=moved.run.version,
        action=Action.TIMER,
        value=None,
        message_id=10,
        now=NOW,
    )
    assert isinstance(held, usecase.Pressed)
    assert held.timer_seconds == 30 and held.ends_at == NOW + timedelta(seconds=30)
    return held


async def test_a_due_hold_is_claimed_once_and_forgotten_once_sent(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    held = await _holding(sessions, catalogue)
    later = NOW + timedelta(seconds=30)
    assert await usecase.claim_timers(sessions, catalogue, now=later - timedelta(seconds=1)) == ()
    (ended,) = await usecase.claim_timers(sessions, catalogue, now=later)
    assert (ended.run.id, ended.seconds, ended.rest) == (held.run.id, 30, False)
    assert ended.run.position.sided and ended.run.position.side == 0
    assert await usecase.claim_timers(sessions, catalogue, now=later) == ()
    await usecase.timers_sent(sessions, (ended.timer_id,))
    async with sessions() as session:
        assert await timers.pending(session) == 0


async def test_a_hold_the_person_moved_on_from_is_dropped(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    held = await _holding(sessions, catalogue)
    await usecase.press(
        sessions,
        catalogue,
        user_id=1,
        walkthrough_id=held.run.id,
        version=held.run.version,
        action=Action.NEXT,
        value=None,
        message_id=10,
        now=NOW + timedelta(seconds=5),
    )
    assert await usecase.claim_timers(sessions, catalogue, now=NOW + timedelta(minutes=1)) == ()
    async with sessions() as session:
        assert await timers.pending(session) == 0
