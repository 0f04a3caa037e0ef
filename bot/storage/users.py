"""Queries about people: who they are and whether the bot may write to them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import User


async def upsert_user(
    session: AsyncSession, user_id: int, first_name: str, language: str | None
) -> User:
    """Create the person on first contact, refresh their name later, and reactivate them.

    Any message from a person proves they can receive messages again, so it clears the
    inactive flag that a "blocked by user" error sets. `language` (a code FootBot speaks,
    chosen from Telegram's language_code) is kept only on first contact: after that the
    person's own choice (/language) stands.
    """
    user = await session.get(User, user_id)
    if user is None:
        user = User(id=user_id, first_name=first_name[:128], language=language, active=True)
        session.add(user)
    else:
        user.first_name = first_name[:128]
        if user.language is None:
            user.language = language
        user.active = True
    await session.flush()
    return user


async def set_language(session: AsyncSession, user_id: int, language: str) -> bool:
    """Store the language the person chose; False when there is no such person."""
    user = await session.get(User, user_id)
    if user is None:
        return False
    user.language = language
    await session.flush()
    return True


async def languages_of(session: AsyncSession, user_ids: Iterable[int]) -> dict[int, str | None]:
    """The stored language code of each person (None: not stored; absent: no such person)."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.language).where(User.id.in_(wanted)))
    return {user_id: language for user_id, language in rows.all()}
