"""The operator's figures as pure rules: what counts as late, a day, a median, a trend.

The storage layer counts rows; the few judgements on top of those counts live here so that
the definitions shown to the operator (`texts.ADMIN_FIGURES`) and the arithmetic agree, and a
test can walk them without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

LATE_AFTER = timedelta(minutes=5)
"""A reminder sent more than this after its due instant counts as late."""
RECENT = timedelta(hours=24)
FINISHED_WINDOW = timedelta(days=7)
TREND_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Trend:
    """Median discomfort (0-10) of ratings in the last 7 days and the 7 days before."""

    this_week: float | None
    last_week: float | None


def utc_day(now: datetime) -> tuple[datetime, datetime]:
    """The UTC calendar day holding `now`, as [start, end)."""
    start = datetime.combine(now.astimezone(UTC).date(), time(0), tzinfo=UTC)
    return start, start + timedelta(days=1)


def is_late(due_at: datetime, sent_at: datetime) -> bool:
    return sent_at - due_at > LATE_AFTER


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as value -> how many times; None when there are none."""
    total = sum(count for count in histogram.values() if count > 0)
    if total == 0:
        return None
    ordered = sorted((value, count) for value, count in histogram.items() if count > 0)

    def nth(n: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        raise AssertionError("n beyond the total")  # pragma: no cover

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2
