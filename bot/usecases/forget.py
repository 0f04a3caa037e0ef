"""A person asks to be forgotten: every row about them goes, in one transaction.

Either everything is deleted or nothing is: a crash halfway must not leave a subscription
that still sends reminders to someone whose history is gone. A second request finds nothing
and says so with `rows == 0`, which is why a double press is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.database import SessionFactory
from bot.storage.forget import forget_user


@dataclass(frozen=True, slots=True)
class Forgotten:
    rows: int
    """How many rows were deleted (0: there was nothing left to delete)."""


async def forget(sessions: SessionFactory, user_id: int) -> Forgotten:
    async with sessions.begin() as session:
        return Forgotten(await forget_user(session, user_id))
