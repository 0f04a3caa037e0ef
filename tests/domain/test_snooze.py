"""Snooze choices: when each comes back, which are offered, and the remembered default."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.reminder_answer import (
    DEFAULT_SNOOZE,
    SNOOZES,
    Snooze,
    default_snooze,
    offered,
    snooze_until,
)

MORNING = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
EVENING = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
DAY_ENDS = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("choice", "now", "expected"),
    [
        (Snooze.QUARTER, MORNING, MORNING + timedelta(minutes=15)),
        (Snooze.HOUR, MORNING, MORNING + timedelta(hours=1)),
        (Snooze.THREE_HOURS, MORNING, MORNING + timedelta(hours=3)),
        (Snooze.EVENING, MORNING, EVENING),
        (Snooze.EVENING, EVENING - timedelta(minutes=61), EVENING),
        (Snooze.EVENING, EVENING - timedelta(hours=1), None),  # "1 h" says the same
        (Snooze.EVENING, EVENING + timedelta(minutes=1), None),
        (Snooze.THREE_HOURS, DAY_ENDS - timedelta(hours=3), None),
        (Snooze.HOUR, DAY_ENDS - timedelta(minutes=61), DAY_ENDS - timedelta(minutes=1)),
        (Snooze.HOUR, DAY_ENDS - timedelta(hours=1), None),
        (Snooze.QUARTER, DAY_ENDS - timedelta(minutes=10), None),
    ],
)
def test_when_a_snooze_comes_back(choice: Snooze, now: datetime, expected: datetime | None) -> None:
    assert snooze_until(now, DAY_ENDS, choice, EVENING) == expected


def test_the_evening_needs_to_be_known() -> None:
    assert snooze_until(MORNING, DAY_ENDS, Snooze.EVENING, None) is None


def test_the_default_is_an_hour() -> None:
    assert snooze_until(MORNING, DAY_ENDS) == MORNING + timedelta(hours=1)
    assert DEFAULT_SNOOZE is Snooze.HOUR


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (MORNING, SNOOZES),
        (EVENING - timedelta(minutes=30), (Snooze.QUARTER, Snooze.HOUR, Snooze.THREE_HOURS)),
        (DAY_ENDS - timedelta(minutes=90), (Snooze.QUARTER, Snooze.HOUR)),
        (DAY_ENDS - timedelta(minutes=30), (Snooze.QUARTER,)),
        (DAY_ENDS - timedelta(minutes=5), ()),
    ],
)
def test_what_is_offered_as_the_day_goes_on(now: datetime, expected: tuple[Snooze, ...]) -> None:
    assert offered(now, DAY_ENDS, EVENING) == expected


@pytest.mark.parametrize(
    ("remembered", "choices", "expected"),
    [
        (None, SNOOZES, Snooze.HOUR),
        ("q", SNOOZES, Snooze.QUARTER),
        ("t", SNOOZES, Snooze.THREE_HOURS),
        ("e", SNOOZES, Snooze.EVENING),
        ("e", (Snooze.QUARTER, Snooze.HOUR, Snooze.THREE_HOURS), Snooze.HOUR),
        ("t", (Snooze.QUARTER,), Snooze.QUARTER),
        (None, (Snooze.QUARTER,), Snooze.QUARTER),
        ("x", SNOOZES, Snooze.HOUR),  # an unknown stored value is ignored
        ("h", (), None),
    ],
)
def test_the_one_tap_default(
    remembered: str | None, choices: tuple[Snooze, ...], expected: Snooze | None
) -> None:
    assert default_snooze(remembered, choices) is expected
