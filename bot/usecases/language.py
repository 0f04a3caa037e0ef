"""The language a person is spoken to in: read per update and per clock message, changed by
/language. The database stores the code ("pt-BR"); catalogues turn codes into sentences."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import LANGUAGES, resolve
from bot.storage.database import SessionFactory
from bot.storage.users import languages_of, set_language
from bot.usecases.people import Person, register


async def language_for(sessions: SessionFactory, user_id: int, telegram_code: str | None) -> str:
    """The stored language; Telegram's language_code (resolved) for someone not stored yet."""
    async with sessions() as session:
        stored = (await languages_of(session, (user_id,))).get(user_id)
    return resolve(stored or telegram_code)


async def languages_for(sessions: SessionFactory, user_ids: Iterable[int]) -> dict[int, str]:
    """The language of each recipient of the clock (English for anyone unknown)."""
    async with sessions() as session:
        stored = await languages_of(session, user_ids)
    return {user_id: resolve(code) for user_id, code in stored.items()}


async def change_language(sessions: SessionFactory, person: Person, code: str) -> str | None:
    """Store the chosen language; None (and nothing changed) for a code FootBot doesn't speak."""
    if code not in LANGUAGES:
        return None
    async with sessions.begin() as session:
        await register(session, person)
        await set_language(session, person.user_id, code)
    return code
