"""The counts behind the operator's `/admin` figures: a handful of aggregate queries.

Each query counts rows; what the counts mean (a day, late, the trend) is decided in
:mod:`bot.domain.figures` and explained to the operator in `texts.ADMIN_FIGURES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.figures import FINISHED_WINDOW, RECENT, TREND_WINDOW, is_late, utc_day
from bot.domain.inbox import InboxStatus
from bot.domain.routine_day import RoutineStatus
from bot.domain.subscription import SubscriptionStatus
from bot.storage.broadcasts import active_subscriber
from bot.storage.deliveries import DeliveryState, Slot, is_reminder
from bot.storage.models import Delivery, InboxUpdate, Routine, Subscription, User, Walkthrough


@dataclass(frozen=True, slots=True)
class Subscribers:
    active: int
    paused: int
    stopped: int
    blocked: int


def _sum(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


async def subscribers(session: AsyncSession, now: datetime) -> Subscribers:
    reachable = User.active.is_(True)
    paused = and_(
        reachable,
        or_(
            Subscription.status == SubscriptionStatus.PAUSED,
            and_(
                Subscription.status == SubscriptionStatus.ACTIVE,
                Subscription.paused_until > now,
            ),
        ),
    )
    stopped = and_(reachable, Subscription.status == SubscriptionStatus.STOPPED)
    row = (
        await session.execute(
            select(
                _sum(active_subscriber(now)),
                _sum(paused),
                _sum(stopped),
                _sum(User.active.is_(False)),
            )
            .select_from(User)
            .outerjoin(Subscription, Subscription.user_id == User.id)
        )
    ).one()
    return Subscribers(*(int(value) for value in row))


async def reminders_today(session: AsyncSession, now: datetime) -> tuple[int, int]:
    """(due, sent) daily reminders of the UTC day holding `now`: rows already claimed for it,
    plus active schedules whose next reminder falls later that day."""
    start, end = utc_day(now)
    claimed, sent = (
        await session.execute(
            select(func.count(), _sum(Delivery.state == DeliveryState.SENT)).where(
                Delivery.slot == Slot.DAILY, Delivery.due_at >= start, Delivery.due_at < end
            )
        )
    ).one()
    coming = await session.scalar(
        select(func.count())
        .select_from(Subscription)
        .join(User, User.id == Subscription.user_id)
        .where(
            Subscription.status == SubscriptionStatus.ACTIVE,
            User.active.is_(True),
            Subscription.next_due_at >= start,
            Subscription.next_due_at < end,
        )
    )
    return int(claimed) + int(coming or 0), int(sent)


async def late_and_failed(session: AsyncSession, now: datetime) -> tuple[int, int]:
    """(late, failed) reminders (daily and snoozed) in the 24 hours up to `now`."""
    since = now - RECENT
    pairs = await session.execute(
        select(Delivery.due_at, Delivery.sent_at).where(
            is_reminder(),
            Delivery.state == DeliveryState.SENT,
            Delivery.sent_at >= since,
            Delivery.sent_at <= now,
        )
    )
    late = sum(1 for due_at, sent_at in pairs if sent_at is not None and is_late(due_at, sent_at))
    failed = await session.scalar(
        select(func.count()).where(
            is_reminder(),
            Delivery.state == DeliveryState.FAILED,
            Delivery.due_at >= since,
            Delivery.due_at <= now,
        )
    )
    return late, int(failed or 0)


async def routines_finished(session: AsyncSession, now: datetime) -> int:
    found = await session.scalar(
        select(func.count()).where(
            Routine.status == RoutineStatus.COMPLETED,
            Routine.finished_at >= now - FINISHED_WINDOW,
            Routine.finished_at <= now,
        )
    )
    return int(found or 0)


async def discomfort_histogram(
    session: AsyncSession, start: datetime, end: datetime
) -> dict[int, int]:
    """Discomfort rating -> how many exercises finished in [start, end) were rated so."""
    rows = await session.execute(
        select(Walkthrough.discomfort, func.count())
        .where(
            Walkthrough.discomfort.is_not(None),
            Walkthrough.finished_at >= start,
            Walkthrough.finished_at < end,
        )
        .group_by(Walkthrough.discomfort)
    )
    return {int(value): int(number) for value, number in rows if value is not None}


async def discomfort_weeks(
    session: AsyncSession, now: datetime
) -> tuple[dict[int, int], dict[int, int]]:
    """The histograms of the last 7 days and of the 7 days before them."""
    this_week = await discomfort_histogram(session, now - TREND_WINDOW, now)
    last_week = await discomfort_histogram(session, now - 2 * TREND_WINDOW, now - TREND_WINDOW)
    return this_week, last_week


async def parked_updates(session: AsyncSession) -> int:
    found = await session.scalar(
        select(func.count()).where(InboxUpdate.status == InboxStatus.PARKED)
    )
    return int(found or 0)
