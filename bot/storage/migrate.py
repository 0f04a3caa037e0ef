"""Run Alembic migrations from the application, inside its event loop.

Alembic is synchronous; `run_sync` lends it a connection from the async engine, so start-up
and `footbot db upgrade` share one code path and need no alembic.ini.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x466F6F74  # "Foot": the PostgreSQL advisory lock that serialises upgrades


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; a database that is already there is left alone.

    Replicas starting together on PostgreSQL take turns (an advisory lock held until the
    upgrade commits): the first migrates, the others find the schema at head and do nothing."""

    def run(connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


@cache
def head_revisions() -> frozenset[str]:
    """The revisions this code expects the schema to be at (read from the scripts once)."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


async def applied_revisions(session: AsyncSession) -> frozenset[str]:
    """The revisions the database says it is at; empty when it was never migrated (the failed
    statement spoils the session's transaction on PostgreSQL: use a session of its own)."""
    try:
        rows = await session.scalars(text("SELECT version_num FROM alembic_version"))
        return frozenset(rows)
    except DBAPIError as error:
        if _missing_table(error):
            return frozenset()
        raise


def _missing_table(error: DBAPIError) -> bool:
    message = str(error.orig).lower()
    return "no such table" in message or "does not exist" in message
