"""Queries for subscriptions: preferences, onboarding step and the next due instant."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.domain.subscription import Plan, SubscriptionStatus, schedule
from bot.domain.subscription import reminder_time as minute_to_time
from bot.storage.models import Subscription, User


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
    return minute_to_time(subscription.reminder_minute)


def plan_of(subscription: Subscription) -> Plan:
    return Plan(
        status=SubscriptionStatus(subscription.status),
        reminder_minute=subscription.reminder_minute,
        time_zone=subscription.time_zone,
        weekdays=subscription.weekdays,
        paused_until=subscription.paused_until,
        summary_weekday=subscription.summary_weekday,
    )


def reschedule(subscription: Subscription, now: datetime) -> None:
    """Apply the one schedule rule (:func:`bot.domain.subscription.schedule`) to the row."""
    planned = schedule(plan_of(subscription), now)
    subscription.next_due_at = planned.next_due_at
    subscription.next_summary_at = planned.next_summary_at
    if planned.next_due_at is not None:
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
