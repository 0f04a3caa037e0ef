"""The one-tap "Done, no discomfort" and the single "Skip": where each is offered and what a
press does, for every status and step position."""

from __future__ import annotations

import pytest

from bot.domain.walkthrough import (
    Action,
    EventKind,
    InvalidMove,
    Position,
    Status,
    apply,
    offers_done_fine,
    offers_skip_choice,
)

POSITIONS = [Position(step, count) for count in (1, 2, 4) for step in range(count)]


@pytest.mark.parametrize("position", POSITIONS)
def test_done_fine_is_offered_on_the_last_step_only(position: Position) -> None:
    assert offers_done_fine(position) is position.is_last_step


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.ACTIVE])
def test_done_fine_is_not_offered_off_the_steps(status: Status) -> None:
    assert not offers_done_fine(Position(0, 1, status))


@pytest.mark.parametrize("count", [1, 2, 5])
def test_done_fine_completes_with_a_zero_rating_in_one_press(count: int) -> None:
    move = apply(Position(count - 1, count), Action.DONE_FINE)
    assert move.position == Position(count - 1, count, Status.COMPLETED, discomfort=0)
    assert move.events == (EventKind.DONE_STEP, EventKind.FINISHED, EventKind.DISCOMFORT)


@pytest.mark.parametrize("step", [0, 1, 2])
def test_done_fine_before_the_last_step_is_refused(step: int) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step, 4), Action.DONE_FINE)


@pytest.mark.parametrize(("count", "expected"), [(1, False), (2, True), (3, True), (7, True)])
def test_skip_asks_what_only_when_there_is_more_than_one_step(count: int, expected: bool) -> None:
    assert offers_skip_choice(Position(0, count)) is expected
    asked = apply(Position(0, count), Action.SKIP_ASK)
    want = Status.SKIP_CHOICE if expected else Status.SKIPPING
    assert asked.position == Position(0, count, want)
    assert asked.events == ()


@pytest.mark.parametrize(
    ("position", "action", "expected", "events"),
    [
        (Position(0, 3, Status.SKIP_CHOICE), Action.SKIP, Position(1, 3), (EventKind.SKIPPED,)),
        (
            Position(2, 3, Status.SKIP_CHOICE),
            Action.SKIP,
            Position(2, 3, Status.RATING),
            (EventKind.SKIPPED, EventKind.FINISHED),
        ),
        (Position(1, 3, Status.SKIP_CHOICE), Action.ABANDON, Position(1, 3, Status.SKIPPING), ()),
        (Position(1, 3, Status.SKIP_CHOICE), Action.BACK, Position(1, 3), ()),
    ],
)
def test_the_skip_question_answers(
    position: Position, action: Action, expected: Position, events: tuple[EventKind, ...]
) -> None:
    move = apply(position, action)
    assert (move.position, move.events) == (expected, events)


@pytest.mark.parametrize(
    "action",
    [a for a in Action if a not in (Action.SKIP, Action.ABANDON, Action.BACK)],
)
def test_the_skip_question_takes_nothing_else(action: Action) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(1, 3, Status.SKIP_CHOICE), action, 0)
