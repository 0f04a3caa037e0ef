"""Operator broadcasts as a kind of delivery: slot `bc<id>`, one row per person.

Confirming a broadcast writes one delivery row per recipient in one INSERT ... SELECT that
ignores conflicts, so the recipients are fixed at that moment and a second confirmation adds
nobody twice. From there the delivery engine (:mod:`bot.storage.deliveries`) claims, leases
and reclaims the rows exactly as it does for reminders. One rule is stricter than for
reminders: a row is marked `sending` right before its message goes out, and a `sending` row
whose process died is given up as "maybe delivered", never sent again. A broadcast therefore
reaches each person at most once; only the few messages in flight at a crash can be lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    and_,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.subscription import SubscriptionStatus
from bot.storage import deliveries
from bot.storage.deliveries import (
    BLOCKED,
    Candidate,
    Claim,
    DeliveryState,
    Limits,
    broadcast_slot,
)
from bot.storage.models import Broadcast, Delivery, Subscription, User

MAYBE_DELIVERED = "maybe delivered"
NO_CATCHUP = timedelta(days=3650)
"""A confirmed broadcast is finished however long the bot was down: the operator asked."""

_deliveries = Delivery.__table__


class BroadcastState(StrEnum):
    COMPOSING = "composing"  # /admin broadcast without text: the next text message is it
    DRAFT = "draft"  # previewed, waiting for Send or Cancel
    SENDING = "sending"  # confirmed: delivery rows exist
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Counts:
    recipients: int
    sent: int
    blocked: int
    failed: int
    skipped: int
    """Stopped or blocked the bot between the confirmation and their turn: not sent."""
    pending: int
    """Not settled yet: waiting, claimed, or being sent."""


def active_subscriber(now: datetime) -> ColumnElement[bool]:
    """Who counts as an active subscriber (and receives a broadcast): reachable (never
    answered 403 since their last /start), subscription active, not in a timed pause."""
    return and_(
        User.active.is_(True),
        Subscription.status == SubscriptionStatus.ACTIVE,
        or_(Subscription.paused_until.is_(None), Subscription.paused_until <= now),
    )


async def count_recipients(session: AsyncSession, now: datetime) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(User)
        .join(Subscription, Subscription.user_id == User.id)
        .where(active_subscriber(now))
    )
    return int(found or 0)


async def open_broadcast(
    session: AsyncSession, admin_id: int, chat_id: int, text: str | None, now: datetime
) -> int:
    """A new draft (or, without text, one waiting for it); the operator's older unsent
    drafts are cancelled, so only the newest preview can be confirmed."""
    await session.execute(
        update(Broadcast)
        .where(
            Broadcast.user_id == admin_id,
            Broadcast.state.in_([BroadcastState.COMPOSING, BroadcastState.DRAFT]),
        )
        .values(state=BroadcastState.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    state = BroadcastState.COMPOSING if text is None else BroadcastState.DRAFT
    new_id = await session.scalar(
        insert(Broadcast)
        .values(user_id=admin_id, chat_id=chat_id, text=text, state=state, created_at=now)
        .returning(Broadcast.id)
    )
    assert new_id is not None
    return int(new_id)


async def take_composing(session: AsyncSession, admin_id: int, text: str) -> int | None:
    """Make the operator's broadcast that waits for its text a draft with `text`; its id, or
    None when none waits (the text is then an ordinary message)."""
    waiting = await session.scalar(
        select(Broadcast.id)
        .where(Broadcast.user_id == admin_id, Broadcast.state == BroadcastState.COMPOSING)
        .order_by(Broadcast.id.desc())
        .limit(1)
    )
    if waiting is None:
        return None
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == waiting, Broadcast.state == BroadcastState.COMPOSING)
        .values(text=text, state=BroadcastState.DRAFT)
        .execution_options(synchronize_session=False)
    )
    return int(waiting)


async def get(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def confirm(
    session: AsyncSession, broadcast_id: int, admin_id: int, message_id: int, now: datetime
) -> int | None:
    """Draft -> sending, with one scheduled delivery row per active subscriber; how many.

    None when the broadcast is not this operator's draft (confirmed already, cancelled, or
    someone else's): a second press changes nothing.
    """
    taken = await session.execute(
        update(Broadcast)
        .where(
            Broadcast.id == broadcast_id,
            Broadcast.user_id == admin_id,
            Broadcast.state == BroadcastState.DRAFT,
        )
        .values(state=BroadcastState.SENDING, confirmed_at=now, progress_message_id=message_id)
        .returning(Broadcast.id)
        .execution_options(synchronize_session=False)
    )
    if taken.first() is None:
        return None
    slot = broadcast_slot(broadcast_id)
    recipients = (
        select(
            User.id,
            literal(now.date(), Date()),
            literal(slot, String()),
            literal(DeliveryState.SCHEDULED.value, String()),
            literal(now, Delivery.__table__.c.due_at.type),
            literal(0, Integer()),
        )
        .join(Subscription, Subscription.user_id == User.id)
        .where(active_subscriber(now))
    )
    columns = ["user_id", "local_date", "slot", "state", "due_at", "attempts"]
    statement = _insert_deliveries(session).from_select(columns, recipients)
    await session.execute(statement.on_conflict_do_nothing())
    count = int(await session.scalar(select(func.count()).where(Delivery.slot == slot)) or 0)
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id)
        .values(recipients=count)
        .execution_options(synchronize_session=False)
    )
    return count


async def cancel(session: AsyncSession, broadcast_id: int, admin_id: int) -> bool:
    """Cancel this operator's unsent draft; False when there is none (sent or cancelled)."""
    result = await session.execute(
        update(Broadcast)
        .where(
            Broadcast.id == broadcast_id,
            Broadcast.user_id == admin_id,
            Broadcast.state.in_([BroadcastState.COMPOSING, BroadcastState.DRAFT]),
        )
        .values(state=BroadcastState.CANCELLED)
        .returning(Broadcast.id)
        .execution_options(synchronize_session=False)
    )
    return result.first() is not None


async def sending(session: AsyncSession) -> Sequence[Broadcast]:
    """Confirmed broadcasts not finished yet, oldest first."""
    rows = await session.scalars(
        select(Broadcast).where(Broadcast.state == BroadcastState.SENDING).order_by(Broadcast.id)
    )
    return rows.all()


async def claim(session: AsyncSession, broadcast_id: int, now: datetime, limits: Limits) -> Claim:
    """Give up sends cut short by a crash, then claim the next rows through the engine."""
    slot = broadcast_slot(broadcast_id)
    await session.execute(
        update(Delivery)
        .where(
            Delivery.slot == slot,
            Delivery.state == DeliveryState.SENDING,
            Delivery.lease_until < now,
        )
        .values(state=DeliveryState.FAILED, reason=MAYBE_DELIVERED, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return await deliveries.claim(session, _Broadcast(slot), now, limits)


async def begin_send(session: AsyncSession, delivery_id: int) -> bool:
    """Claimed -> sending, right before the message goes out; False if the row is no longer
    this claim's (its lease ran out and it was taken again): then it must not be sent."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == DeliveryState.CLAIMED)
        .values(state=DeliveryState.SENDING)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return result.first() is not None


async def counts(session: AsyncSession, broadcast_id: int, recipients: int) -> Counts:
    rows = await session.execute(
        select(Delivery.state, Delivery.reason, func.count())
        .where(Delivery.slot == broadcast_slot(broadcast_id))
        .group_by(Delivery.state, Delivery.reason)
    )
    sent = blocked = failed = skipped = pending = 0
    for state, reason, number in rows:
        if state == DeliveryState.SENT:
            sent += number
        elif state == DeliveryState.FAILED and reason == BLOCKED:
            blocked += number
        elif state == DeliveryState.FAILED:
            failed += number
        elif state == DeliveryState.SKIPPED:
            skipped += number
        else:
            pending += number
    return Counts(recipients, sent, blocked, failed, skipped, pending)


async def finish(session: AsyncSession, broadcast_id: int, now: datetime) -> Counts | None:
    """Sending -> done with the final counts, once every row is settled; None while some are
    not, or when another process finished it first."""
    broadcast = await session.get(Broadcast, broadcast_id, with_for_update=True)
    if broadcast is None or broadcast.state != BroadcastState.SENDING:
        return None
    final = await counts(session, broadcast_id, broadcast.recipients)
    if final.pending:
        return None
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.state == BroadcastState.SENDING)
        .values(
            state=BroadcastState.DONE,
            finished_at=now,
            sent=final.sent,
            blocked=final.blocked,
            failed=final.failed + final.skipped,
        )
        .execution_options(synchronize_session=False)
    )
    return final


def _insert_deliveries(session: AsyncSession) -> postgresql.Insert | sqlite.Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_deliveries)
    return sqlite.insert(_deliveries)


class _Broadcast:
    """One broadcast, as the delivery engine asks for it: no schedule of its own (its rows
    are written at confirmation, already due), nothing makes it pointless."""

    schedule_column = "next_due_at"  # never advanced: `due` finds nothing fresh
    catches_up = False

    def __init__(self, slot: str) -> None:
        self._slot = slot

    def owns(self) -> ColumnElement[bool]:
        return Delivery.slot == self._slot

    async def due(self, session: AsyncSession, now: datetime, batch: int) -> list[Candidate]:
        return []

    async def done(
        self, session: AsyncSession, candidates: Sequence[Candidate]
    ) -> set[tuple[int, date]]:
        return set()

    def next_at(self, candidate: Candidate, after: datetime) -> datetime | None:
        return None
