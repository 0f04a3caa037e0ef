"""0004: subscriptions from before the versioned safety check keep their answers and are asked
the new check again (their version is NULL)."""

from __future__ import annotations

from sqlalchemy import text

from bot.storage.database import create_engine
from bot.storage.migrate import upgrade


async def test_old_subscriptions_keep_their_flags_and_have_no_check_version(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0003")
        async with engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO users (id, first_name, active) VALUES (1, 'Ada', true)")
            )
            await connection.execute(
                text(
                    "INSERT INTO subscriptions (user_id, status, editing, safety_flags,"
                    " complaints, equipment, weekdays, session_minutes, created_at, updated_at)"
                    " VALUES (1, 'active', false, '[\"numbness_tingling\"]', '[]', '[]', 127, 10,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        await upgrade(engine)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text("SELECT safety_flags, safety_version, recheck_at FROM subscriptions")
                )
            ).one()
        flags, version, recheck_at = row
        assert "numbness_tingling" in str(flags)
        assert (version, recheck_at) == (None, None)
    finally:
        await engine.dispose()
