"""Claiming stored timers: an end still meant is returned once; a stale one is dropped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.content import Catalogue
from bot.domain.walkthrough import AUTO_HOLD_LEAD_SECONDS, FIRST_HOLD_LEAD_SECONDS, Action
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
    # the hold's step arrived: its hold starts by itself after the first hold's lead
    assert moved.timer_seconds == 30
    assert moved.ends_at == NOW + timedelta(seconds=FIRST_HOLD_LEAD_SECONDS + 30)
    held = await usecase.press(  # "Start now"
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


async def test_a_due_hold_moves_on_by_itself_once_and_is_forgotten_once_sent(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    held = await _holding(sessions, catalogue)
    later = NOW + timedelta(seconds=30)
    assert await usecase.claim_timers(sessions, catalogue, now=later - timedelta(seconds=1)) == ()
    (ended,) = await usecase.claim_timers(sessions, catalogue, now=later)
    assert (ended.run.id, ended.seconds, ended.rest) == (held.run.id, 30, False)
    # the right foot's hold is over: the left foot's hold (step 2) runs, a few seconds later
    assert ended.before is not None and ended.before.position.side == 0
    assert ended.run.version == held.run.version + 1
    assert (ended.run.position.step, ended.run.position.side) == (1, 1)
    assert ended.passed == (2, 0) and ended.holding and not ended.stayed
    assert ended.started is not None
    lead = timedelta(seconds=AUTO_HOLD_LEAD_SECONDS + 30)
    assert ended.started.due_at == later + lead
    assert await usecase.claim_timers(sessions, catalogue, now=later) == ()
    await usecase.timers_sent(sessions, (ended.timer_id,))
    async with sessions() as session:
        assert await timers.pending(session) == 1  # the left foot's hold
    (left,) = await usecase.claim_timers(sessions, catalogue, now=later + lead)
    assert (left.run.position.set_index, left.run.position.side) == (1, 0)  # set 2, right


async def test_a_move_stored_by_a_tick_that_died_is_shown_by_the_next(
    sessions: SessionFactory, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(usecase, "TIMER_LEASE", timedelta(seconds=10))
    await _holding(sessions, catalogue)
    later = NOW + timedelta(seconds=30)
    (ended,) = await usecase.claim_timers(sessions, catalogue, now=later)
    # no timers_sent: the process died before the new screen went out
    (shown,) = await usecase.claim_timers(sessions, catalogue, now=later + timedelta(seconds=10))
    assert shown.timer_id == ended.timer_id and shown.before is None
    assert shown.run.version == ended.run.version  # shown again, not moved twice
    assert shown.started == ended.started


async def test_a_tick_late_past_two_ends_shows_only_the_newest_screen(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    held = await _holding(sessions, catalogue)
    later = NOW + timedelta(seconds=30)
    (_ended,) = await usecase.claim_timers(sessions, catalogue, now=later)
    # died before sending; the next tick comes after the left foot's hold is over too
    (shown,) = await usecase.claim_timers(sessions, catalogue, now=later + usecase.TIMER_LEASE)
    assert shown.run.version == held.run.version + 2
    assert (shown.run.position.set_index, shown.run.position.side) == (1, 0)
    assert shown.before is not None and shown.before.message_id == 10  # closed: no dead buttons
    async with sessions() as session:
        assert await timers.pending(session) == 2  # this end (leased) and set 2's hold


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
