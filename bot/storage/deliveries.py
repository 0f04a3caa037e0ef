"""The delivery engine: one claim for everything the bot sends unprompted.

A delivery row is the unit of at-least-once: its unique key (user, local date, slot) turns a
second claim of the same message into a no-op, and its lease lets another tick retry a claim
whose process died between the commit and the send. Daily reminders and weekly summaries (and
later broadcasts) are *kinds*: each only says which subscriptions are due, when they are due
next, and which rows are its own. Everything else (inserting rows, leasing, retrying expired
leases, skipping with a reason, recording sends) happens here, once.

A claim is one transaction, set-based: a batch of hundreds costs a handful of statements, not
one per person, because a real morning peak claims thousands in the same minute. `FOR UPDATE
SKIP LOCKED` lets several bot processes on one PostgreSQL split the due rows between them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Insert, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import DEFAULT_ZONE
from bot.domain.subscription import SubscriptionStatus
from bot.storage.database import count_event, observed
from bot.storage.models import Delivery, Subscription, User
from bot.storage.tallies import (
    DELIVERY_DUE,
    DELIVERY_FAILED,
    DELIVERY_SENT,
    DELIVERY_SKIPPED,
    delivery_kind,
    failure_reason,
)

SNOOZE_PREFIX = "snooze"
BLOCKED = "blocked"
"""The failure reason recorded when Telegram says the person blocked the bot."""

_deliveries = Delivery.__table__
_subscriptions = Subscription.__table__


class DeliveryState(StrEnum):
    SCHEDULED = "scheduled"  # a snooze waiting for its time
    CLAIMED = "claimed"  # taken by a tick, leased until `lease_until`
    SENDING = "sending"  # a broadcast's send has begun: never sent again (at most once)
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class SkipReason(StrEnum):
    MISSED = "missed"  # older than the catch-up window: never flood stale messages
    DONE = "done"  # the person already did today's routine
    INACTIVE = "inactive"  # blocked the bot, paused or stopped meanwhile
    BY_USER = "skipped"  # "Skip today" cancelled a pending snooze


class Slot(StrEnum):
    """What a delivery is, within its (user, local date): snoozes are `snooze1`, `snooze2`..."""

    DAILY = "daily"
    WEEKLY = "weekly"


def snooze_slot(number: int) -> str:
    return f"{SNOOZE_PREFIX}{number}"


def is_reminder() -> ColumnElement[bool]:
    """A daily reminder or one of its snoozes: the rows whose buttons a person answers (a
    weekly summary or a broadcast has no reminder buttons, and a forged one must find nothing)."""
    return or_(Delivery.slot == Slot.DAILY, Delivery.slot.like(f"{SNOOZE_PREFIX}%"))


BROADCAST_PREFIX = "bc"


def broadcast_slot(broadcast_id: int) -> str:
    """The slot of one operator broadcast: one delivery row per person per broadcast."""
    return f"{BROADCAST_PREFIX}{broadcast_id}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A delivery that has come due: from a schedule (no row yet), or a row due again."""

    user_id: int
    first_name: str
    zone: str
    local_date: date
    slot: str
    due_at: datetime


@dataclass(frozen=True, slots=True)
class Due:
    """One claimed delivery: everything needed to render and send it, no ORM object."""

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
    hit, or a skipped stale delivery made way for a later one that is already due)."""

    due: list[Due]
    more: bool


@dataclass(frozen=True, slots=True)
class Limits:
    batch: int
    catchup: timedelta
    lease: timedelta


class Kind(Protocol):
    """What one kind of delivery says about itself; the engine does the rest."""

    schedule_column: str
    """The subscription column holding when this kind is next due (advanced by each claim)."""
    catches_up: bool
    """After a miss beyond the catch-up window, whether the schedule restarts at the window's
    edge (so the newest occurrence still inside it goes out, late) or simply from now."""

    def owns(self) -> ColumnElement[bool]:
        """Which delivery rows are this kind's, for retries of expired leases and snoozes."""
        ...

    async def due(self, session: AsyncSession, now: datetime, batch: int) -> Sequence[Candidate]:
        """Up to `batch` deliveries whose schedule has come, one per subscription, locked."""
        ...

    async def done(
        self, session: AsyncSession, candidates: Sequence[Candidate]
    ) -> set[tuple[int, date]]:
        """(user, local date) pairs for which there is no point sending any more."""
        ...

    def next_at(self, candidate: Candidate, after: datetime) -> datetime | None:
        """When this candidate's schedule is due next, strictly after `after`."""
        ...


def skip_reason(
    due_at: datetime,
    now: datetime,
    catchup: timedelta,
    *,
    reachable: bool = True,
    done: bool = False,
) -> SkipReason | None:
    """Why a due delivery is not sent, or None when it should go out.

    Unreachable first (nothing goes to someone who left), then stale (a late reminder beyond
    the catch-up window is noise), then pointless (today's routine is already done).
    """
    if not reachable:
        return SkipReason.INACTIVE
    if now - due_at > catchup:
        return SkipReason.MISSED
    if done:
        return SkipReason.DONE
    return None


async def claim(session: AsyncSession, kind: Kind, now: datetime, limits: Limits) -> Claim:
    """Claim up to `batch` fresh deliveries of `kind` and `batch` due again, in the caller's
    transaction (commit it before sending)."""
    fresh = await kind.due(session, now, limits.batch)
    again = await _due_again(session, kind.owns(), now, limits.batch)
    done = await kind.done(session, [*fresh, *(candidate for _, candidate, _, _ in again)])
    claimed, requeued = await _claim_fresh(session, kind, fresh, done, now, limits)
    claimed += await _claim_again(session, again, done, now, limits)
    full = len(fresh) >= limits.batch or len(again) >= limits.batch
    return Claim(claimed, more=full or requeued)


async def _claim_fresh(
    session: AsyncSession,
    kind: Kind,
    fresh: Sequence[Candidate],
    done: set[tuple[int, date]],
    now: datetime,
    limits: Limits,
) -> tuple[list[Due], bool]:
    """Insert the delivery rows and advance each schedule, in two bulk statements.

    A delivery missed beyond the catch-up window is recorded as skipped; for a kind that catches
    up, its schedule restarts from `now - catchup`, so a later occurrence still inside the
    window (after a long outage) is claimed and sent late, older ones never. The flag says
    whether such a schedule is already due again.
    """
    if not fresh:
        return [], False
    rows: list[dict[str, Any]] = []
    schedule: list[dict[str, Any]] = []
    requeued = False
    reasons: dict[int, SkipReason] = {}
    for candidate in fresh:
        key = (candidate.user_id, candidate.local_date)
        reason = skip_reason(candidate.due_at, now, limits.catchup, done=key in done)
        if reason:
            state, lease_until = DeliveryState.SKIPPED, None
            reasons[candidate.user_id] = reason
        else:
            state, lease_until = DeliveryState.CLAIMED, now + limits.lease
        rows.append(
            _row(
                candidate.user_id,
                candidate.local_date,
                candidate.slot,
                candidate.due_at,
                state,
                lease_until=lease_until,
                reason=reason,
            )
        )
        missed = reason is SkipReason.MISSED and kind.catches_up
        after = now - limits.catchup if missed else now
        due_again = kind.next_at(candidate, after)
        requeued = requeued or (due_again is not None and due_again <= now)
        schedule.append({"b_user": candidate.user_id, "b_next": due_again, "b_now": now})
    by_user = {candidate.user_id: candidate for candidate in fresh}
    connection = await session.connection()
    inserted = await connection.execute(
        _insert_ignoring_conflicts(session).returning(
            _deliveries.c.id, _deliveries.c.user_id, _deliveries.c.state
        ),
        rows,
    )
    claimed = []
    for delivery_id, user_id, state in inserted:
        label = delivery_kind(by_user[user_id].slot)
        if state == DeliveryState.CLAIMED:
            claimed.append(_due(delivery_id, by_user[user_id]))
            count_event(session, DELIVERY_DUE, label)
        else:
            count_event(session, DELIVERY_SKIPPED, label, reasons[user_id].value)
    await connection.execute(
        update(_subscriptions)
        .where(_subscriptions.c.user_id == bindparam("b_user"))
        .values({kind.schedule_column: bindparam("b_next"), "updated_at": bindparam("b_now")}),
        schedule,
    )
    return claimed, requeued


async def _due_again(
    session: AsyncSession, owns: ColumnElement[bool], now: datetime, batch: int
) -> list[tuple[int, Candidate, bool, bool]]:
    """(id, candidate, reachable, first) of snoozes whose time has come (first: this is
    their first claim) and of claims whose lease ran out (their process died), oldest first,
    locked for this claim."""
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
            Delivery.state,
        )
        .join(User, User.id == Delivery.user_id)
        .outerjoin(Subscription, Subscription.user_id == Delivery.user_id)
        .where(
            owns,
            or_(
                and_(Delivery.state == DeliveryState.SCHEDULED, Delivery.due_at <= now),
                and_(Delivery.state == DeliveryState.CLAIMED, Delivery.lease_until < now),
            ),
        )
        .order_by(Delivery.due_at)
        .limit(batch)
        .with_for_update(of=Delivery, skip_locked=True)
    )
    found = []
    for delivery_id, user_id, day, slot, due_at, first_name, active, zone, status, state in rows:
        reachable = bool(active) and status == SubscriptionStatus.ACTIVE
        candidate = Candidate(user_id, first_name, zone or DEFAULT_ZONE, day, slot, due_at)
        found.append((delivery_id, candidate, reachable, state == DeliveryState.SCHEDULED))
    return found


async def _claim_again(
    session: AsyncSession,
    again: Sequence[tuple[int, Candidate, bool, bool]],
    done: set[tuple[int, date]],
    now: datetime,
    limits: Limits,
) -> list[Due]:
    """Lease due snoozes and expired claims again, or skip them, one statement per outcome."""
    claimed: list[Due] = []
    skipped: dict[SkipReason, list[int]] = defaultdict(list)
    for delivery_id, candidate, reachable, first in again:
        key = (candidate.user_id, candidate.local_date)
        reason = skip_reason(
            candidate.due_at, now, limits.catchup, reachable=reachable, done=key in done
        )
        if reason:
            skipped[reason].append(delivery_id)
        else:
            claimed.append(_due(delivery_id, candidate))
            if first:  # a claim retried after its lease ran out was counted when first due
                count_event(session, DELIVERY_DUE, delivery_kind(candidate.slot))
    if claimed:
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_([due.delivery_id for due in claimed]))
            .values(
                state=DeliveryState.CLAIMED,
                lease_until=now + limits.lease,
                attempts=Delivery.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
    for reason, ids in skipped.items():
        await skip(session, Delivery.id.in_(ids), reason)
    return claimed


# --- the primitives --------------------------------------------------------------------------


async def schedule(
    session: AsyncSession, user_id: int, day: date, slot: str, due_at: datetime
) -> None:
    """Insert a delivery that waits for its time (a snooze); a duplicate is ignored."""
    row = _row(user_id, day, slot, due_at, DeliveryState.SCHEDULED)
    await session.execute(_insert_ignoring_conflicts(session).values(row))


async def skip(session: AsyncSession, which: ColumnElement[bool], reason: SkipReason) -> int:
    """Skip the deliveries `which` selects, with the reason; returns how many."""
    slots = await session.scalars(
        update(Delivery)
        .where(which)
        .values(state=DeliveryState.SKIPPED, reason=reason, lease_until=None)
        .returning(Delivery.slot)
        .execution_options(synchronize_session=False)
    )
    skipped = 0
    for slot in slots:
        skipped += 1
        count_event(session, DELIVERY_SKIPPED, delivery_kind(slot), reason.value)
    return skipped


async def mark_sent(session: AsyncSession, sent: Iterable[tuple[int, int]], now: datetime) -> None:
    """Record (delivery id, message id) pairs as sent, in one executemany."""
    sent = list(sent)
    params = [{"b_id": delivery_id, "b_message": message_id} for delivery_id, message_id in sent]
    if not params:
        return
    statement = (
        update(_deliveries)
        .where(_deliveries.c.id == bindparam("b_id"))
        .values(state=DeliveryState.SENT, sent_at=now, message_id=bindparam("b_message"))
    )
    await (await session.connection()).execute(statement, params)
    if observed(session):
        ids = [delivery_id for delivery_id, _ in sent]
        rows = await session.execute(
            select(Delivery.slot, Delivery.due_at).where(Delivery.id.in_(ids))
        )
        for slot, due_at in rows:
            lag = max((now - due_at).total_seconds(), 0.0)
            count_event(session, DELIVERY_SENT, delivery_kind(slot), value=lag)


async def mark_failed(session: AsyncSession, failed: Iterable[tuple[int, str]]) -> None:
    """Record (delivery id, reason) pairs as failed: given up, not retried."""
    failed = list(failed)
    params = [{"b_id": delivery_id, "b_reason": reason[:32]} for delivery_id, reason in failed]
    if not params:
        return
    statement = (
        update(_deliveries)
        .where(_deliveries.c.id == bindparam("b_id"))
        .values(state=DeliveryState.FAILED, reason=bindparam("b_reason"), lease_until=None)
    )
    await (await session.connection()).execute(statement, params)
    if observed(session):
        reasons = dict(failed)
        rows = await session.execute(
            select(Delivery.id, Delivery.slot).where(Delivery.id.in_(list(reasons)))
        )
        for delivery_id, slot in rows:
            reason = failure_reason(reasons[delivery_id])
            count_event(session, DELIVERY_FAILED, delivery_kind(slot), reason)


async def mark_users_inactive(session: AsyncSession, user_ids: Sequence[int]) -> None:
    """People who blocked the bot get nothing more until they write to it again (/start)."""
    if user_ids:
        await session.execute(
            update(User)
            .where(User.id.in_(user_ids))
            .values(active=False)
            .execution_options(synchronize_session=False)
        )


def _row(
    user_id: int,
    day: date,
    slot: str,
    due_at: datetime,
    state: DeliveryState,
    *,
    lease_until: datetime | None = None,
    reason: SkipReason | None = None,
) -> dict[str, Any]:
    """A new delivery row; a claimed one counts its first attempt."""
    return {
        "user_id": user_id,
        "local_date": day,
        "slot": slot,
        "state": state,
        "due_at": due_at,
        "lease_until": lease_until,
        "reason": reason,
        "attempts": 1 if state is DeliveryState.CLAIMED else 0,
    }


def _due(delivery_id: int, candidate: Candidate) -> Due:
    return Due(
        delivery_id=delivery_id,
        user_id=candidate.user_id,
        chat_id=candidate.user_id,
        local_date=candidate.local_date,
        first_name=candidate.first_name,
        zone=candidate.zone,
        slot=candidate.slot,
        due_at=candidate.due_at,
    )


def _insert_ignoring_conflicts(session: AsyncSession) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING: the unique key makes a second claim harmless."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_deliveries).on_conflict_do_nothing()
    return sqlite.insert(_deliveries).on_conflict_do_nothing()
