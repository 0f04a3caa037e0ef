"""A person who blocked the bot: nothing more goes to them until they write again (/start)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage import deliveries
from bot.storage.database import SessionFactory


@dataclass(frozen=True, slots=True)
class Blocked:
    user_id: int


async def person_blocked_bot(sessions: SessionFactory, user_id: int) -> Blocked:
    """Telegram answered 403 to something sent to `user_id`: mark them inactive, as the
    reminder engine does for a blocked reminder, so no job keeps writing into the void."""
    async with sessions.begin() as session:
        await deliveries.mark_users_inactive(session, [user_id])
    return Blocked(user_id)
