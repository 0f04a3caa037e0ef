import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.domain.walkthrough import Action, EventKind, Status, WalkthroughView, apply
from bot.storage import walkthroughs
from bot.storage.database import SessionFactory
from bot.storage.models import User, Walkthrough, WalkthroughEvent
from bot.storage.users import upsert_user

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


async def _started(sessions: SessionFactory, user_id: int = 1) -> WalkthroughView:
    async with sessions.begin() as session:
        await upsert_user(session, user_id, "Ada", "en")
        return await walkthroughs.start_walkthrough(
            session,
            user_id=user_id,
            chat_id=user_id,
            exercise_id="calf_raises",
            step_count=3,
            now=NOW,
        )


async def test_upsert_creates_then_refreshes_and_reactivates(sessions: SessionFactory) -> None:
    async with sessions.begin() as session:
        await upsert_user(session, 7, "Ada", "en")
    async with sessions.begin() as session:
        user = await session.get(User, 7)
        assert user is not None
        user.active = False
    async with sessions.begin() as session:
        await upsert_user(session, 7, "Ada L.", "de")
    async with sessions() as session:
        user = await session.get(User, 7)
        assert user is not None
        # The language is set on first contact only: after that the person's choice stands.
        assert (user.first_name, user.language, user.active) == ("Ada L.", "en", True)
        assert user.created_at is not None


async def test_timestamps_come_back_aware_in_utc(sessions: SessionFactory) -> None:
    started = await _started(sessions)
    async with sessions() as session:
        loaded = await session.get(Walkthrough, started.id)
        assert loaded is not None
        assert loaded.started_at == NOW
        assert loaded.started_at.tzinfo is not None


async def test_advance_stores_position_and_events(sessions: SessionFactory) -> None:
    started = await _started(sessions)
    move = apply(started.position, Action.NEXT)
    async with sessions.begin() as session:
        loaded = await walkthroughs.get_walkthrough(session, started.id)
        assert loaded == started
        stored = await walkthroughs.advance(
            session,
            loaded,
            position=move.position,
            events=move.events,
            now=NOW + timedelta(seconds=5),
        )
    assert stored
    async with sessions() as session:
        loaded = await walkthroughs.get_walkthrough(session, started.id)
        assert loaded is not None
        assert (loaded.position.step, loaded.version) == (1, 1)
        assert loaded.position.status is Status.ACTIVE
        kinds = [event.kind for event in await walkthroughs.events_of(session, started.id)]
    assert kinds == [EventKind.STARTED, EventKind.DONE_STEP]


async def test_two_simultaneous_presses_are_recorded_once(sessions: SessionFactory) -> None:
    started = await _started(sessions)
    move = apply(started.position, Action.NEXT)

    async def press() -> bool:
        """Each press read version 0 (the view `started`): only one may store its move."""
        async with sessions.begin() as session:
            return await walkthroughs.advance(
                session,
                started,
                position=move.position,
                events=move.events,
                now=NOW,
            )

    results = await asyncio.gather(press(), press(), press())
    assert sorted(results) == [False, False, True]
    async with sessions() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(WalkthroughEvent)
            .where(WalkthroughEvent.kind == EventKind.DONE_STEP)
        )
        loaded = await walkthroughs.get_walkthrough(session, started.id)
    assert count == 1
    assert loaded is not None and loaded.version == 1


async def test_deleting_a_user_deletes_their_walkthroughs(sessions: SessionFactory) -> None:
    await _started(sessions, user_id=5)
    async with sessions.begin() as session:
        user = await session.get(User, 5)
        await session.delete(user)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Walkthrough)) == 0
        assert await session.scalar(select(func.count()).select_from(WalkthroughEvent)) == 0
