"""The routine's use cases straight against a database: one call, one transaction, a result."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from bot.content import Catalogue
from bot.domain.routine_day import DayItem, LevelNote, RoutineStatus
from bot.domain.walkthrough import Action, Status, WalkthroughView
from bot.storage import routines
from bot.storage.database import SessionFactory
from bot.storage.models import Routine, Walkthrough
from bot.telegram.routine import note_text
from bot.usecases.people import Person
from bot.usecases.routine import Today, TodayKind, open_today
from bot.usecases.walkthrough import Pressed, press
from tests.storage.subscribers import subscribe

USER = 41
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
MESSAGE = 555


async def _open(sessions: SessionFactory, catalogue: Catalogue) -> Today:
    return await open_today(
        sessions,
        catalogue,
        person=Person(USER, "Ada", "en"),
        chat_id=USER,
        now=NOW,
    )


async def _press(
    sessions: SessionFactory,
    catalogue: Catalogue,
    run: WalkthroughView,
    action: Action,
    value: int | None = None,
) -> Pressed:
    pressed = await press(
        sessions,
        catalogue,
        user_id=USER,
        walkthrough_id=run.id,
        version=run.version,
        action=action,
        value=value,
        message_id=MESSAGE,
        now=NOW,
    )
    assert isinstance(pressed, Pressed), pressed
    return pressed


async def _finish(
    sessions: SessionFactory, catalogue: Catalogue, run: WalkthroughView, score: int
) -> Pressed:
    while run.position.status is Status.ACTIVE:
        run = (await _press(sessions, catalogue, run, Action.NEXT)).run
    return await _press(sessions, catalogue, run, Action.RATE, score)


async def test_opening_twice_fixes_one_list_and_continues_its_exercise(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    await subscribe(sessions, USER, NOW, at=time(20, 0))
    first = await _open(sessions, catalogue)
    assert first.kind is TodayKind.FRESH and first.routine is not None
    assert first.current is not None and first.minutes > 0
    assert first.current.run.routine_position == 0
    assert first.current.run.routine_length == len(first.routine.items)
    again = await _open(sessions, catalogue)
    assert again.kind is TodayKind.CONTINUED
    assert again.current is not None and again.current.run == first.current.run


async def test_the_rating_moves_the_routine_and_starts_the_next_in_the_same_message(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    await subscribe(sessions, USER, NOW, at=time(20, 0))
    today = await _open(sessions, catalogue)
    assert today.current is not None and today.routine is not None
    pressed = await _finish(sessions, catalogue, today.current.run, 2)
    assert pressed.run.position.status is Status.COMPLETED
    assert pressed.after is not None and pressed.after.following is not None
    following = pressed.after.following.run
    assert (following.routine_position, following.message_id) == (1, MESSAGE)
    assert following.exercise_id == today.routine.items[1].exercise_id
    async with sessions() as session:
        stored = await routines.routine_for_day(session, USER, date(2026, 3, 2))
        row = await session.get(Walkthrough, following.id)
    assert stored is not None and stored.position == 1
    assert row is not None and row.message_id == MESSAGE


async def test_severe_discomfort_ends_the_day(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    await subscribe(sessions, USER, NOW, at=time(20, 0))
    today = await _open(sessions, catalogue)
    assert today.current is not None
    pressed = await _finish(sessions, catalogue, today.current.run, 8)
    assert pressed.after is not None
    assert pressed.after.state.status is RoutineStatus.ENDED
    assert pressed.after.following is None and pressed.after.summary is None
    assert (await _open(sessions, catalogue)).kind is TodayKind.STOPPED


async def test_notes_are_codes_and_old_sentences_stay_as_they_were(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    await subscribe(sessions, USER, NOW)
    note = LevelNote("three_easy", "calf_raises", 1, 0)
    async with sessions.begin() as session:
        fixed = await routines.create_routine(
            session,
            user_id=USER,
            day=date(2026, 3, 2),
            items=[DayItem("calf_raises", 1, "standard")],
            notes=[note],
            now=NOW,
        )
        session.add(
            Routine(
                user_id=USER,
                local_date=date(2026, 3, 1),
                items=[],
                notes=["Calf raises moves up to one leg: an old sentence."],
                position=0,
                status=RoutineStatus.COMPLETED,
                started_at=NOW,
            )
        )
    async with sessions() as session:
        stored = (await session.scalars(select(Routine).where(Routine.id == fixed.id))).one()
        today = await routines.routine_for_day(session, USER, date(2026, 3, 2))
        old = await routines.routine_for_day(session, USER, date(2026, 3, 1))
    assert stored.notes == [
        {"reason": "three_easy", "exercise_id": "calf_raises", "level": 1, "days": 0}
    ]
    assert today == fixed and today.notes == (note,)
    assert old is not None
    assert [note_text(catalogue, n) for n in old.notes] == [
        "Calf raises moves up to one leg: an old sentence."
    ]
    assert note_text(catalogue, note) == (
        "Calf raises moves up to one leg: three easy sessions on three different days."
    )
