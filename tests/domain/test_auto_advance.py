"""What a walkthrough does by itself when a hold or a rest ends (:func:`after_timer`).

A hold's end goes to the next hold when only uncounted steps lie between (out of the stretch,
into position on the other foot), and starts it; otherwise one screen on. A hold on the last
screen stays; a rest's end starts the next set.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.walkthrough import (
    Action,
    EventKind,
    InvalidMove,
    Position,
    Shape,
    Status,
    after_timer,
    apply,
)

Screen = tuple[int, int, int, Status]  # set index, step, side, status

PER_SIDE = frozenset({0, 1, 2})
SOLEUS = Position(0, 3, set_count=3, shape=Shape(set_start=0, set_end=2, per_side=PER_SIDE))
"""Set-up, a 30 s hold, a closing step, each per side; three sets, no rest."""
BALANCE = Position(
    0, 3, set_count=2, shape=Shape(set_start=1, set_end=2, per_side=frozenset({1, 2}))
)
"""Set-up once, then per side: weight onto the foot, a hold on the last step; two sets."""
MASSAGE = Position(0, 3, shape=Shape(set_start=0, set_end=1, per_side=frozenset({0, 1})))
"""Per side: a ball under the foot, a minute's rolling (a hold); then one closing step."""
CALF = Position(0, 3, set_count=2, shape=Shape(set_start=1, set_end=1, rest_seconds=30))
"""Set-up, ten raises, a closing step; two sets with a 30 s rest."""
HOLDS = frozenset({1})
NONE: frozenset[int] = frozenset()


def at(position: Position, set_index: int, step: int, side: int) -> Position:
    return replace(position, set_index=set_index, step=step, side=side)


def screen(position: Position) -> Screen:
    return (position.set_index, position.step, position.side, position.status)


def chain(position: Position, holds: frozenset[int]) -> list[Screen]:
    """The screens that holds' ends bring by themselves, one after the other."""
    screens: list[Screen] = []
    while True:
        auto = after_timer(position, holds, NONE)
        screens.append(screen(auto.position))
        if not auto.holds:
            return screens
        position = auto.position


A = Status.ACTIVE


def test_three_sets_of_holds_on_each_foot_run_by_themselves_to_the_last_step() -> None:
    assert chain(at(SOLEUS, 0, 1, 0), HOLDS) == [
        (0, 1, 1, A),
        (1, 1, 0, A),
        (1, 1, 1, A),
        (2, 1, 0, A),
        (2, 1, 1, A),
        (2, 2, 1, A),  # the last step: Done, or "Done, no discomfort", in one tap
    ]


def test_the_steps_gone_over_are_said_and_every_one_is_recorded() -> None:
    auto = after_timer(at(SOLEUS, 0, 1, 1), HOLDS, NONE)
    assert auto.holds and auto.passed == (2, 0)
    assert auto.events == (
        (EventKind.TIMER_ENDED, 1),
        (EventKind.DONE_STEP, 1),
        (EventKind.DONE_STEP, 2),
        (EventKind.SET_DONE, 2),
        (EventKind.DONE_STEP, 0),
    )


def test_a_hold_on_the_last_screen_stays_there() -> None:
    assert chain(at(BALANCE, 0, 2, 0), frozenset({2})) == [
        (0, 2, 1, A),
        (1, 2, 0, A),
        (1, 2, 1, A),
        (1, 2, 1, A),
    ]
    last = after_timer(at(BALANCE, 1, 2, 1), frozenset({2}), NONE)
    assert last.position == at(BALANCE, 1, 2, 1) and not last.holds and last.passed == ()
    assert last.events == ((EventKind.TIMER_ENDED, 2),)


def test_after_the_last_hold_one_screen_on() -> None:
    auto = after_timer(at(MASSAGE, 0, 1, 1), HOLDS, NONE)
    assert screen(auto.position) == (0, 2, 0, A) and not auto.holds and auto.passed == ()


def test_a_counted_step_between_holds_stops_the_chain() -> None:
    auto = after_timer(at(SOLEUS, 0, 1, 0), HOLDS, frozenset({2}))
    assert screen(auto.position) == (0, 2, 0, A) and not auto.holds


def test_a_hold_before_a_rest_ends_in_the_rest() -> None:
    rested = Position(0, 2, set_count=2, shape=Shape(set_start=0, set_end=1, rest_seconds=30))
    auto = after_timer(replace(rested, step=1), HOLDS, NONE)
    assert auto.position.status is Status.RESTING and not auto.holds


def test_the_end_of_a_rest_starts_the_next_set() -> None:
    resting = apply(at(CALF, 0, 1, 0), Action.NEXT).position
    assert resting.status is Status.RESTING
    auto = after_timer(resting, NONE, HOLDS)
    assert screen(auto.position) == (1, 1, 0, A) and not auto.holds
    assert auto.events == ((EventKind.REST_ENDED, 1),)


def test_the_end_of_a_rest_goes_over_the_set_up_to_a_hold_and_starts_it() -> None:
    shape = Shape(set_start=0, set_end=1, rest_seconds=30)
    resting = Position(0, 3, Status.RESTING, set_index=1, set_count=2, shape=shape)
    auto = after_timer(resting, HOLDS, NONE)
    assert screen(auto.position) == (1, 1, 0, A) and auto.holds and auto.passed == (0,)


@pytest.mark.parametrize("status", [Status.RATING, Status.COMPLETED, Status.SKIPPING])
def test_no_move_by_itself_outside_a_hold_or_rest(status: Status) -> None:
    with pytest.raises(InvalidMove):
        after_timer(replace(SOLEUS, status=status), HOLDS, NONE)
