"""Queries about people: who they are and whether the bot may write to them."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import User


async def upsert_user(
    session: AsyncSession, user_id: int, first_name: str, language: str | None
) -> User:
    """Create the person on first contact, refresh their name later, and reactivate them.

    Any message from a person proves they can receive messages again, so it clears the
    inactive flag that a "blocked by user" error sets.
    """
    user = await session.get(User, user_id)
    if user is None:
        user = User(id=user_id, first_name=first_name[:128], language=language, active=True)
        session.add(user)
    else:
        user.first_name = first_name[:128]
        user.language = language
        user.active = True
    await session.flush()
    return user
