from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.migrate import upgrade
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
