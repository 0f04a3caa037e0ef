"""0010: users.language becomes the code FootBot speaks; stored codes resolve, not reset."""

from sqlalchemy import text

from bot.storage.database import create_engine, create_session_factory
from bot.storage.migrate import upgrade
from bot.storage.users import languages_of, set_language, upsert_user


async def test_old_telegram_codes_become_languages_the_bot_speaks(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0007")
        codes = {1: "pt-br", 2: "es-MX", 3: "de", 4: None, 5: "ru", 6: "pt"}
        async with engine.begin() as connection:
            for user_id, code in codes.items():
                await connection.execute(
                    text(
                        "INSERT INTO users (id, first_name, language, active)"
                        " VALUES (:id, 'Ada', :language, true)"
                    ),
                    {"id": user_id, "language": code},
                )
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT id, language FROM users"))).all()
        assert dict(rows) == {1: "pt-BR", 2: "es", 3: "en", 4: "en", 5: "ru", 6: "pt-BR"}
    finally:
        await engine.dispose()


async def test_first_contact_sets_the_language_and_later_updates_keep_the_choice(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        sessions = create_session_factory(engine)
        async with sessions.begin() as session:
            await upsert_user(session, 7, "Ana", "es")
        async with sessions.begin() as session:
            assert await set_language(session, 7, "ru")
            assert not await set_language(session, 8, "ru")
        async with sessions.begin() as session:
            await upsert_user(session, 7, "Ana", "es")  # the app still says "es"
        async with sessions() as session:
            assert await languages_of(session, [7, 8]) == {7: "ru"}
    finally:
        await engine.dispose()
