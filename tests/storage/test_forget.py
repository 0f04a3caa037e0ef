"""/forget at the storage level, on SQLite and PostgreSQL: no row about the person survives."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.storage.database import SessionFactory
from bot.storage.forget import forget_user, uncovered_tables
from bot.storage.models import Base, Timer, Walkthrough, WalkthroughEvent
from bot.usecases.forget import Forgotten, forget
from tests.storage.history_rows import a_whole_life
from tests.storage.subscribers import subscribe

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
FORGOTTEN, KEPT = 11, 12


async def rows_about(sessions: SessionFactory, user_id: int) -> dict[str, int]:
    """Rows referring to the person, per table, found independently of the code under test.

    Every table must be recognised here: a new table fails this until the test knows how a
    row in it refers to a person.
    """
    async with sessions() as session:
        walkthrough_ids = list(
            await session.scalars(select(Walkthrough.id).where(Walkthrough.user_id == user_id))
        )
        counts: dict[str, int] = {}
        for table in Base.metadata.sorted_tables:
            if table.info.get("about_nobody"):
                continue  # a shared rate limit: names nobody
            if table.name == "users":
                condition = table.c.id == user_id
            elif "user_id" in table.c:
                condition = table.c.user_id == user_id
            elif table is WalkthroughEvent.__table__ or table is Timer.__table__:
                condition = table.c.walkthrough_id.in_(walkthrough_ids or [-1])
            else:
                raise AssertionError(f"table {table.name}: how does a row name a person?")
            counts[table.name] = (
                await session.scalar(select(func.count()).select_from(table).where(condition)) or 0
            )
    return counts


async def test_forget_deletes_every_row_about_the_person_and_nobody_elses(
    sessions: SessionFactory,
) -> None:
    for user_id in (FORGOTTEN, KEPT):
        await subscribe(sessions, user_id, NOW)
        await a_whole_life(sessions, user_id, NOW)
    before = await rows_about(sessions, FORGOTTEN)
    assert all(before.values()), f"the fixture misses a table: {before}"
    kept_before = await rows_about(sessions, KEPT)

    async with sessions.begin() as session:
        deleted = await forget_user(session, FORGOTTEN)

    assert deleted == sum(before.values())
    assert set((await rows_about(sessions, FORGOTTEN)).values()) == {0}
    assert await rows_about(sessions, KEPT) == kept_before


async def test_forgetting_twice_or_a_stranger_is_harmless(sessions: SessionFactory) -> None:
    await subscribe(sessions, FORGOTTEN, NOW)
    async with sessions.begin() as session:
        assert await forget_user(session, FORGOTTEN) == 2  # the user and the subscription
    async with sessions.begin() as session:
        assert await forget_user(session, FORGOTTEN) == 0
        assert await forget_user(session, 999) == 0


def test_every_table_is_covered() -> None:
    assert uncovered_tables() == []


async def test_the_use_case_forgets_in_one_go(sessions: SessionFactory) -> None:
    await subscribe(sessions, FORGOTTEN, NOW)
    await a_whole_life(sessions, FORGOTTEN, NOW)
    before = await rows_about(sessions, FORGOTTEN)

    assert await forget(sessions, FORGOTTEN) == Forgotten(rows=sum(before.values()))
    assert set((await rows_about(sessions, FORGOTTEN)).values()) == {0}
    assert await forget(sessions, FORGOTTEN) == Forgotten(rows=0)
