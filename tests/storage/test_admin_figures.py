"""The operator's figures over a seeded database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from bot.storage.database import SessionFactory
from bot.storage.models import Delivery, InboxUpdate, Routine, Subscription, User
from bot.usecases.admin import Figures, Subscribers, Trend, admin_figures
from tests.storage.history_rows import add, walkthrough
from tests.storage.subscribers import subscribe

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TODAY = datetime(2026, 3, 2, tzinfo=UTC)
A1, A2, P1, P2, S1, B1, O1 = 101, 102, 103, 104, 105, 106, 107


def delivery(
    user_id: int,
    due_at: datetime,
    state: str,
    *,
    slot: str = "daily",
    sent_at: datetime | None = None,
    reason: str | None = None,
) -> Delivery:
    return Delivery(
        user_id=user_id,
        local_date=due_at.date(),
        slot=slot,
        state=state,
        due_at=due_at,
        attempts=1,
        sent_at=sent_at,
        reason=reason,
    )


def routine(user_id: int, day: date, status: str, finished_at: datetime | None) -> Routine:
    return Routine(
        user_id=user_id,
        local_date=day,
        items=[],
        position=0,
        status=status,
        notes=[],
        started_at=finished_at or NOW,
        finished_at=finished_at,
    )


def inbox(update_id: int, status: str) -> InboxUpdate:
    return InboxUpdate(
        update_id=update_id,
        kind="message",
        payload={},
        status=status,
        attempts=1,
        received_at=NOW,
    )


async def seed(sessions: SessionFactory) -> None:
    for user_id in (A1, A2, P1, P2, S1, B1, O1):
        await subscribe(sessions, user_id, NOW - timedelta(days=30))
    changes = {
        A1: {"next_due_at": TODAY + timedelta(days=1, hours=7)},
        A2: {"paused_until": NOW - timedelta(days=1), "next_due_at": TODAY + timedelta(hours=18)},
        P1: {"status": "paused", "next_due_at": None},
        P2: {"paused_until": NOW + timedelta(days=2), "next_due_at": NOW + timedelta(days=2)},
        S1: {"status": "stopped", "next_due_at": None},
        B1: {"next_due_at": TODAY + timedelta(hours=20)},  # blocked: not coming
        O1: {"status": "onboarding", "next_due_at": None},
    }
    async with sessions.begin() as session:
        for user_id, values in changes.items():
            await session.execute(
                update(Subscription).where(Subscription.user_id == user_id).values(**values)
            )
        await session.execute(update(User).where(User.id == B1).values(active=False))
    hour = timedelta(hours=1)
    await add(
        sessions,
        # due today: sent on time, sent late, failed
        delivery(A1, TODAY + 7 * hour, "sent", sent_at=TODAY + 7 * hour + timedelta(seconds=30)),
        delivery(A2, TODAY + 8 * hour, "sent", sent_at=TODAY + 8 * hour + timedelta(minutes=10)),
        delivery(P1, TODAY + 9 * hour, "failed", reason="Bad Request: chat not found"),
        # yesterday, inside the last 24 h, and outside them
        delivery(S1, TODAY - 11 * hour, "failed", reason="blocked"),
        delivery(B1, TODAY - 13 * hour, "failed", reason="blocked"),
        # a snooze sent late counts as late, not as due today
        delivery(A1, TODAY + 10 * hour, "sent", slot="snooze1", sent_at=TODAY + 10.4 * hour),
        # a broadcast and a weekly summary are not reminders
        delivery(A2, TODAY + 11 * hour, "sent", slot="bc1", sent_at=TODAY + 11.5 * hour),
        delivery(A2, TODAY + 6 * hour, "failed", slot="weekly", reason="x"),
        routine(A1, date(2026, 2, 28), "completed", NOW - timedelta(days=2)),
        routine(A1, date(2026, 2, 21), "completed", NOW - timedelta(days=8)),
        routine(A2, date(2026, 3, 1), "ended", NOW - timedelta(days=1)),
        routine(A2, date(2026, 3, 2), "active", None),
        walkthrough(A1, "calf_raises", NOW - timedelta(days=1), discomfort=1),
        walkthrough(A1, "toe_curls", NOW - timedelta(days=2), discomfort=2),
        walkthrough(A2, "calf_raises", NOW - timedelta(days=3), discomfort=5),
        walkthrough(A2, "toe_curls", NOW - timedelta(days=3), discomfort=None),
        walkthrough(A1, "calf_raises", NOW - timedelta(days=9), discomfort=4),
        walkthrough(A2, "calf_raises", NOW - timedelta(days=10), discomfort=6),
        walkthrough(A2, "toe_curls", NOW - timedelta(days=15), discomfort=10),
        inbox(1, "parked"),
        inbox(2, "parked"),
        inbox(3, "pending"),
        inbox(4, "done"),
    )


async def test_the_figures_of_a_seeded_database(sessions: SessionFactory) -> None:
    await seed(sessions)
    assert await admin_figures(sessions, NOW) == Figures(
        subscribers=Subscribers(active=2, paused=2, stopped=1, blocked=1),
        due_today=4,  # three claimed today, A2's still to come at 18:00
        sent_today=2,
        late_24h=2,
        failed_24h=2,
        routines_7d=1,
        discomfort=Trend(this_week=2.0, last_week=5.0),
        parked=2,
    )


async def test_an_empty_database(sessions: SessionFactory) -> None:
    assert await admin_figures(sessions, NOW) == Figures(
        subscribers=Subscribers(0, 0, 0, 0),
        due_today=0,
        sent_today=0,
        late_24h=0,
        failed_24h=0,
        routines_7d=0,
        discomfort=Trend(None, None),
        parked=0,
    )
