"""Who pressed or typed: the few facts of a Telegram user the use cases keep."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import resolve
from bot.storage.users import upsert_user


@dataclass(frozen=True, slots=True)
class Person:
    user_id: int
    first_name: str
    language: str | None = None
    """Telegram's language_code, as the person's app reports it (not yet a FootBot code)."""


async def register(session: AsyncSession, person: Person) -> None:
    """Create or refresh the person's row; any message proves they can be written to again."""
    await upsert_user(session, person.user_id, person.first_name, resolve(person.language))
