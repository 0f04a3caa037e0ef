"""Broadcast rows through the delivery engine, on SQLite and PostgreSQL: one row per person,
reclaimed after a crash when never begun, given up (never resent) when begun."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.storage import broadcasts
from bot.storage.database import SessionFactory
from bot.storage.models import Delivery, Subscription, User
from bot.usecases.admin_broadcast import (
    NotClaimed,
    Refusal,
    begin_send,
    claim_broadcast,
    confirm_broadcast,
    draft_broadcast,
    finish_broadcast,
    progress,
    take_broadcast_text,
)
from bot.usecases.deliveries import Report, SendOutcome, record_sends
from tests.storage.subscribers import subscribe

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
OPERATOR = 1
LEASE = 60.0


async def subscribers(sessions: SessionFactory, count: int) -> list[int]:
    ids = list(range(1000, 1000 + count))
    for user_id in ids:
        await subscribe(sessions, user_id, NOW)
    return ids


async def test_confirming_writes_one_row_per_active_subscriber_once(
    sessions: SessionFactory,
) -> None:
    ids = await subscribers(sessions, 5)
    async with sessions.begin() as session:
        await session.execute(update(User).where(User.id == ids[0]).values(active=False))
        await session.execute(
            update(Subscription).where(Subscription.user_id == ids[1]).values(status="stopped")
        )
    draft = await draft_broadcast(sessions, OPERATOR, OPERATOR, "Hello", NOW)
    assert draft.recipients == 3
    assert await confirm_broadcast(sessions, draft.broadcast_id, 2, 5, NOW) is Refusal.STALE
    sending = await confirm_broadcast(sessions, draft.broadcast_id, OPERATOR, 5, NOW)
    assert not isinstance(sending, Refusal)
    assert sending.recipients == 3
    again = await confirm_broadcast(sessions, draft.broadcast_id, OPERATOR, 5, NOW)
    assert again is Refusal.STALE
    async with sessions() as session:
        rows = (await session.scalars(select(Delivery.user_id).order_by(Delivery.user_id))).all()
    assert rows == ids[2:]


async def test_a_new_draft_replaces_the_old_and_text_comes_next(sessions: SessionFactory) -> None:
    first = await draft_broadcast(sessions, OPERATOR, OPERATOR, "One", NOW)
    waiting = await draft_broadcast(sessions, OPERATOR, OPERATOR, None, NOW)
    assert await confirm_broadcast(sessions, first.broadcast_id, OPERATOR, 5, NOW) is Refusal.STALE
    assert await take_broadcast_text(sessions, 2, "not theirs", NOW) is None
    taken = await take_broadcast_text(sessions, OPERATOR, "Two", NOW)
    assert taken is not None and taken.broadcast_id == waiting.broadcast_id
    assert await take_broadcast_text(sessions, OPERATOR, "Three", NOW) is None


async def test_after_a_crash_unbegun_rows_are_resent_and_begun_ones_never(
    sessions: SessionFactory,
) -> None:
    await subscribers(sessions, 6)
    draft = await draft_broadcast(sessions, OPERATOR, OPERATOR, "Hello", NOW)
    await confirm_broadcast(sessions, draft.broadcast_id, OPERATOR, 5, NOW)
    batch = await claim_broadcast(sessions, draft.broadcast_id, NOW, 4, LEASE)
    assert len(batch.due) == 4 and batch.more
    sent, begun, _, _ = batch.due
    for due in (sent, begun):
        await begin_send(sessions, due.delivery_id)
    report = Report(sent.delivery_id, sent.user_id, SendOutcome.SENT, message_id=7)
    await record_sends(sessions, NOW, [report])
    # The process dies here: `begun` may have reached its person, the last two were never sent.
    assert await finish_broadcast(sessions, draft.broadcast_id, NOW) is None
    later = NOW + timedelta(seconds=LEASE + 1)
    batch = await claim_broadcast(sessions, draft.broadcast_id, later, 10, LEASE)
    assert len(batch.due) == 4  # the two never sent, and the two never claimed
    assert begun.user_id not in {due.user_id for due in batch.due}
    try:
        await begin_send(sessions, begun.delivery_id)
    except NotClaimed:
        pass
    else:
        raise AssertionError("a given-up row was begun again")
    for due in batch.due:
        await begin_send(sessions, due.delivery_id)
    reports = [
        Report(due.delivery_id, due.user_id, SendOutcome.SENT, message_id=8) for due in batch.due
    ]
    reports[-1] = Report(batch.due[-1].delivery_id, batch.due[-1].user_id, SendOutcome.BLOCKED)
    await record_sends(sessions, later, reports)
    counts = await progress(sessions, draft.broadcast_id, 6)
    assert (counts.sent, counts.blocked, counts.failed, counts.pending) == (4, 1, 1, 0)
    final = await finish_broadcast(sessions, draft.broadcast_id, later)
    assert final == counts
    assert await finish_broadcast(sessions, draft.broadcast_id, later) is None
    async with sessions() as session:
        row = await broadcasts.get(session, draft.broadcast_id)
        reason = await session.scalar(
            select(Delivery.reason).where(Delivery.id == begun.delivery_id)
        )
        active = await session.scalar(select(User.active).where(User.id == batch.due[-1].user_id))
    assert row is not None
    assert (row.state, row.sent, row.blocked, row.failed) == ("done", 4, 1, 1)
    assert reason == broadcasts.MAYBE_DELIVERED
    assert active is False
