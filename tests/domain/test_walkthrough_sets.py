"""Sets, sides and rests in the walkthrough state machine: every screen of a shaped exercise.

The tables walk a whole exercise with Next and back with Back, so each transition (next side,
next step, rest, next set, closing steps, rating) is pinned, and Back retraces Next exactly.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest

from bot.domain.walkthrough import (
    Action,
    EventKind,
    InvalidMove,
    Position,
    Shape,
    Status,
    apply,
    next_side,
)

Screen = tuple[int, int, int, Status]  # set index, step, side, status


def walk(position: Position) -> list[Screen]:
    """Every screen Next passes through, from `position` to the rating question."""
    screens: list[Screen] = []
    while position.status is not Status.RATING:
        screens.append((position.set_index, position.step, position.side, position.status))
        position = apply(position, Action.NEXT).position
    return screens


CALF = Position(0, 3, set_count=2, shape=Shape(set_start=1, set_end=1, rest_seconds=30))
"""Calf raises: set-up, the counted raise, a closing step; two sets with a rest."""
BAND = Position(0, 3, shape=Shape(set_start=0, set_end=2, per_side=frozenset({0, 1, 2})))
"""The resistance band: three per-side steps, done by the right foot one screen each, then
by the left on one screen (the run was learned; no hold in it)."""
STRETCH = Position(
    0,
    3,
    set_count=2,
    shape=Shape(set_start=0, set_end=2, per_side=frozenset({0, 1, 2}), holds=frozenset({1})),
)
"""The toe extensor stretch: a per-side run in two sets, no rest (the feet alternate)."""
MIXED = Position(0, 4, set_count=2, shape=Shape(set_start=1, set_end=2, per_side=frozenset({2})))
"""Set-up, a two-footed step, a per-side step, a closing step; two sets, no rest."""

A, R = Status.ACTIVE, Status.RESTING
WALKS = {
    "calf": (CALF, [(0, 0, 0, A), (0, 1, 0, A), (1, 1, 0, R), (1, 1, 0, A), (1, 2, 0, A)]),
    "band": (
        BAND,
        [(0, 0, 0, A), (0, 1, 0, A), (0, 2, 0, A), (0, 0, 1, A)],
    ),
    "stretch": (
        STRETCH,
        [
            *[(0, step, side, A) for side in (0, 1) for step in (0, 1, 2)],
            *[(1, step, side, A) for side in (0, 1) for step in (0, 1, 2)],
        ],
    ),
    "mixed": (
        MIXED,
        [
            (0, 0, 0, A),
            (0, 1, 0, A),
            (0, 2, 0, A),
            (0, 2, 1, A),
            (1, 1, 0, A),
            (1, 2, 0, A),
            (1, 2, 1, A),
            (1, 3, 0, A),
        ],
    ),
}


@pytest.mark.parametrize(("start", "screens"), WALKS.values(), ids=WALKS.keys())
def test_next_walks_every_set_and_side(start: Position, screens: list[Screen]) -> None:
    assert walk(start) == screens


@pytest.mark.parametrize(("start", "screens"), WALKS.values(), ids=WALKS.keys())
def test_back_retraces_next_except_the_rest(start: Position, screens: list[Screen]) -> None:
    """Back from each screen lands on the screen before it (a rest is passed over)."""
    active = [screen for screen in screens if screen[3] is A]
    for before, here in pairwise(active):
        position = replace(start, set_index=here[0], step=here[1], side=here[2], status=here[3])
        back = apply(position, Action.BACK).position
        assert (back.set_index, back.step, back.side, back.status) == before


@pytest.mark.parametrize(("start", "screens"), WALKS.values(), ids=WALKS.keys())
def test_only_the_very_last_screen_says_done(start: Position, screens: list[Screen]) -> None:
    for set_index, step, side, status in screens:
        position = replace(start, set_index=set_index, step=step, side=side, status=status)
        last = (set_index, step, side, status) == screens[-1]
        assert position.is_last_step is last
        assert position.is_first_step is ((set_index, step, side) == (0, 0, 0))


def test_finishing_a_set_rests_and_records_it() -> None:
    move = apply(replace(CALF, step=1), Action.NEXT)
    assert move.position.status is Status.RESTING
    assert (move.position.set_index, move.position.step) == (1, 1)
    assert move.events == (EventKind.DONE_STEP, EventKind.SET_DONE)


def test_without_a_rest_the_next_set_starts_at_once() -> None:
    move = apply(replace(STRETCH, step=2, side=1), Action.NEXT)
    assert move.position.status is Status.ACTIVE
    assert (move.position.set_index, move.position.step, move.position.side) == (1, 0, 0)
    assert move.events == (EventKind.DONE_STEP, EventKind.SET_DONE)


RESTING = replace(CALF, status=Status.RESTING, set_index=1, step=1)
REST_MOVES = {
    Action.NEXT: (Status.ACTIVE, 1, 1, (EventKind.REST_ENDED,)),
    Action.BACK: (Status.ACTIVE, 0, 1, (EventKind.BACK,)),
    Action.STOP: (Status.STOPPED, 1, 1, (EventKind.STOPPED,)),
    Action.ABANDON: (Status.SKIPPING, 1, 1, ()),
}


@pytest.mark.parametrize("action", list(Action))
def test_every_press_during_a_rest(action: Action) -> None:
    if action not in REST_MOVES:
        with pytest.raises(InvalidMove):
            apply(RESTING, action)
        return
    status, set_index, step, events = REST_MOVES[action]
    move = apply(RESTING, action)
    assert (move.position.status, move.position.set_index, move.position.step) == (
        status,
        set_index,
        step,
    )
    assert move.events == events


def test_skip_moves_one_screen_like_next() -> None:
    move = apply(BAND, Action.SKIP)
    assert (move.position.step, move.position.side) == (1, 0)
    assert move.events == (EventKind.SKIPPED,)


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (replace(BAND, step=2, side=0), 1),  # the right foot's run is over: now the left
        (replace(BAND, step=1, side=0), None),  # the right foot goes on to its next step
        (replace(BAND, step=2, side=1), None),  # both feet done
        (CALF, None),  # no sides at all
        (replace(BAND, step=2, status=Status.RATING), None),
    ],
)
def test_next_side_is_said_only_when_next_changes_foot(
    position: Position, expected: int | None
) -> None:
    assert next_side(position) == expected


def test_an_unshaped_position_walks_as_before() -> None:
    """Old rows (one set, no sides) keep the old walk: steps in order, then the rating."""
    assert walk(Position(0, 3)) == [(0, 0, 0, A), (0, 1, 0, A), (0, 2, 0, A)]
