"""Queries for subscriptions: load one as a frozen state, write a state machine's result back.

The rules live in :mod:`bot.domain.subscription`; this module only translates between the
row and :class:`SubscriptionState` and carries out the pause effects a transition names.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.domain.onboarding import Preferences, Step
from bot.domain.subscription import (
    Plan,
    SubscriptionState,
    SubscriptionStatus,
    Transition,
    schedule,
)
from bot.domain.subscription import reminder_time as minute_to_time
from bot.storage.models import Pause, Subscription, User


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


def state_of(subscription: Subscription) -> SubscriptionState:
    """The row as the state machine sees it."""
    step = subscription.onboarding_step
    return SubscriptionState(
        status=SubscriptionStatus(subscription.status),
        preferences=Preferences(
            safety_flags=tuple(subscription.safety_flags),
            complaints=tuple(subscription.complaints),
            equipment=tuple(subscription.equipment),
            session_minutes=subscription.session_minutes,
            reminder_minute=subscription.reminder_minute,
            time_zone=subscription.time_zone,
            weekdays=subscription.weekdays,
            summary_weekday=subscription.summary_weekday,
        ),
        step=Step(step) if step else None,
        editing=subscription.editing,
        paused_until=subscription.paused_until,
        next_due_at=subscription.next_due_at,
        next_summary_at=subscription.next_summary_at,
        safety_version=subscription.safety_version,
        recheck_at=subscription.recheck_at,
    )


async def apply_transition(
    session: AsyncSession, subscription: Subscription, transition: Transition, now: datetime
) -> None:
    """Write the new state onto the row and carry out the transition's pause effects."""
    state, preferences = transition.state, transition.state.preferences
    subscription.status = state.status
    subscription.onboarding_step = state.step
    subscription.editing = state.editing
    subscription.paused_until = state.paused_until
    subscription.next_due_at = state.next_due_at
    subscription.next_summary_at = state.next_summary_at
    subscription.safety_flags = list(preferences.safety_flags)
    subscription.complaints = list(preferences.complaints)
    subscription.equipment = list(preferences.equipment)
    subscription.session_minutes = preferences.session_minutes
    subscription.reminder_minute = preferences.reminder_minute
    subscription.time_zone = preferences.time_zone
    subscription.weekdays = preferences.weekdays
    subscription.summary_weekday = preferences.summary_weekday
    subscription.safety_version = state.safety_version
    subscription.recheck_at = state.recheck_at
    if transition.rescheduled and state.next_due_at is not None:
        subscription.updated_at = now
    if transition.pauses_end_at is not None:
        await end_open_pauses(session, subscription.user_id, transition.pauses_end_at)
    if (pause := transition.new_pause) is not None:
        session.add(
            Pause(
                user_id=subscription.user_id,
                started_at=pause.started_at,
                until=pause.until,
                frozen=pause.frozen,
            )
        )


async def end_open_pauses(session: AsyncSession, user_id: int, at: datetime) -> None:
    """Close the pause rows still running, so the streak sees exactly when the break ended."""
    await session.execute(
        update(Pause).where(Pause.user_id == user_id, Pause.ended_at.is_(None)).values(ended_at=at)
    )


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


async def held_for_recheck(session: AsyncSession, now: datetime, batch: int) -> list[Subscription]:
    """Held subscriptions whose time to ask the safety check again has come (and whose question
    is not open yet), oldest first, locked so that several processes split them."""
    rows = await session.scalars(
        select(Subscription)
        .join(User, User.id == Subscription.user_id)
        .where(
            Subscription.status == SubscriptionStatus.HELD,
            Subscription.recheck_at <= now,
            Subscription.onboarding_step.is_(None),
            User.active.is_(True),
        )
        .order_by(Subscription.recheck_at)
        .limit(batch)
        .with_for_update(of=Subscription, skip_locked=True)
    )
    return list(rows)
