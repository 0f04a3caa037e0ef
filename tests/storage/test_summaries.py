"""Scheduling and claiming weekly summaries on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from bot.storage import reminders, summaries
from bot.storage.database import SessionFactory
from bot.storage.deliveries import Claim, DeliveryState, Limits, SkipReason
from bot.storage.models import Delivery, Subscription
from bot.storage.subscriptions import SubscriptionStatus, reschedule
from tests.storage.subscribers import subscribe

SIGNED_UP = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday, 07:00 in Berlin
SUNDAY_EVENING = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
CATCHUP = timedelta(hours=2)
LEASE = timedelta(minutes=5)


async def _claim(sessions: SessionFactory, now: datetime) -> Claim:
    async with sessions.begin() as session:
        return await summaries.claim(session, now, Limits(100, CATCHUP, LEASE))


async def _subscription(sessions: SessionFactory, user_id: int) -> Subscription:
    async with sessions() as session:
        subscription = await session.get(Subscription, user_id)
    assert subscription is not None
    return subscription


async def _weekly(sessions: SessionFactory) -> list[Delivery]:
    async with sessions() as session:
        rows = await session.scalars(
            select(Delivery).where(Delivery.slot == "weekly").order_by(Delivery.id)
        )
        return list(rows)


async def test_subscribing_schedules_sunday_evening(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    subscription = await _subscription(sessions, 1)
    assert subscription.summary_weekday == 6
    assert subscription.next_summary_at == SUNDAY_EVENING


async def test_off_stopped_or_without_zone_means_no_summary(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    async with sessions.begin() as session:
        subscription = await session.get(Subscription, 1)
        assert subscription is not None
        subscription.summary_weekday = 2
        reschedule(subscription, SIGNED_UP)
        assert subscription.next_summary_at == datetime(2026, 3, 4, 18, 0, tzinfo=UTC)
        subscription.summary_weekday = None
        reschedule(subscription, SIGNED_UP)
        assert subscription.next_summary_at is None
        subscription.summary_weekday = 6
        subscription.status = SubscriptionStatus.STOPPED
        reschedule(subscription, SIGNED_UP)
        assert subscription.next_summary_at is None
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.time_zone = None
        reschedule(subscription, SIGNED_UP)
        assert subscription.next_summary_at is None


async def test_a_due_summary_is_claimed_once_and_moves_a_week_on(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP, first_name="Ada")
    assert (await _claim(sessions, SUNDAY_EVENING - timedelta(seconds=1))).due == []
    claim = await _claim(sessions, SUNDAY_EVENING)
    (summary,) = claim.due
    assert (summary.user_id, summary.first_name, summary.local_date) == (1, "Ada", date(2026, 3, 8))
    assert not claim.more
    assert (await _claim(sessions, SUNDAY_EVENING + timedelta(minutes=1))).due == []
    (row,) = await _weekly(sessions)
    assert (row.state, row.attempts) == (DeliveryState.CLAIMED, 1)
    subscription = await _subscription(sessions, 1)
    assert subscription.next_summary_at == SUNDAY_EVENING + timedelta(days=7)


async def test_a_second_claim_of_the_same_evening_inserts_nothing(
    sessions: SessionFactory,
) -> None:
    """Two processes that both read the due row: the unique key lets only one through."""
    await subscribe(sessions, 1, SIGNED_UP)
    assert len((await _claim(sessions, SUNDAY_EVENING)).due) == 1
    async with sessions.begin() as session:  # as if the schedule had not advanced
        await session.execute(
            update(Subscription)
            .values(next_summary_at=SUNDAY_EVENING)
            .where(Subscription.user_id == 1)
        )
    assert (await _claim(sessions, SUNDAY_EVENING)).due == []
    assert len(await _weekly(sessions)) == 1


async def test_a_stale_summary_is_skipped_not_sent(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    assert (await _claim(sessions, SUNDAY_EVENING + timedelta(hours=3))).due == []
    (row,) = await _weekly(sessions)
    assert (row.state, row.reason) == (DeliveryState.SKIPPED, SkipReason.MISSED)
    subscription = await _subscription(sessions, 1)
    assert subscription.next_summary_at == SUNDAY_EVENING + timedelta(days=7)


async def test_an_expired_claim_is_retried_here_not_as_a_reminder(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (first,) = (await _claim(sessions, SUNDAY_EVENING)).due  # then the process "died"
    later = SUNDAY_EVENING + LEASE + timedelta(seconds=1)
    async with sessions.begin() as session:
        daily = await reminders.claim(session, later, Limits(100, CATCHUP, LEASE))
    assert all(reminder.slot != "weekly" for reminder in daily.due)
    (again,) = (await _claim(sessions, later)).due
    assert again == first
    (row,) = await _weekly(sessions)
    assert row.attempts == 2
