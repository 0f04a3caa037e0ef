"""A new person's /progress: what the chart covers, when it is sent, how averages read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.report import (
    CHART_MIN_DAYS,
    WINDOW_DAYS,
    Day,
    chart_days,
    overview,
    readable_average,
)
from tests.domain.test_report import NOW, done, history

TODAY = date(2026, 3, 20)


def days(*completed: int) -> tuple[Day, ...]:
    """Days ending today, oldest first, with `completed` exercises each."""
    start = TODAY - timedelta(days=len(completed) - 1)
    return tuple(
        Day(start + timedelta(days=i), count, 1.0 if count else None)
        for i, count in enumerate(completed)
    )


@pytest.mark.parametrize(
    ("completed", "shown"),
    [
        ((0,) * 30, 0),
        ((0,) * 29 + (3,), 0),  # one day: the text says it all
        ((0,) * 28 + (2, 3), 2),
        ((0,) * 25 + (1, 0, 0, 0, 2), 5),
        ((1,) + (0,) * 28 + (1,), 30),
        ((2, 2, 2), 3),
    ],
)
def test_the_chart_starts_on_the_first_day_with_data(
    completed: tuple[int, ...], shown: int
) -> None:
    chosen = chart_days(days(*completed))
    assert len(chosen) == shown
    if chosen:
        assert chosen[0].completed and chosen[-1].day == TODAY
    assert CHART_MIN_DAYS == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0.0, 0.0), (2.0, 2.0), (2.25, 2.2), (2.26, 2.3), (1 / 3, 0.3), (10.0, 10.0)],
)
def test_averages_keep_one_decimal(value: float | None, expected: float | None) -> None:
    assert readable_average(value) == expected


def test_a_new_person_is_known_since_they_started() -> None:
    started = NOW - timedelta(days=2)
    report = overview(history(done(19), done(20), subscribed_at=started), NOW)
    assert report.known_days == 3
    assert [day.completed for day in report.chart_days] == [1, 1]


def test_an_old_hand_is_known_for_the_whole_window() -> None:
    report = overview(history(done(19), subscribed_at=datetime(2026, 1, 1, tzinfo=UTC)), NOW)
    assert report.known_days == WINDOW_DAYS
    assert report.chart_days == ()
