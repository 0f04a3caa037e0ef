"""Claiming due reminders and recording what became of them: the schedule lives here.

A claim is one transaction: pick due subscriptions (and due snoozes, and claims whose process
died), write a delivery row for each, advance the schedule, commit. Sending happens after the
commit. The unique key (user, local date, slot) turns a second claim of the same reminder into
a no-op, and `FOR UPDATE SKIP LOCKED` lets several bot processes on one PostgreSQL split the
due rows between them instead of fighting over them.

Everything is set-based: a batch of hundreds costs a handful of statements, not one per
person, because the benchmark (and a real morning peak) claims thousands in the same minute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Insert, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import day_bounds, local_date, next_occurrence
from bot.domain.walkthrough import Status
from bot.storage.models import Delivery, Subscription, User, Walkthrough
from bot.storage.subscriptions import SubscriptionStatus, due_for_claim, reschedule

DAILY = "daily"
WEEKLY = "weekly"  # the weekly summary (bot/storage/summaries.py claims and retries those)
SNOOZE_PREFIX = "snooze"
FALLBACK_ZONE = "UTC"
BLOCKED = "blocked"
"""The failure reason recorded when Telegram says the person blocked the bot."""
_JUST_BEFORE = timedelta(microseconds=1)

_deliveries = Delivery.__table__
_subscriptions = Subscription.__table__


class DeliveryState:
    SCHEDULED = "scheduled"  # a snooze waiting for its time
    CLAIMED = "claimed"  # taken by a tick, leased until `lease_until`
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class SkipReason:
    MISSED = "missed"  # older than the catch-up window: never flood stale reminders
    DONE = "done"  # the person already did today's routine
    INACTIVE = "inactive"  # blocked the bot, paused or stopped meanwhile
    BY_USER = "skipped"  # "Skip today" cancelled a pending snooze


class ReminderAnswer(StrEnum):
    """What the person answered on a reminder's buttons (recorded once per delivery)."""

    STARTED = "started"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class DueReminder:
    """Everything needed to render and send one reminder, without touching the ORM again."""

    delivery_id: int
    user_id: int
    chat_id: int
    local_date: date
    first_name: str
    zone: str
    slot: str
    due_at: datetime


@dataclass(frozen=True, slots=True)
class Claim:
    """What one claim took; `more` says another claim right away may find more (a limit was
    hit, or a skipped stale reminder made way for a later one that is already due)."""

    reminders: list[DueReminder]
    more: bool


@dataclass(frozen=True, slots=True)
class _Candidate:
    user_id: int
    first_name: str
    zone: str
    due_at: datetime
    local_date: date


async def claim(
    session: AsyncSession,
    now: datetime,
    *,
    batch: int,
    catchup: timedelta,
    lease: timedelta,
) -> Claim:
    """Claim up to `batch` due daily reminders and `batch` due deliveries, in the caller's
    transaction (commit it before sending)."""
    planner = _Planner()
    subscriptions = await _due_subscriptions(session, now, batch, planner)
    deliveries = await _due_deliveries(session, now, batch)
    done = await _done_days(
        session,
        [candidate for candidate, _ in subscriptions] + [candidate for candidate, *_ in deliveries],
    )
    reminders, requeued = await _claim_daily(
        session, subscriptions, planner, done, now, catchup, lease
    )
    reminders += await _claim_deliveries(session, deliveries, done, now, catchup, lease)
    full = len(subscriptions) >= batch or len(deliveries) >= batch
    return Claim(reminders, more=full or requeued)


async def mark_sent(session: AsyncSession, sent: Iterable[tuple[int, int]], now: datetime) -> None:
    """Record (delivery id, message id) pairs as sent, in one executemany."""
    params = [{"b_id": delivery_id, "b_message": message_id} for delivery_id, message_id in sent]
    if not params:
        return
    statement = (
        update(_deliveries)
        .where(_deliveries.c.id == bindparam("b_id"))
        .values(state=DeliveryState.SENT, sent_at=now, message_id=bindparam("b_message"))
    )
    await (await session.connection()).execute(statement, params)


async def mark_failed(session: AsyncSession, failed: Iterable[tuple[int, str]]) -> None:
    """Record (delivery id, reason) pairs as failed: given up, not retried."""
    params = [{"b_id": delivery_id, "b_reason": reason[:32]} for delivery_id, reason in failed]
    if not params:
        return
    statement = (
        update(_deliveries)
        .where(_deliveries.c.id == bindparam("b_id"))
        .values(state=DeliveryState.FAILED, reason=bindparam("b_reason"), lease_until=None)
    )
    await (await session.connection()).execute(statement, params)


async def mark_user_inactive(session: AsyncSession, user_id: int) -> None:
    await mark_users_inactive(session, [user_id])


async def mark_users_inactive(session: AsyncSession, user_ids: Sequence[int]) -> None:
    """People who blocked the bot get no reminders until they write to it again (/start)."""
    if user_ids:
        await session.execute(
            update(User)
            .where(User.id.in_(user_ids))
            .values(active=False)
            .execution_options(synchronize_session=False)
        )


# --- pressing a reminder's buttons -------------------------------------------------------------


async def get_delivery(session: AsyncSession, delivery_id: int) -> Delivery | None:
    return await session.get(Delivery, delivery_id)


async def record_outcome(session: AsyncSession, delivery_id: int, outcome: ReminderAnswer) -> bool:
    """Set the outcome once: of two presses arriving together, only the first counts."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.outcome.is_(None))
        .values(outcome=outcome)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def add_snooze(session: AsyncSession, user_id: int, day: date, due_at: datetime) -> str:
    """Schedule one more reminder for this local day only (the series never moves)."""
    taken = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(
            Delivery.user_id == user_id,
            Delivery.local_date == day,
            Delivery.slot.like(f"{SNOOZE_PREFIX}%"),
        )
    )
    slot = f"{SNOOZE_PREFIX}{(taken or 0) + 1}"
    row = _delivery_row(user_id, day, slot, DeliveryState.SCHEDULED, due_at, None, None, 0)
    await session.execute(_insert_ignoring_conflicts(session).values(row))
    return slot


async def cancel_snoozes(session: AsyncSession, user_id: int, day: date) -> int:
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.user_id == user_id,
            Delivery.local_date == day,
            Delivery.state == DeliveryState.SCHEDULED,
        )
        .values(state=DeliveryState.SKIPPED, reason=SkipReason.BY_USER)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# --- the claim, step by step --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    """The schedule fields of a subscription; people who share one share all arithmetic."""

    minute: int | None
    zone: str
    weekdays: int
    paused_until: datetime | None


class _Planner:
    """Schedule arithmetic for one claim, computed once per distinct plan.

    Reminder times cluster (07:00, 07:30 ...) and a claim runs at one `now`, so a batch of
    hundreds usually needs a handful of zone computations rather than one per person.
    """

    def __init__(self) -> None:
        self._days: dict[tuple[_Plan, datetime], date] = {}
        self._next: dict[tuple[_Plan, datetime], datetime | None] = {}

    def day_for(self, plan: _Plan, due_at: datetime) -> date:
        """The local date this due instant is for (keys the delivery row).

        Usually the local date of the instant, but a reminder time inside a DST gap just before
        midnight is pushed into the next date; the schedule knows which day it belongs to.
        """
        key = (plan, due_at)
        if key not in self._days:
            day = local_date(due_at, plan.zone)
            if plan.minute is not None:
                at = time(plan.minute // 60, plan.minute % 60)
                occurrence = next_occurrence(due_at - _JUST_BEFORE, at, plan.zone, plan.weekdays)
                if occurrence.due == due_at:
                    day = occurrence.day
            self._days[key] = day
        return self._days[key]

    def next_due(self, plan: _Plan, user_id: int, after: datetime) -> datetime | None:
        """The next due instant after `after`, by the one rule in `reschedule`."""
        key = (plan, after)
        if key not in self._next:
            subscription = Subscription(
                user_id=user_id,
                status=SubscriptionStatus.ACTIVE,
                reminder_minute=plan.minute,
                time_zone=plan.zone,
                weekdays=plan.weekdays,
                paused_until=plan.paused_until,
            )
            reschedule(subscription, after)
            self._next[key] = subscription.next_due_at
        return self._next[key]


async def _due_subscriptions(
    session: AsyncSession, now: datetime, batch: int, planner: _Planner
) -> list[tuple[_Candidate, _Plan]]:
    """Due active subscriptions of reachable people, oldest first, locked for this claim.

    Plain tuples, not ORM objects: nothing here should be tracked by the session.
    """
    rows = await session.execute(
        due_for_claim(
            Subscription.next_due_at,
            now,
            batch,
            Subscription.user_id,
            Subscription.next_due_at,
            Subscription.time_zone,
            Subscription.reminder_minute,
            Subscription.weekdays,
            Subscription.paused_until,
        )
    )
    claimed = []
    for user_id, due_at, zone, minute, weekdays, paused_until, first_name in rows:
        plan = _Plan(minute, zone or FALLBACK_ZONE, weekdays, paused_until)
        day = planner.day_for(plan, due_at)
        claimed.append((_Candidate(user_id, first_name, plan.zone, due_at, day), plan))
    return claimed


async def _due_deliveries(
    session: AsyncSession, now: datetime, batch: int
) -> list[tuple[_Candidate, int, str, bool]]:
    """Snoozes whose time has come and claims whose lease ran out (their process died)."""
    rows = await session.execute(
        select(
            Delivery.id,
            Delivery.user_id,
            Delivery.local_date,
            Delivery.slot,
            Delivery.due_at,
            User.first_name,
            User.active,
            Subscription.time_zone,
            Subscription.status,
        )
        .join(User, User.id == Delivery.user_id)
        .outerjoin(Subscription, Subscription.user_id == Delivery.user_id)
        .where(
            or_(
                and_(Delivery.state == DeliveryState.SCHEDULED, Delivery.due_at <= now),
                and_(
                    Delivery.state == DeliveryState.CLAIMED,
                    Delivery.lease_until < now,
                    Delivery.slot != WEEKLY,
                ),
            )
        )
        .order_by(Delivery.due_at)
        .limit(batch)
        .with_for_update(of=Delivery, skip_locked=True)
    )
    found = []
    for delivery_id, user_id, day, slot, due_at, first_name, active, zone, status in rows:
        reachable = bool(active) and status == SubscriptionStatus.ACTIVE
        candidate = _Candidate(user_id, first_name, zone or FALLBACK_ZONE, due_at, day)
        found.append((candidate, delivery_id, slot, reachable))
    return found


async def _done_days(
    session: AsyncSession, candidates: Sequence[_Candidate]
) -> set[tuple[int, date]]:
    """(user, local date) pairs on which the person already completed a walkthrough.

    One query for the whole batch: fetch completions between the earliest and latest local
    day bound, then check each person's own day in Python.
    """
    if not candidates:
        return set()
    per_day = {(c.local_date, c.zone) for c in candidates}
    zone_bounds = {(day, zone): day_bounds(day, zone) for day, zone in per_day}
    bounds = {(c.user_id, c.local_date): zone_bounds[c.local_date, c.zone] for c in candidates}
    earliest = min(start for start, _ in bounds.values())
    latest = max(end for _, end in bounds.values())
    rows = await session.execute(
        select(Walkthrough.user_id, Walkthrough.finished_at).where(
            Walkthrough.user_id.in_({c.user_id for c in candidates}),
            Walkthrough.status == Status.COMPLETED,
            Walkthrough.finished_at >= earliest,
            Walkthrough.finished_at < latest,
        )
    )
    finished: dict[int, list[datetime]] = defaultdict(list)
    for user_id, finished_at in rows:
        finished[user_id].append(finished_at)
    return {
        (user_id, day)
        for (user_id, day), (start, end) in bounds.items()
        if any(start <= at < end for at in finished.get(user_id, ()))
    }


def _verdict(
    candidate: _Candidate, done: set[tuple[int, date]], now: datetime, catchup: timedelta
) -> str | None:
    """Why this reminder is skipped, or None when it should go out."""
    if now - candidate.due_at > catchup:
        return SkipReason.MISSED
    if (candidate.user_id, candidate.local_date) in done:
        return SkipReason.DONE
    return None


async def _claim_daily(
    session: AsyncSession,
    subscriptions: list[tuple[_Candidate, _Plan]],
    planner: _Planner,
    done: set[tuple[int, date]],
    now: datetime,
    catchup: timedelta,
    lease: timedelta,
) -> tuple[list[DueReminder], bool]:
    """Insert the day's delivery rows and advance each schedule, in two bulk statements.

    A reminder missed beyond the catch-up window is recorded as skipped, and its schedule
    restarts from `now - catchup`: a later occurrence that is still inside the window (after a
    long outage) is then claimed and sent late, older ones never. The flag says whether such a
    schedule is already due again.
    """
    if not subscriptions:
        return [], False
    rows: list[dict[str, Any]] = []
    schedule: list[dict[str, Any]] = []
    by_user: dict[int, _Candidate] = {}
    requeued = False
    for candidate, plan in subscriptions:
        reason = _verdict(candidate, done, now, catchup)
        state = DeliveryState.SKIPPED if reason else DeliveryState.CLAIMED
        lease_until = None if reason else now + lease
        rows.append(
            _delivery_row(
                candidate.user_id,
                candidate.local_date,
                DAILY,
                state,
                candidate.due_at,
                lease_until,
                reason,
                0 if reason else 1,
            )
        )
        after = now - catchup if reason == SkipReason.MISSED else now
        due_again = planner.next_due(plan, candidate.user_id, after)
        requeued = requeued or (due_again is not None and due_again <= now)
        schedule.append({"b_user": candidate.user_id, "b_next": due_again, "b_now": now})
        by_user[candidate.user_id] = candidate
    connection = await session.connection()
    inserted = await connection.execute(
        _insert_ignoring_conflicts(session).returning(
            _deliveries.c.id, _deliveries.c.user_id, _deliveries.c.state
        ),
        rows,
    )
    claimed = [
        _reminder(delivery_id, by_user[user_id], DAILY)
        for delivery_id, user_id, state in inserted
        if state == DeliveryState.CLAIMED
    ]
    await connection.execute(
        update(_subscriptions)
        .where(_subscriptions.c.user_id == bindparam("b_user"))
        .values(next_due_at=bindparam("b_next"), updated_at=bindparam("b_now")),
        schedule,
    )
    return claimed, requeued


async def _claim_deliveries(
    session: AsyncSession,
    deliveries: list[tuple[_Candidate, int, str, bool]],
    done: set[tuple[int, date]],
    now: datetime,
    catchup: timedelta,
    lease: timedelta,
) -> list[DueReminder]:
    """Lease due snoozes and expired claims again, or skip them, one statement per outcome."""
    if not deliveries:
        return []
    claimed: list[DueReminder] = []
    skipped: dict[str, list[int]] = defaultdict(list)
    for candidate, delivery_id, slot, reachable in deliveries:
        reason = _verdict(candidate, done, now, catchup) if reachable else SkipReason.INACTIVE
        if reason:
            skipped[reason].append(delivery_id)
        else:
            claimed.append(_reminder(delivery_id, candidate, slot))
    if claimed:
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([r.delivery_id for r in claimed]))
            .values(
                state=DeliveryState.CLAIMED,
                lease_until=now + lease,
                attempts=Delivery.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
    for reason, ids in skipped.items():
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(state=DeliveryState.SKIPPED, reason=reason, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    return claimed


def _reminder(delivery_id: int, candidate: _Candidate, slot: str) -> DueReminder:
    return DueReminder(
        delivery_id=delivery_id,
        user_id=candidate.user_id,
        chat_id=candidate.user_id,
        local_date=candidate.local_date,
        first_name=candidate.first_name,
        zone=candidate.zone,
        slot=slot,
        due_at=candidate.due_at,
    )


def _delivery_row(
    user_id: int,
    day: date,
    slot: str,
    state: str,
    due_at: datetime,
    lease_until: datetime | None,
    reason: str | None,
    attempts: int,
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "local_date": day,
        "slot": slot,
        "state": state,
        "due_at": due_at,
        "lease_until": lease_until,
        "reason": reason,
        "attempts": attempts,
    }


def _insert_ignoring_conflicts(session: AsyncSession) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING: the unique key makes a second claim harmless."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(_deliveries).on_conflict_do_nothing()
