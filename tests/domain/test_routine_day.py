"""The day's routine as a state machine: every status, position, length and rating walked."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from bot.domain.routine_day import (
    InvalidRoutineMove,
    RoutineRefusal,
    RoutineState,
    RoutineStatus,
    finish,
    press_refusal,
)
from bot.domain.walkthrough import MAX_DISCOMFORT

RATINGS: tuple[int | None, ...] = (None, *range(MAX_DISCOMFORT + 1))
DAY = date(2026, 3, 2)


def _expected(position: int, length: int, rating: int | None) -> RoutineStatus:
    """The table, written out: severe ends the day, the last item completes it."""
    if rating is not None and rating >= 7:  # the severe band: 7 to 10
        return RoutineStatus.ENDED
    if position == length - 1:
        return RoutineStatus.COMPLETED
    return RoutineStatus.ACTIVE


@pytest.mark.parametrize("length", range(1, 6))
def test_every_finished_exercise_of_an_active_routine(length: int) -> None:
    for position, rating in itertools.product(range(length), RATINGS):
        after = finish(RoutineState(position, length), rating)
        assert after == RoutineState(position + 1, length, _expected(position, length, rating))


@pytest.mark.parametrize("status", [RoutineStatus.COMPLETED, RoutineStatus.ENDED])
def test_a_routine_that_is_over_does_not_move(status: RoutineStatus) -> None:
    for position, rating in itertools.product(range(3), RATINGS):
        with pytest.raises(InvalidRoutineMove):
            finish(RoutineState(position, 3, status), rating)


@pytest.mark.parametrize("position", [-1, 3, 4])
def test_no_exercise_outside_the_list(position: int) -> None:
    with pytest.raises(InvalidRoutineMove):
        finish(RoutineState(position, 3), 0)


def test_walking_a_whole_routine_completes_it_once() -> None:
    state = RoutineState(0, 4)
    seen = [state.status]
    while state.status is RoutineStatus.ACTIVE:
        state = finish(state, 2)
        seen.append(state.status)
    assert seen == [RoutineStatus.ACTIVE] * 4 + [RoutineStatus.COMPLETED]
    assert state.position == 4


@pytest.mark.parametrize(
    ("status", "day", "expected"),
    [
        (None, None, RoutineRefusal.GONE),
        (None, DAY, RoutineRefusal.GONE),
        (RoutineStatus.ACTIVE, None, RoutineRefusal.GONE),
        (RoutineStatus.ACTIVE, DAY, None),
        (RoutineStatus.ACTIVE, DAY - timedelta(days=1), RoutineRefusal.OTHER_DAY),
        (RoutineStatus.ACTIVE, DAY + timedelta(days=1), RoutineRefusal.OTHER_DAY),
        (RoutineStatus.COMPLETED, DAY, RoutineRefusal.OVER),
        (RoutineStatus.ENDED, DAY, RoutineRefusal.OVER),
        (RoutineStatus.COMPLETED, DAY - timedelta(days=1), RoutineRefusal.OVER),
        (RoutineStatus.ENDED, DAY - timedelta(days=1), RoutineRefusal.OVER),
    ],
)
def test_which_presses_belong_to_todays_active_routine(
    status: RoutineStatus | None, day: date | None, expected: RoutineRefusal | None
) -> None:
    assert press_refusal(status, day, DAY) is expected


def test_statuses_are_the_stored_strings() -> None:
    assert [status.value for status in RoutineStatus] == ["active", "completed", "ended"]
