"""When the weekly summary is due: 19:00 local on the person's chosen weekday.

An evening at the end of the chosen day leaves that day's exercises in the count, and is an
hour when a short look back is welcome rather than in the way.
"""

from __future__ import annotations

from datetime import datetime, time

from bot.domain.schedule import next_due, weekday_mask

SUMMARY_TIME = time(19, 0)


def next_summary(now: datetime, weekday: int | None, zone: str | None) -> datetime | None:
    """The first summary instant strictly after `now`; None when summaries are off or the
    person has no zone yet (we would not know when their evening is)."""
    if weekday is None or zone is None:
        return None
    return next_due(now, SUMMARY_TIME, zone, weekday_mask([weekday]))
