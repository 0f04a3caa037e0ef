"""What the operator's endpoints ask the database: is it there and migrated, and how busy.

Each call is one short read; none of them writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from bot.storage import vitals
from bot.storage.database import SessionFactory
from bot.storage.migrate import applied_revisions, head_revisions


@dataclass(frozen=True, slots=True)
class Figures:
    pending: int
    oldest_pending_seconds: float
    """0 when nothing waits."""
    parked: int
    active_subscribers: int


@dataclass(frozen=True, slots=True)
class Schema:
    applied: frozenset[str]
    expected: frozenset[str]

    @property
    def at_head(self) -> bool:
        return self.applied == self.expected


async def ping(sessions: SessionFactory) -> None:
    """Raises unless the database answers a trivial query."""
    async with sessions() as session:
        await session.execute(text("SELECT 1"))


async def schema(sessions: SessionFactory) -> Schema:
    async with sessions() as session:
        applied = await applied_revisions(session)
    return Schema(applied, head_revisions())


async def figures(sessions: SessionFactory, now: datetime) -> Figures:
    async with sessions() as session:
        pending, oldest = await vitals.inbox_backlog(session)
        parked = await vitals.parked_updates(session)
        active = await vitals.active_subscribers(session)
    age = 0.0
    if oldest is not None:
        oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
        age = max((now - oldest).total_seconds(), 0.0)
    return Figures(pending, age, parked, active)
