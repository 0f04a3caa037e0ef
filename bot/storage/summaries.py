"""Claiming due weekly summaries: the reminders' pattern, for slot "weekly".

One transaction picks the subscriptions whose `next_summary_at` has come (`FOR UPDATE SKIP
LOCKED`, so several processes split them), writes a delivery row keyed (user, local date,
"weekly"), advances `next_summary_at` a week, and commits before anything is sent. The unique
key makes a second claim of the same summary a no-op; a claim whose process died is retried
here once its lease runs out (the daily reminder claim leaves weekly rows alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Insert, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import local_date
from bot.domain.weekly import next_summary
from bot.storage.models import Delivery, Subscription, User
from bot.storage.reminders import FALLBACK_ZONE, WEEKLY, DeliveryState, SkipReason
from bot.storage.subscriptions import SubscriptionStatus, due_for_claim

_deliveries = Delivery.__table__
_subscriptions = Subscription.__table__


@dataclass(frozen=True, slots=True)
class DueSummary:
    delivery_id: int
    user_id: int
    chat_id: int
    first_name: str
    local_date: date


@dataclass(frozen=True, slots=True)
class SummaryClaim:
    summaries: list[DueSummary]
    more: bool


async def claim(
    session: AsyncSession,
    now: datetime,
    *,
    batch: int,
    catchup: timedelta,
    lease: timedelta,
) -> SummaryClaim:
    """Claim up to `batch` due summaries and `batch` expired claims, in the caller's
    transaction (commit it before sending). Older than `catchup`: skipped, never sent late."""
    fresh, full = await _claim_scheduled(session, now, batch, catchup, lease)
    retried, full_again = await _claim_expired(session, now, batch, catchup, lease)
    return SummaryClaim(fresh + retried, more=full or full_again)


async def _claim_scheduled(
    session: AsyncSession, now: datetime, batch: int, catchup: timedelta, lease: timedelta
) -> tuple[list[DueSummary], bool]:
    rows = list(
        await session.execute(
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
    )
    if not rows:
        return [], False
    deliveries: list[dict[str, Any]] = []
    schedule: list[dict[str, Any]] = []
    names: dict[int, str] = {}
    for user_id, due_at, zone, weekday, first_name in rows:
        missed = now - due_at > catchup
        deliveries.append(
            {
                "user_id": user_id,
                "local_date": local_date(due_at, zone or FALLBACK_ZONE),
                "slot": WEEKLY,
                "state": DeliveryState.SKIPPED if missed else DeliveryState.CLAIMED,
                "due_at": due_at,
                "lease_until": None if missed else now + lease,
                "reason": SkipReason.MISSED if missed else None,
                "attempts": 0 if missed else 1,
            }
        )
        schedule.append(
            {"b_user": user_id, "b_next": next_summary(now, weekday, zone), "b_now": now}
        )
        names[user_id] = first_name
    connection = await session.connection()
    inserted = await connection.execute(
        _insert_ignoring_conflicts(session).returning(
            _deliveries.c.id,
            _deliveries.c.user_id,
            _deliveries.c.local_date,
            _deliveries.c.state,
        ),
        deliveries,
    )
    claimed = [
        DueSummary(delivery_id, user_id, user_id, names[user_id], day)
        for delivery_id, user_id, day, state in inserted
        if state == DeliveryState.CLAIMED
    ]
    await connection.execute(
        update(_subscriptions)
        .where(_subscriptions.c.user_id == bindparam("b_user"))
        .values(next_summary_at=bindparam("b_next"), updated_at=bindparam("b_now")),
        schedule,
    )
    return claimed, len(rows) >= batch


async def _claim_expired(
    session: AsyncSession, now: datetime, batch: int, catchup: timedelta, lease: timedelta
) -> tuple[list[DueSummary], bool]:
    """Weekly claims whose process died before recording the send: lease them again."""
    rows = list(
        await session.execute(
            select(
                Delivery.id,
                Delivery.user_id,
                Delivery.local_date,
                Delivery.due_at,
                User.first_name,
                User.active,
                Subscription.status,
            )
            .join(User, User.id == Delivery.user_id)
            .outerjoin(Subscription, Subscription.user_id == Delivery.user_id)
            .where(
                Delivery.slot == WEEKLY,
                Delivery.state == DeliveryState.CLAIMED,
                Delivery.lease_until < now,
            )
            .order_by(Delivery.due_at)
            .limit(batch)
            .with_for_update(of=Delivery, skip_locked=True)
        )
    )
    claimed: list[DueSummary] = []
    skipped: dict[str, list[int]] = {}
    for delivery_id, user_id, day, due_at, first_name, active, status in rows:
        if not active or status != SubscriptionStatus.ACTIVE:
            skipped.setdefault(SkipReason.INACTIVE, []).append(delivery_id)
        elif now - due_at > catchup:
            skipped.setdefault(SkipReason.MISSED, []).append(delivery_id)
        else:
            claimed.append(DueSummary(delivery_id, user_id, user_id, first_name, day))
    if claimed:
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([summary.delivery_id for summary in claimed]))
            .values(lease_until=now + lease, attempts=Delivery.attempts + 1)
            .execution_options(synchronize_session=False)
        )
    for reason, ids in skipped.items():
        await _skip(session, ids, reason)
    return claimed, len(rows) >= batch


async def _skip(session: AsyncSession, ids: Sequence[int], reason: str) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(ids))
        .values(state=DeliveryState.SKIPPED, reason=reason, lease_until=None)
        .execution_options(synchronize_session=False)
    )


def _insert_ignoring_conflicts(session: AsyncSession) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING: the unique key makes a second claim harmless."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(_deliveries).on_conflict_do_nothing()
