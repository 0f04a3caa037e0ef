"""Streaks, adherence and discomfort trends: showing people they are getting somewhere.

Every figure is counted in the person's local days and only over the days they asked to be
reminded on (a weekday mask, as in :mod:`bot.domain.schedule`). Days they paused and weekdays
they did not choose are nobody's fault, so they neither break nor extend a streak and are left
out of adherence. A day counts as done when at least one exercise was done on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.routine import Done
from bot.domain.schedule import local_date

Trend = Literal["better", "steady", "worse", "unknown"]

TREND_DAYS = 7
TREND_THRESHOLD = 1.0
"""A change in average discomfort of a whole point or more is a trend; less is noise."""

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayRecord:
    """Whether the routine counted as done on one local day (at least one exercise done)."""

    day: date
    completed: bool


def completed_days(history: Iterable[Done]) -> set[date]:
    """The local days with at least one exercise done."""
    return {record.day for record in history}


def day_records(today: date, done: set[date], window: int) -> tuple[DayRecord, ...]:
    """One record per day of the last ``window`` days, oldest first, for charts and exports."""
    start = today - (window - 1) * _DAY
    return tuple(DayRecord(day, day in done) for day in _days(start, today))


def streak(
    today: date, done_days: set[date], scheduled_weekdays: int, paused_days: set[date]
) -> int:
    """Consecutive scheduled days that were done, ending today, or yesterday if today is open.

    Walks back from today: a scheduled, unpaused day that was done adds one; one that was not
    done ends the streak, except today, which the person may still do. Unscheduled and paused
    days are stepped over.
    """
    if not done_days:
        return 0
    earliest = min(done_days)
    count = 0
    day = today
    while day >= earliest:
        if _counts(day, scheduled_weekdays, paused_days):
            if day in done_days:
                count += 1
            elif day != today:
                break
        day -= _DAY
    return count


def adherence(
    today: date,
    done_days: set[date],
    scheduled_weekdays: int,
    paused_days: set[date],
    window: int,
    first_day: date | None = None,
) -> float | None:
    """Share of the scheduled, unpaused days in the last ``window`` days that were done.

    Days before ``first_day`` (when the person started with us) are not judged: someone who
    joined on Monday has not missed last week. Today is included only once done, so a morning
    check does not show it as missed. ``None`` when there is no such day to judge (a new
    person, or a window that was all paused).
    """
    start = today - (window - 1) * _DAY
    if first_day is not None:
        start = max(start, first_day)
    judged = [
        day
        for day in _days(start, today)
        if _counts(day, scheduled_weekdays, paused_days) and (day < today or day in done_days)
    ]
    if not judged:
        return None
    return sum(day in done_days for day in judged) / len(judged)


def discomfort_trend(scores: Sequence[tuple[date, int]], today: date) -> Trend:
    """Average discomfort of the last 7 days (today included) against the 7 before.

    Lower is better. ``unknown`` unless both weeks have at least one score.
    """
    recent_start = today - (TREND_DAYS - 1) * _DAY
    earlier_start = recent_start - TREND_DAYS * _DAY
    recent = [score for day, score in scores if recent_start <= day <= today]
    earlier = [score for day, score in scores if earlier_start <= day < recent_start]
    if not recent or not earlier:
        return "unknown"
    change = sum(recent) / len(recent) - sum(earlier) / len(earlier)
    if change <= -TREND_THRESHOLD:
        return "better"
    if change >= TREND_THRESHOLD:
        return "worse"
    return "steady"


def paused_days(
    pauses: Sequence[tuple[datetime, datetime | None]], zone: str | ZoneInfo, today: date
) -> set[date]:
    """The local days touched by any pause, up to today; an open pause runs to today.

    A pause covers [start, end): a day counts if any part of it was paused, so resuming at noon
    does not turn that morning into a missed day. A pause that ends exactly at local midnight
    does not touch the day that begins there.
    """
    covered: set[date] = set()
    for start, end in pauses:
        first = local_date(start, zone)
        if end is None:
            last = today
        elif end <= start:
            continue
        else:
            last = local_date(end, zone)
            if local_date(end - timedelta(microseconds=1), zone) < last:
                last -= _DAY
        covered.update(_days(first, min(last, today)))
    return covered


def _counts(day: date, scheduled_weekdays: int, paused: set[date]) -> bool:
    """A day that can make or break a streak: a chosen weekday, not paused."""
    return bool(scheduled_weekdays >> day.weekday() & 1) and day not in paused


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += _DAY
