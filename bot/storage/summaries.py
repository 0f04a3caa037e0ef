"""Weekly summaries as a kind of delivery: slot "weekly", due at `next_summary_at`.

The delivery engine (:mod:`bot.storage.deliveries`) does the claiming, leasing and retrying;
this module says who is due, on which local date, and when the next summary is: a week on,
from now (a summary missed beyond the catch-up window is skipped, never sent late).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import DEFAULT_ZONE, local_date
from bot.domain.subscription import Plan, SubscriptionStatus, schedule
from bot.storage import deliveries
from bot.storage.deliveries import Candidate, Claim, Limits, Slot
from bot.storage.models import Delivery, Subscription
from bot.storage.subscriptions import due_for_claim

WEEKLY = Slot.WEEKLY


async def claim(session: AsyncSession, now: datetime, limits: Limits) -> Claim:
    """Claim up to `batch` due summaries and `batch` expired claims, in the caller's
    transaction (commit it before sending). Older than `catchup`: skipped, never sent late."""
    return await deliveries.claim(session, _Weekly(), now, limits)


class _Weekly:
    """The weekly summary, as the delivery engine asks for it."""

    schedule_column = "next_summary_at"
    catches_up = False

    def __init__(self) -> None:
        self._plans: dict[int, Plan] = {}

    def owns(self) -> ColumnElement[bool]:
        return Delivery.slot == WEEKLY

    async def due(self, session: AsyncSession, now: datetime, batch: int) -> list[Candidate]:
        rows = await session.execute(
            due_for_claim(
                Subscription.next_summary_at,
                now,
                batch,
                Subscription.user_id,
                Subscription.next_summary_at,
                Subscription.time_zone,
                Subscription.summary_weekday,
            )
        )
        candidates = []
        for user_id, due_at, zone, weekday, first_name in rows:
            self._plans[user_id] = Plan(
                SubscriptionStatus.ACTIVE, None, zone, 0, summary_weekday=weekday
            )
            zone = zone or DEFAULT_ZONE
            day = local_date(due_at, zone)
            candidates.append(Candidate(user_id, first_name, zone, day, WEEKLY, due_at))
        return candidates

    async def done(
        self, session: AsyncSession, candidates: Sequence[Candidate]
    ) -> set[tuple[int, date]]:
        """A summary is worth sending whatever the person did that day."""
        return set()

    def next_at(self, candidate: Candidate, after: datetime) -> datetime | None:
        return schedule(self._plans[candidate.user_id], after).next_summary_at
