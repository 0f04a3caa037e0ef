"""A person's history turned into the figures /progress and the weekly summary show.

Storage hands over plain records; this module counts them in the person's local days with
the rules of :mod:`bot.domain.progress`, so the numbers in the chat, on the chart and in the
weekly message always agree. Pure: `now` is an argument.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain import progress
from bot.domain.schedule import local_date
from bot.domain.walkthrough import Status

WINDOW_DAYS = 30
WEEK_DAYS = 7
CHART_MIN_DAYS = 2
"""A chart needs at least two days with exercises done: one bar says nothing the text does not."""


@dataclass(frozen=True, slots=True)
class Record:
    """One walkthrough as the reports need it (a row of `walkthroughs`, detached)."""

    exercise_id: str
    status: str
    discomfort: int | None
    level: int
    variant: str
    skip_reason: str | None
    started_at: datetime
    finished_at: datetime | None

    @property
    def completed_at(self) -> datetime | None:
        """When it was completed; None for anything not (or not yet) completed."""
        return self.finished_at if self.status == Status.COMPLETED else None

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True, slots=True)
class History:
    """Everything about a person that the reports read, in UTC instants."""

    zone: str
    weekdays: int
    records: Sequence[Record]
    pauses: Sequence[tuple[datetime, datetime | None]]
    subscribed_at: datetime | None = None

    def first_day(self) -> date | None:
        """The local day the person started: they subscribed, or first tried an exercise."""
        starts = [record.started_at for record in self.records[:1]]
        if self.subscribed_at is not None:
            starts.append(self.subscribed_at)
        return local_date(min(starts), self.zone) if starts else None


@dataclass(frozen=True, slots=True)
class ExerciseTrend:
    exercise_id: str
    times: int
    average: float | None
    trend: progress.Trend


@dataclass(frozen=True, slots=True)
class Day:
    """One bar and one point of the chart."""

    day: date
    completed: int
    average: float | None


@dataclass(frozen=True, slots=True)
class Overview:
    today: date
    streak: int
    adherence_week: float | None
    adherence_month: float | None
    days_done_week: int
    exercises: tuple[ExerciseTrend, ...]
    days: tuple[Day, ...]

    known_days: int = WINDOW_DAYS
    """How many local days the person has been here (today counts), at most the window."""

    @property
    def anything_recent(self) -> bool:
        """Something happened in the chart's window."""
        return any(day.completed for day in self.days)

    @property
    def chart_days(self) -> tuple[Day, ...]:
        """The days a chart shows: from the first day with an exercise done, so a new
        person's chart is not a month of empty days; empty while a chart would say nothing
        (fewer than ``CHART_MIN_DAYS`` days with exercises done)."""
        return chart_days(self.days)


def chart_days(days: Sequence[Day]) -> tuple[Day, ...]:
    """`days` from the first one with something done; () when fewer than CHART_MIN_DAYS days
    have anything done."""
    active = [index for index, day in enumerate(days) if day.completed]
    if len(active) < CHART_MIN_DAYS:
        return ()
    return tuple(days[active[0] :])


def readable_average(value: float | None) -> float | None:
    """An average as people read it: one decimal at most (the text drops a trailing ".0")."""
    return None if value is None else round(value, 1)


def has_history(history: History) -> bool:
    """At least one exercise ever done: below that there is nothing to report."""
    return any(record.completed for record in history.records)


def overview(history: History, now: datetime) -> Overview:
    today = local_date(now, history.zone)
    done = [
        (local_date(finished, history.zone), r)
        for r in history.records
        if (finished := r.completed_at) is not None
    ]
    done_days = {day for day, _ in done}
    paused = progress.paused_days(history.pauses, history.zone, today)
    month_start = today - timedelta(days=WINDOW_DAYS - 1)
    week_start = today - timedelta(days=WEEK_DAYS - 1)
    first_day = history.first_day()
    known = WINDOW_DAYS if first_day is None else (today - first_day).days + 1

    def adherence(window: int) -> float | None:
        return progress.adherence(today, done_days, history.weekdays, paused, window, first_day)

    return Overview(
        today=today,
        streak=progress.streak(today, done_days, history.weekdays, paused),
        adherence_week=adherence(WEEK_DAYS),
        adherence_month=adherence(WINDOW_DAYS),
        days_done_week=sum(week_start <= day <= today for day in done_days),
        exercises=_trends(done, month_start, today),
        days=_days(done, month_start, today),
        known_days=max(1, min(known, WINDOW_DAYS)),
    )


def _trends(
    done: Sequence[tuple[date, Record]], start: date, today: date
) -> tuple[ExerciseTrend, ...]:
    """Per exercise done in the window, most practised first.

    The trend looks at every score (it compares this week with the one before, which may
    reach back before the window); counts and averages stay inside the window.
    """
    scores: dict[str, list[tuple[date, int]]] = defaultdict(list)
    recent: dict[str, list[Record]] = defaultdict(list)
    for day, record in done:
        if record.discomfort is not None:
            scores[record.exercise_id].append((day, record.discomfort))
        if start <= day <= today:
            recent[record.exercise_id].append(record)
    trends = [
        ExerciseTrend(
            exercise_id=exercise_id,
            times=len(records),
            average=_average([r.discomfort for r in records]),
            trend=progress.discomfort_trend(scores[exercise_id], today),
        )
        for exercise_id, records in recent.items()
    ]
    return tuple(sorted(trends, key=lambda t: (-t.times, t.exercise_id)))


def _days(done: Sequence[tuple[date, Record]], start: date, today: date) -> tuple[Day, ...]:
    per_day: dict[date, list[Record]] = defaultdict(list)
    for day, record in done:
        per_day[day].append(record)
    days = []
    day = start
    while day <= today:
        records = per_day.get(day, [])
        days.append(Day(day, len(records), _average([r.discomfort for r in records])))
        day += timedelta(days=1)
    return tuple(days)


def _average(values: Sequence[int | None]) -> float | None:
    rated = [value for value in values if value is not None]
    return sum(rated) / len(rated) if rated else None
