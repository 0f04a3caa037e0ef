"""Claiming reminders on SQLite and PostgreSQL: exactly once, leases, catch-up, snoozes."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update

from bot.domain.walkthrough import Status
from bot.storage import deliveries, reminders
from bot.storage.database import SessionFactory
from bot.storage.deliveries import Claim, DeliveryState, Limits, SkipReason
from bot.storage.models import Delivery, Subscription, User, Walkthrough
from bot.storage.walkthroughs import start_walkthrough
from tests.storage.subscribers import subscribe

SIGNED_UP = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 07:00 in Berlin, a Monday
DUE = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
CATCHUP = timedelta(hours=2)
LEASE = timedelta(minutes=5)


async def _claim(sessions: SessionFactory, now: datetime, batch: int = 100) -> Claim:
    async with sessions.begin() as session:
        return await reminders.claim(session, now, Limits(batch, CATCHUP, LEASE))


async def _deliveries(sessions: SessionFactory) -> list[Delivery]:
    async with sessions() as session:
        return list(await session.scalars(select(Delivery).order_by(Delivery.id)))


async def _next_due(sessions: SessionFactory, user_id: int) -> datetime | None:
    async with sessions() as session:
        subscription = await session.get(Subscription, user_id)
        assert subscription is not None
        return subscription.next_due_at


async def test_nothing_is_claimed_before_its_time(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    claim = await _claim(sessions, DUE - timedelta(seconds=1))
    assert claim.due == [] and not claim.more
    assert await _deliveries(sessions) == []


async def test_a_due_reminder_is_claimed_once_and_the_schedule_advances(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP, first_name="Ada")
    now = DUE + timedelta(seconds=5)
    (reminder,) = (await _claim(sessions, now)).due
    assert (reminder.user_id, reminder.chat_id, reminder.first_name) == (1, 1, "Ada")
    assert (reminder.local_date, reminder.zone, reminder.slot) == (
        date(2026, 3, 2),
        "Europe/Berlin",
        "daily",
    )
    assert reminder.due_at == DUE
    assert await _next_due(sessions, 1) == DUE + timedelta(days=1)
    (row,) = await _deliveries(sessions)
    assert (row.id, row.state, row.attempts, row.lease_until) == (
        reminder.delivery_id,
        DeliveryState.CLAIMED,
        1,
        now + LEASE,
    )
    assert (await _claim(sessions, now + timedelta(seconds=20))).due == []


async def test_a_second_claim_of_the_same_day_is_harmless(sessions: SessionFactory) -> None:
    """As if another process read the row before the first claim advanced it."""
    await subscribe(sessions, 1, SIGNED_UP)
    assert len((await _claim(sessions, DUE)).due) == 1
    async with sessions.begin() as session:
        await session.execute(update(Subscription).values(next_due_at=DUE))
    assert (await _claim(sessions, DUE + timedelta(seconds=1))).due == []
    assert len(await _deliveries(sessions)) == 1
    assert await _next_due(sessions, 1) == DUE + timedelta(days=1)


async def test_concurrent_claimers_split_the_work_and_never_double_it(
    sessions: SessionFactory,
) -> None:
    people = 120
    for user_id in range(1, people + 1):
        await subscribe(sessions, user_id, SIGNED_UP)

    async def claimer() -> list[int]:
        taken: list[int] = []
        while True:
            claim = await _claim(sessions, DUE, batch=10)
            taken += [r.delivery_id for r in claim.due]
            if not claim.more:
                return taken

    results = await asyncio.gather(*(claimer() for _ in range(4)))
    claimed = [delivery for taken in results for delivery in taken]
    assert len(claimed) == len(set(claimed)) == people
    rows = await _deliveries(sessions)
    assert len(rows) == people
    assert {row.user_id for row in rows} == set(range(1, people + 1))
    if sessions.kw["bind"].dialect.name == "postgresql":
        # SKIP LOCKED: claimers take different rows at the same time instead of queueing.
        assert sum(1 for taken in results if taken) > 1


async def test_an_expired_lease_is_claimed_again(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (first,) = (await _claim(sessions, DUE)).due
    # The process died before sending: nothing happens while the lease holds...
    assert (await _claim(sessions, DUE + LEASE - timedelta(seconds=1))).due == []
    # ...and after it expires the same delivery is leased again.
    later = DUE + LEASE + timedelta(seconds=1)
    (again,) = (await _claim(sessions, later)).due
    assert again.delivery_id == first.delivery_id
    assert (again.local_date, again.slot, again.first_name) == (first.local_date, "daily", "Ada")
    (row,) = await _deliveries(sessions)
    assert (row.state, row.attempts, row.lease_until) == (DeliveryState.CLAIMED, 2, later + LEASE)


async def test_an_expired_lease_older_than_the_catchup_window_is_skipped(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    await _claim(sessions, DUE)
    assert (await _claim(sessions, DUE + CATCHUP + timedelta(minutes=1))).due == []
    (row,) = await _deliveries(sessions)
    assert (row.state, row.reason) == (DeliveryState.SKIPPED, SkipReason.MISSED)


async def test_sent_deliveries_are_not_claimed_again(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (reminder,) = (await _claim(sessions, DUE)).due
    async with sessions.begin() as session:
        await deliveries.mark_sent(session, [(reminder.delivery_id, 42)], DUE)
    assert (await _claim(sessions, DUE + LEASE * 2)).due == []
    (row,) = await _deliveries(sessions)
    assert (row.state, row.message_id, row.sent_at) == (DeliveryState.SENT, 42, DUE)


async def test_missed_by_an_hour_is_sent_late(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (reminder,) = (await _claim(sessions, DUE + timedelta(hours=1))).due
    assert reminder.due_at == DUE


async def test_missed_by_five_hours_is_skipped_and_tomorrow_still_comes(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    assert (await _claim(sessions, DUE + timedelta(hours=5))).due == []
    (row,) = await _deliveries(sessions)
    assert (row.state, row.reason, row.local_date) == (
        DeliveryState.SKIPPED,
        SkipReason.MISSED,
        date(2026, 3, 2),
    )
    tomorrow = DUE + timedelta(days=1)
    assert await _next_due(sessions, 1) == tomorrow
    (reminder,) = (await _claim(sessions, tomorrow)).due
    assert reminder.local_date == date(2026, 3, 3)


async def test_after_a_long_outage_only_the_reminder_inside_the_window_goes_out(
    sessions: SessionFactory,
) -> None:
    """Down for a day: yesterday's is skipped, today's (due 30 min ago) is sent late."""
    await subscribe(sessions, 1, SIGNED_UP)
    now = DUE + timedelta(days=1, minutes=30)
    first = await _claim(sessions, now)
    assert (first.due, first.more) == ([], True)
    (late,) = (await _claim(sessions, now)).due
    assert late.local_date == date(2026, 3, 3)
    states = [(row.local_date.day, row.state) for row in await _deliveries(sessions)]
    assert states == [(2, DeliveryState.SKIPPED), (3, DeliveryState.CLAIMED)]


async def test_no_reminder_when_the_routine_is_already_done_today(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    async with sessions.begin() as session:
        started = await start_walkthrough(
            session,
            user_id=1,
            chat_id=1,
            exercise_id="calf_raises",
            step_count=3,
            now=SIGNED_UP,
        )
        walkthrough = await session.get(Walkthrough, started.id)
        assert walkthrough is not None
        walkthrough.status = Status.COMPLETED
        walkthrough.finished_at = SIGNED_UP + timedelta(minutes=10)
    assert (await _claim(sessions, DUE)).due == []
    (row,) = await _deliveries(sessions)
    assert (row.state, row.reason) == (DeliveryState.SKIPPED, SkipReason.DONE)
    # Yesterday's completion does not count for tomorrow.
    assert len((await _claim(sessions, DUE + timedelta(days=1))).due) == 1


async def test_inactive_people_are_not_reminded(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    await subscribe(sessions, 2, SIGNED_UP)
    async with sessions.begin() as session:
        await deliveries.mark_users_inactive(session, [2])
    (reminder,) = (await _claim(sessions, DUE)).due
    assert reminder.user_id == 1
    async with sessions() as session:
        user = await session.get(User, 2)
        assert user is not None and not user.active


async def test_a_snooze_comes_once_at_its_time_and_skip_cancels_the_next(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (daily,) = (await _claim(sessions, DUE)).due
    later = DUE + timedelta(hours=1)
    async with sessions.begin() as session:
        await deliveries.mark_sent(session, [(daily.delivery_id, 7)], DUE)
        assert await reminders.record_outcome(session, daily.delivery_id, "snoozed")
        assert not await reminders.record_outcome(session, daily.delivery_id, "skipped")
        slot = await reminders.add_snooze(session, 1, daily.local_date, later)
    assert slot == "snooze1"
    assert (await _claim(sessions, later - timedelta(seconds=1))).due == []
    (snoozed,) = (await _claim(sessions, later)).due
    assert (snoozed.slot, snoozed.local_date, snoozed.due_at) == (
        "snooze1",
        daily.local_date,
        later,
    )
    assert (await _claim(sessions, later + timedelta(seconds=30))).due == []

    async with sessions.begin() as session:
        await deliveries.mark_sent(session, [(snoozed.delivery_id, 8)], later)
        second = await reminders.add_snooze(
            session, 1, daily.local_date, later + timedelta(hours=1)
        )
        assert second == "snooze2"
        assert await reminders.cancel_snoozes(session, 1, daily.local_date) == 1
    assert (await _claim(sessions, later + timedelta(hours=2))).due == []
    states = {row.slot: (row.state, row.reason) for row in await _deliveries(sessions)}
    assert states["snooze2"] == (DeliveryState.SKIPPED, SkipReason.BY_USER)


async def test_a_snooze_of_someone_who_paused_meanwhile_is_dropped(
    sessions: SessionFactory,
) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (daily,) = (await _claim(sessions, DUE)).due
    async with sessions.begin() as session:
        await deliveries.mark_sent(session, [(daily.delivery_id, 7)], DUE)
        await reminders.add_snooze(session, 1, daily.local_date, DUE + timedelta(hours=1))
        await session.execute(update(Subscription).values(status="paused", next_due_at=None))
    assert (await _claim(sessions, DUE + timedelta(hours=1))).due == []
    snooze = (await _deliveries(sessions))[-1]
    assert (snooze.state, snooze.reason) == (DeliveryState.SKIPPED, SkipReason.INACTIVE)


async def test_the_local_date_follows_the_persons_zone(sessions: SessionFactory) -> None:
    """07:00 on Tuesday in Kathmandu is still Monday in UTC."""
    await subscribe(sessions, 1, SIGNED_UP, at=time(7, 0), zone="Asia/Kathmandu")
    due = await _next_due(sessions, 1)
    assert due == datetime(2026, 3, 3, 1, 15, tzinfo=UTC)
    (reminder,) = (await _claim(sessions, due)).due
    assert reminder.local_date == date(2026, 3, 3)


async def test_mark_failed_records_the_reason(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    (reminder,) = (await _claim(sessions, DUE)).due
    async with sessions.begin() as session:
        await deliveries.mark_failed(session, [(reminder.delivery_id, "blocked")])
    (row,) = await _deliveries(sessions)
    assert (row.state, row.reason) == (DeliveryState.FAILED, "blocked")
    assert (await _claim(sessions, DUE + LEASE * 2)).due == []


async def test_full_batches_say_there_is_more(sessions: SessionFactory) -> None:
    for user_id in (1, 2, 3):
        await subscribe(sessions, user_id, SIGNED_UP)
    first = await _claim(sessions, DUE, batch=2)
    assert (len(first.due), first.more) == (2, True)
    second = await _claim(sessions, DUE, batch=2)
    assert (len(second.due), second.more) == (1, False)


async def test_walkthroughs_of_other_people_do_not_count(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP)
    await subscribe(sessions, 2, SIGNED_UP)
    async with sessions.begin() as session:
        await session.merge(
            Walkthrough(
                user_id=2,
                chat_id=2,
                exercise_id="calf_raises",
                step=2,
                step_count=3,
                status=Status.COMPLETED,
                version=3,
                started_at=SIGNED_UP,
                updated_at=SIGNED_UP,
                finished_at=SIGNED_UP,
            )
        )
    (reminder,) = (await _claim(sessions, DUE)).due
    assert reminder.user_id == 1
