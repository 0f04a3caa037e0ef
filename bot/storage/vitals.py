"""The few figures an operator's scrape reads from the database, each one cheap query.

The inbox ones use the (status, lane, update_id) index, so they cost the pending and parked
rows, not the whole table; the subscriber count reads the subscriptions once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.inbox import InboxStatus
from bot.domain.subscription import SubscriptionStatus
from bot.storage.models import InboxUpdate, Subscription, User


async def inbox_backlog(session: AsyncSession) -> tuple[int, datetime | None]:
    """How many updates wait for a worker, and when the oldest of them arrived."""
    row = (
        await session.execute(
            select(func.count(), func.min(InboxUpdate.received_at)).where(
                InboxUpdate.status == InboxStatus.PENDING
            )
        )
    ).one()
    oldest: Any = row[1]
    if isinstance(oldest, str):  # SQLite hands an aggregate back untyped
        oldest = datetime.fromisoformat(oldest)
    return int(row[0]), oldest


async def parked_updates(session: AsyncSession) -> int:
    query = select(func.count()).where(InboxUpdate.status == InboxStatus.PARKED)
    return int(await session.scalar(query) or 0)


async def active_subscribers(session: AsyncSession) -> int:
    """Subscriptions that get reminders: active, and the person has not blocked the bot."""
    query = (
        select(func.count())
        .select_from(Subscription)
        .join(User, User.id == Subscription.user_id)
        .where(Subscription.status == SubscriptionStatus.ACTIVE, User.active.is_(True))
    )
    return int(await session.scalar(query) or 0)
