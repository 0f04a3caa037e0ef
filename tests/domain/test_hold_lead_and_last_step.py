"""The three tap savers in the walkthrough's rules: a hold that starts by itself when its step
arrives (and how long it waits), the rating on the last step, and the second foot's counted run
on one screen."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.walkthrough import (
    AUTO_HOLD_LEAD_SECONDS,
    FIRST_HOLD_LEAD_SECONDS,
    Action,
    EventKind,
    InvalidMove,
    Position,
    Shape,
    Status,
    apply,
    hold_arrives,
    hold_lead,
    offers_done_fine,
)

PER_SIDE = frozenset({0, 1, 2})
WALL = Position(
    0, 3, set_count=2, shape=Shape(set_start=0, set_end=2, per_side=PER_SIDE, holds=frozenset({1}))
)
"""Set-up, a 30 s hold, a closing step, each per side; two sets."""
BIG_TOE = Position(0, 3, shape=Shape(set_start=0, set_end=2, per_side=PER_SIDE))
"""Set-up, two counted steps, each per side; no hold."""
CURLS = Position(0, 3, shape=Shape(set_start=1, set_end=2, per_side=frozenset({1, 2})))
"""Set-up once, then per side: a counted step and a closing step."""


def test_next_onto_a_hold_starts_it_with_the_first_lead() -> None:
    move = apply(WALL, Action.NEXT)
    assert move.position.step == 1 and hold_arrives(WALL, move, Action.NEXT)
    assert hold_lead(move.position) == FIRST_HOLD_LEAD_SECONDS


@pytest.mark.parametrize(("set_index", "side"), [(0, 1), (1, 0), (1, 1)])
def test_later_holds_of_the_exercise_get_the_short_lead(set_index: int, side: int) -> None:
    held = replace(WALL, step=1, set_index=set_index, side=side)
    assert hold_lead(held) == AUTO_HOLD_LEAD_SECONDS


def test_back_onto_a_hold_leaves_the_timer_a_choice() -> None:
    after = replace(WALL, step=2)
    move = apply(after, Action.BACK)
    assert move.position.step == 1 and not hold_arrives(after, move, Action.BACK)


def test_skip_onto_a_hold_starts_it_too_and_a_step_without_one_does_not() -> None:
    assert hold_arrives(WALL, apply(WALL, Action.SKIP), Action.SKIP)
    held = replace(WALL, step=1)
    assert not hold_arrives(held, apply(held, Action.NEXT), Action.NEXT)


def test_the_last_step_rates_in_one_press() -> None:
    last = replace(WALL, step=2, set_index=1, side=1)
    assert offers_done_fine(last)
    move = apply(last, Action.RATE, 8)
    assert (move.position.status, move.position.discomfort) == (Status.COMPLETED, 8)
    assert move.events == (EventKind.DONE_STEP, EventKind.FINISHED, EventKind.DISCOMFORT)


@pytest.mark.parametrize("value", [None, -1, 11])
def test_a_rating_out_of_range_changes_nothing(value: int | None) -> None:
    last = replace(WALL, step=2, set_index=1, side=1)
    with pytest.raises(InvalidMove):
        apply(last, Action.RATE, value)


def test_a_rating_before_the_last_step_is_refused() -> None:
    with pytest.raises(InvalidMove):
        apply(replace(WALL, step=2, set_index=1, side=0), Action.RATE, 2)


def test_the_second_foots_counted_run_is_one_screen_and_the_last() -> None:
    left = apply(replace(BIG_TOE, step=2), Action.NEXT).position
    assert (left.step, left.side, left.through) == (0, 1, 2)
    assert left.is_last_step and offers_done_fine(left)
    assert apply(left, Action.NEXT).position.status is Status.RATING
    back = apply(left, Action.BACK).position
    assert (back.step, back.side) == (2, 0)


def test_back_into_a_run_shown_on_one_screen_lands_on_that_screen() -> None:
    two_sets = replace(BIG_TOE, set_count=2)
    set_two = apply(replace(two_sets, step=0, side=1), Action.NEXT).position
    assert (set_two.set_index, set_two.step, set_two.side) == (1, 0, 0)
    back = apply(set_two, Action.BACK).position
    assert (back.set_index, back.step, back.side, back.through) == (0, 0, 1, 2)
    curls = apply(replace(CURLS, step=2), Action.NEXT).position
    assert (curls.step, curls.side, curls.through) == (1, 1, 2)
    assert replace(CURLS, step=1).through == 1  # the first foot learns each step on its own


def test_a_run_with_a_hold_keeps_a_screen_per_step() -> None:
    left = apply(replace(WALL, step=2), Action.NEXT).position
    assert (left.step, left.side, left.through) == (0, 1, 0)
