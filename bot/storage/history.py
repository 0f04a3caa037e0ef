"""Reading one person's history: what /progress, the weekly summary and /export are built from.

Plain column selects turned into detached records: the reports run after the session closes
(some in a thread), so nothing they hold may lazy-load from the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.report import History, Record
from bot.domain.schedule import DEFAULT_ZONE, EVERY_DAY
from bot.storage.models import Pause, Subscription, Walkthrough


async def load_history(session: AsyncSession, user_id: int) -> History:
    """Every walkthrough (oldest first), every pause, and the zone and days they count in.

    Someone without a subscription (they only ever looked exercises up) counts in UTC, every
    day, so their figures still make sense.
    """
    subscription = await session.get(Subscription, user_id)
    zone = (subscription.time_zone if subscription else None) or DEFAULT_ZONE
    weekdays = (subscription.weekdays if subscription else None) or EVERY_DAY
    rows = await session.execute(
        select(
            Walkthrough.exercise_id,
            Walkthrough.status,
            Walkthrough.discomfort,
            Walkthrough.level,
            Walkthrough.variant,
            Walkthrough.skip_reason,
            Walkthrough.started_at,
            Walkthrough.finished_at,
        )
        .where(Walkthrough.user_id == user_id)
        .order_by(Walkthrough.started_at, Walkthrough.id)
    )
    records = [Record(*row) for row in rows]
    pause_rows = await session.execute(
        select(Pause.started_at, Pause.until, Pause.ended_at)
        .where(Pause.user_id == user_id)
        .order_by(Pause.started_at)
    )
    pauses = [(start, _pause_end(until, ended)) for start, until, ended in pause_rows]
    subscribed_at = subscription.created_at if subscription else None
    return History(zone, weekdays, records, pauses, subscribed_at)


def _pause_end(until: datetime | None, ended_at: datetime | None) -> datetime | None:
    """A pause ends at its planned end or when resumed early, whichever came first."""
    ends = [end for end in (until, ended_at) if end is not None]
    return min(ends) if ends else None
