"""Queries for subscriptions: preferences, onboarding step and the next due instant."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.domain.schedule import next_due
from bot.domain.weekly import next_summary
from bot.storage.models import Subscription, User


class SubscriptionStatus:
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"


async def get_subscription(session: AsyncSession, user_id: int) -> Subscription | None:
    return await session.get(Subscription, user_id)


async def get_or_create(session: AsyncSession, user_id: int, now: datetime) -> Subscription:
    subscription = await session.get(Subscription, user_id)
    if subscription is None:
        subscription = Subscription(
            user_id=user_id,
            status=SubscriptionStatus.ONBOARDING,
            safety_flags=[],
            complaints=[],
            equipment=[],
            weekdays=0b1111111,
            session_minutes=10,
            editing=False,
            created_at=now,
            updated_at=now,
        )
        session.add(subscription)
        await session.flush()
    return subscription


def reminder_time(subscription: Subscription) -> time | None:
    minute = subscription.reminder_minute
    return None if minute is None else time(minute // 60, minute % 60)


def reschedule(subscription: Subscription, now: datetime) -> None:
    """Set `next_due_at` from the preferences: the only way the schedule is ever changed.

    Only active subscriptions with a time and a zone are due; a timed pause counts from its
    end, so the first reminder after it is the first chosen time after the pause.
    """
    at = reminder_time(subscription)
    active = subscription.status == SubscriptionStatus.ACTIVE
    summary_day = subscription.summary_weekday if active else None
    subscription.next_summary_at = next_summary(now, summary_day, subscription.time_zone)
    if not active or at is None or subscription.time_zone is None or not subscription.weekdays:
        subscription.next_due_at = None
        return
    start = max(now, subscription.paused_until) if subscription.paused_until else now
    subscription.next_due_at = next_due(start, at, subscription.time_zone, subscription.weekdays)
    subscription.updated_at = now


def due_for_claim(
    due: InstrumentedAttribute[datetime | None], now: datetime, batch: int, *columns: Any
) -> Select[Any]:
    """`columns` and the first name of active subscriptions whose `due` instant has come.

    Oldest first, people who blocked the bot left out, and the rows locked with SKIP LOCKED so
    that claimers in several processes split the work instead of doubling it.
    """
    return (
        select(*columns, User.first_name)
        .join(User, User.id == Subscription.user_id)
        .where(
            Subscription.status == SubscriptionStatus.ACTIVE,
            due <= now,
            User.active.is_(True),
        )
        .order_by(due)
        .limit(batch)
        .with_for_update(of=Subscription, skip_locked=True)
    )
