"""Alembic environment: async engine, SQLite batch mode, and a shared connection.

The bot upgrades on start from inside its running event loop, so it hands Alembic an open
connection through `config.attributes`; the `alembic` command line instead gets a fresh async
engine from the URL.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.database import create_engine
from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_with_connection(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_new_engine() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("the Alembic config has no sqlalchemy.url to migrate")
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(run_with_connection)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    run_with_connection(shared)
else:
    asyncio.run(run_with_new_engine())
