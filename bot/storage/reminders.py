"""Daily reminders as a kind of delivery: who is due, on which local day, and when next.

The claim itself (rows, leases, retries, skips) is the delivery engine's
(:mod:`bot.storage.deliveries`); this module only says which subscriptions are due, which
local day a due instant belongs to, when the schedule is due next, and that nobody is reminded
of a routine they already did today. Plus what a reminder's buttons write: the answer, a
snooze, a cancelled snooze.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.reminder_answer import ReminderAnswer
from bot.domain.schedule import DEFAULT_ZONE, day_bounds, local_date, next_occurrence
from bot.domain.subscription import Plan, SubscriptionStatus, reminder_time, schedule
from bot.domain.walkthrough import Status
from bot.storage import deliveries
from bot.storage.deliveries import (
    SNOOZE_PREFIX,
    Candidate,
    Claim,
    DeliveryState,
    Limits,
    SkipReason,
    Slot,
    snooze_slot,
)
from bot.storage.models import Delivery, Subscription, Walkthrough
from bot.storage.subscriptions import due_for_claim

DAILY = Slot.DAILY
_JUST_BEFORE = timedelta(microseconds=1)


async def claim(session: AsyncSession, now: datetime, limits: Limits) -> Claim:
    """Claim up to `batch` due daily reminders and `batch` due snoozes or expired claims, in
    the caller's transaction (commit it before sending)."""
    return await deliveries.claim(session, _Daily(), now, limits)


# --- pressing a reminder's buttons -------------------------------------------------------------


async def get_reminder(session: AsyncSession, delivery_id: int) -> Delivery | None:
    """The reminder (daily or snoozed) with this id; None for any other delivery."""
    found = await session.scalars(
        select(Delivery).where(Delivery.id == delivery_id, deliveries.is_reminder())
    )
    return found.first()


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
    slot = snooze_slot((taken or 0) + 1)
    await deliveries.schedule(session, user_id, day, slot, due_at)
    return slot


async def cancel_snoozes(session: AsyncSession, user_id: int, day: date) -> int:
    """Skip today: the snoozes still waiting for their time will not come."""
    waiting = and_(
        Delivery.user_id == user_id,
        Delivery.local_date == day,
        Delivery.state == DeliveryState.SCHEDULED,
    )
    return await deliveries.skip(session, waiting, SkipReason.BY_USER)


async def remember_snooze(session: AsyncSession, user_id: int, choice: str) -> None:
    """Keep the snooze just chosen as the person's next default."""
    await session.execute(
        update(Subscription)
        .where(Subscription.user_id == user_id)
        .values(snooze_choice=choice)
        .execution_options(synchronize_session=False)
    )


async def snooze_choices(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str | None]:
    """Each person's remembered snooze (None: never chosen), for a batch of reminders."""
    if not user_ids:
        return {}
    rows = await session.execute(
        select(Subscription.user_id, Subscription.snooze_choice).where(
            Subscription.user_id.in_(set(user_ids))
        )
    )
    return {user_id: choice for user_id, choice in rows}


# --- the daily kind -----------------------------------------------------------------------------


class _Planner:
    """Schedule arithmetic for one claim, computed once per distinct plan.

    Reminder times cluster (07:00, 07:30 ...) and a claim runs at one `now`, so a batch of
    hundreds usually needs a handful of zone computations rather than one per person.
    """

    def __init__(self) -> None:
        self._days: dict[tuple[Plan, datetime], date] = {}
        self._next: dict[tuple[Plan, datetime], datetime | None] = {}

    def day_for(self, plan: Plan, due_at: datetime) -> date:
        """The local date this due instant is for (keys the delivery row).

        Usually the local date of the instant, but a reminder time inside a DST gap just before
        midnight is pushed into the next date; the schedule knows which day it belongs to.
        """
        key = (plan, due_at)
        if key not in self._days:
            zone = plan.time_zone or DEFAULT_ZONE
            day = local_date(due_at, zone)
            at = reminder_time(plan.reminder_minute)
            if at is not None:
                occurrence = next_occurrence(due_at - _JUST_BEFORE, at, zone, plan.weekdays)
                if occurrence.due == due_at:
                    day = occurrence.day
            self._days[key] = day
        return self._days[key]

    def next_due(self, plan: Plan, after: datetime) -> datetime | None:
        """The next due instant after `after`, by the one schedule rule."""
        key = (plan, after)
        if key not in self._next:
            self._next[key] = schedule(plan, after).next_due_at
        return self._next[key]


class _Daily:
    """The daily reminder and its snoozes, as the delivery engine asks for them."""

    schedule_column = "next_due_at"
    catches_up = True

    def __init__(self) -> None:
        self._planner = _Planner()
        self._plans: dict[int, Plan] = {}

    def owns(self) -> ColumnElement[bool]:
        return or_(Delivery.slot == DAILY, Delivery.slot.like(f"{SNOOZE_PREFIX}%"))

    async def due(self, session: AsyncSession, now: datetime, batch: int) -> list[Candidate]:
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
        candidates = []
        for user_id, due_at, zone, minute, weekdays, paused_until, first_name in rows:
            zone = zone or DEFAULT_ZONE
            plan = Plan(SubscriptionStatus.ACTIVE, minute, zone, weekdays, paused_until)
            self._plans[user_id] = plan
            day = self._planner.day_for(plan, due_at)
            candidates.append(Candidate(user_id, first_name, zone, day, DAILY, due_at))
        return candidates

    async def done(
        self, session: AsyncSession, candidates: Sequence[Candidate]
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
            if finished_at is not None:
                finished[user_id].append(finished_at)
        return {
            (user_id, day)
            for (user_id, day), (start, end) in bounds.items()
            if any(start <= at < end for at in finished.get(user_id, ()))
        }

    def next_at(self, candidate: Candidate, after: datetime) -> datetime | None:
        return self._planner.next_due(self._plans[candidate.user_id], after)
