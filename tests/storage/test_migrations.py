import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.database import create_engine
from bot.storage.migrate import head_revisions, upgrade
from bot.storage.models import Base


async def test_migrations_create_every_table_and_run_twice(engine: AsyncEngine) -> None:
    await upgrade(engine)  # a second upgrade is a no-op
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert {"users", "walkthroughs", "walkthrough_events", "alembic_version"} <= tables


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    def diff(sync_connection: Connection) -> list[object]:
        return compare_metadata(MigrationContext.configure(sync_connection), Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrading_keeps_existing_rows(database_url: str) -> None:
    """A deployed bot upgrades in place: rows written by 0002 survive 0003's new columns."""
    from sqlalchemy import text

    from bot.storage.database import create_engine

    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0002")
        async with engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO users (id, first_name, active) VALUES (1, 'Ada', true)")
            )
            await connection.execute(
                text(
                    "INSERT INTO walkthroughs (user_id, exercise_id, chat_id, step, step_count,"
                    " status, version, started_at, updated_at) VALUES (1, 'calf_raises', 1, 0,"
                    " 4, 'active', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT level, variant FROM walkthroughs"))).all()
        assert [tuple(row) for row in rows] == [(0, "standard")]
    finally:
        await engine.dispose()


async def test_walkthroughs_before_sets_and_sides_keep_working(database_url: str) -> None:
    """Rows from before 0005 are on the first set and side of a one-set walk."""
    from sqlalchemy import text

    from bot.storage.database import create_engine

    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0004")
        async with engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO users (id, first_name, active) VALUES (1, 'Ada', true)")
            )
            await connection.execute(
                text(
                    "INSERT INTO walkthroughs (user_id, exercise_id, chat_id, step, step_count,"
                    " status, version, started_at, updated_at) VALUES (1, 'calf_raises', 1, 1,"
                    " 4, 'active', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text("SELECT set_index, set_count, side FROM walkthroughs")
                )
            ).all()
        assert [tuple(row) for row in rows] == [(0, 1, 0)]
    finally:
        await engine.dispose()


async def test_replicas_starting_together_migrate_once(postgres_url: str) -> None:
    """Three processes' start-up upgrades at the same moment: one migrates, the others wait for
    it and find the schema at head (without the lock, two would create the same tables)."""
    engines = [create_engine(postgres_url) for _ in range(3)]
    try:
        await asyncio.gather(*(upgrade(engine) for engine in engines))
        async with engines[0].connect() as connection:
            versions = await connection.execute(text("SELECT version_num FROM alembic_version"))
            assert set(versions.scalars()) == set(head_revisions())
    finally:
        for engine in engines:
            await engine.dispose()
