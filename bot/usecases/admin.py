"""The operator's `/admin` figures, computed in one read-only transaction.

The result is data: the Telegram layer labels each figure and offers its definition (all in
`texts.ADMIN_FIGURES`), so what is counted and what the operator reads stay side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.figures import Trend, median
from bot.storage import admin
from bot.storage.admin import Subscribers
from bot.storage.database import SessionFactory

__all__ = ["Figures", "Subscribers", "Trend", "admin_figures"]


@dataclass(frozen=True, slots=True)
class Figures:
    subscribers: Subscribers
    due_today: int
    sent_today: int
    late_24h: int
    failed_24h: int
    routines_7d: int
    discomfort: Trend
    parked: int


async def admin_figures(sessions: SessionFactory, now: datetime) -> Figures:
    async with sessions.begin() as session:
        subscribers = await admin.subscribers(session, now)
        due, sent = await admin.reminders_today(session, now)
        late, failed = await admin.late_and_failed(session, now)
        routines = await admin.routines_finished(session, now)
        this_week, last_week = await admin.discomfort_weeks(session, now)
        parked = await admin.parked_updates(session)
    return Figures(
        subscribers=subscribers,
        due_today=due,
        sent_today=sent,
        late_24h=late,
        failed_24h=failed,
        routines_7d=routines,
        discomfort=Trend(median(this_week), median(last_week)),
        parked=parked,
    )
