"""The clock's use cases on both databases: a claim commits, a batch of send reports lands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage.database import SessionFactory
from bot.storage.models import Delivery, User
from bot.usecases.deliveries import (
    Limits,
    Recorded,
    Report,
    SendOutcome,
    claim_reminders,
    claim_summaries,
    record_sends,
)
from tests.storage import history_rows
from tests.storage.subscribers import subscribe

SIGNED_UP = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday, 07:00 in Berlin
DUE = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
SUNDAY_EVENING = datetime(2026, 3, 8, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
LIMITS = Limits(batch=100, catchup=timedelta(hours=2), lease=timedelta(minutes=5))


async def _rows(sessions: SessionFactory) -> dict[int, Delivery]:
    async with sessions() as session:
        return {row.user_id: row for row in await session.scalars(select(Delivery))}


async def test_every_outcome_is_recorded_in_one_go(sessions: SessionFactory) -> None:
    for user_id in (1, 2, 3, 4, 5):
        await subscribe(sessions, user_id, SIGNED_UP)
    batch = await claim_reminders(sessions, DUE, LIMITS)
    assert not batch.more
    ids = {due.user_id: due.delivery_id for due in batch.due}
    assert sorted(ids) == [1, 2, 3, 4, 5]
    reports = [
        Report(ids[1], 1, SendOutcome.SENT, message_id=11),
        Report(ids[2], 2, SendOutcome.BLOCKED, error="Forbidden: bot was blocked by the user"),
        Report(ids[3], 3, SendOutcome.FAILED, error="Bad Request: chat not found"),
        Report(ids[4], 4, SendOutcome.SENT),  # no message id: not a proof of delivery
    ]  # 5: the send raised; no report, the claim stays leased
    recorded = await record_sends(sessions, DUE, reports)
    assert recorded == Recorded(sent=1, failed=2, blocked=1)
    rows = await _rows(sessions)
    assert (rows[1].state, rows[1].message_id, rows[1].sent_at) == ("sent", 11, DUE)
    assert (rows[2].state, rows[2].reason) == ("failed", "blocked")
    assert (rows[3].state, rows[3].reason) == ("failed", "Bad Request: chat not found")
    assert (rows[4].state, rows[4].reason) == ("failed", "failed")
    assert (rows[5].state, rows[5].lease_until) == ("claimed", DUE + LIMITS.lease)
    async with sessions() as session:
        people = await session.execute(select(User.id, User.active))
        active = {user_id: is_active for user_id, is_active in people}
    assert active == {1: True, 2: False, 3: True, 4: True, 5: True}


async def test_a_summary_comes_with_the_persons_week(sessions: SessionFactory) -> None:
    await subscribe(sessions, 1, SIGNED_UP, first_name="Ada")
    days = (SUNDAY_EVENING - timedelta(days=n, hours=10) for n in (0, 1, 2, 4))
    await history_rows.add(
        sessions, *(history_rows.walkthrough(1, "calf_raises", at, discomfort=1) for at in days)
    )
    early = await claim_summaries(sessions, SUNDAY_EVENING - timedelta(seconds=1), LIMITS)
    assert early.due == ()
    (summary,) = (await claim_summaries(sessions, SUNDAY_EVENING, LIMITS)).due
    assert (summary.due.user_id, summary.due.first_name, summary.due.slot) == (1, "Ada", "weekly")
    assert (summary.week.days_done_week, summary.week.streak) == (4, 3)
    assert summary.week.adherence_week is not None and round(summary.week.adherence_week, 2) == 0.57
    assert (await claim_summaries(sessions, SUNDAY_EVENING, LIMITS)).due == ()
