"""The operator's figures' pure rules: the median from counts, late, the UTC day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.figures import LATE_AFTER, is_late, median, utc_day


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [
        ({}, None),
        ({3: 0}, None),
        ({4: 1}, 4.0),
        ({1: 1, 2: 1, 5: 1}, 2.0),
        ({4: 1, 6: 1}, 5.0),
        ({0: 3, 10: 1}, 0.0),
        ({0: 2, 10: 2}, 5.0),
        ({7: 5, 2: 5, 3: 1}, 3.0),
    ],
)
def test_median_from_counts(histogram: dict[int, int], expected: float | None) -> None:
    assert median(histogram) == expected


def test_median_agrees_with_the_plain_median() -> None:
    import statistics

    values = [0, 0, 1, 3, 3, 3, 4, 7, 9, 10, 10]
    for cut in range(1, len(values) + 1):
        sample = values[:cut]
        histogram = {value: sample.count(value) for value in set(sample)}
        assert median(histogram) == statistics.median(sample)


def test_late_is_strictly_more_than_five_minutes() -> None:
    due = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    assert not is_late(due, due + LATE_AFTER)
    assert is_late(due, due + LATE_AFTER + timedelta(seconds=1))


def test_the_utc_day() -> None:
    start, end = utc_day(datetime(2026, 3, 2, 23, 59, tzinfo=UTC))
    assert (start, end) == (
        datetime(2026, 3, 2, tzinfo=UTC),
        datetime(2026, 3, 3, tzinfo=UTC),
    )
