import pytest

from bot.domain.discomfort import Band, band
from bot.domain.walkthrough import (
    FINISHED,
    Action,
    EventKind,
    InvalidMove,
    Position,
    Refusal,
    Status,
    WalkthroughView,
    apply,
    move_refusal,
    press_refusal,
)


def test_next_moves_one_step_and_records_it() -> None:
    move = apply(Position(step=0, step_count=3), Action.NEXT)
    assert move.position == Position(step=1, step_count=3)
    assert move.events == (EventKind.DONE_STEP,)


def test_skip_moves_on_but_records_a_skip() -> None:
    move = apply(Position(step=1, step_count=3), Action.SKIP)
    assert move.position.step == 2
    assert move.events == (EventKind.SKIPPED,)


@pytest.mark.parametrize("action", [Action.NEXT, Action.SKIP])
def test_last_step_leads_to_the_discomfort_question(action: Action) -> None:
    move = apply(Position(step=2, step_count=3), action)
    assert move.position.status is Status.RATING
    assert move.position.step == 2
    assert move.events[-1] is EventKind.FINISHED


def test_back_goes_to_the_previous_step() -> None:
    move = apply(Position(step=2, step_count=3), Action.BACK)
    assert move.position.step == 1
    assert move.events == (EventKind.BACK,)


def test_back_on_the_first_step_is_refused() -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=0, step_count=3), Action.BACK)


def test_stop_ends_the_walkthrough_where_it_is() -> None:
    move = apply(Position(step=1, step_count=3), Action.STOP)
    assert move.position.status is Status.STOPPED
    assert move.position.step == 1


def test_timer_keeps_the_step_and_records_the_start() -> None:
    move = apply(Position(step=1, step_count=3), Action.TIMER)
    assert move.position == Position(step=1, step_count=3)
    assert move.events == (EventKind.TIMER_STARTED,)


@pytest.mark.parametrize("score", [0, 3, 7, 10])
def test_rating_completes_with_the_score(score: int) -> None:
    move = apply(Position(step=2, step_count=3, status=Status.RATING), Action.RATE, score)
    assert move.position.status is Status.COMPLETED
    assert move.position.discomfort == score
    assert move.events == (EventKind.DISCOMFORT,)


@pytest.mark.parametrize("score", [None, -1, 11])
def test_rating_outside_the_scale_is_refused(score: int | None) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=2, step_count=3, status=Status.RATING), Action.RATE, score)


@pytest.mark.parametrize("action", [Action.NEXT, Action.BACK, Action.SKIP, Action.TIMER])
def test_only_rating_is_possible_while_rating(action: Action) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=2, step_count=3, status=Status.RATING), action)


def test_rating_during_the_steps_is_refused() -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=0, step_count=3), Action.RATE, 2)


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.STOPPED])
@pytest.mark.parametrize("action", list(Action))
def test_nothing_moves_an_ended_walkthrough(status: Status, action: Action) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=0, step_count=3, status=status), action, 1)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Band.FINE),
        (1, Band.FINE),
        (3, Band.FINE),
        (4, Band.MODERATE),
        (6, Band.MODERATE),
        (7, Band.SEVERE),
        (10, Band.SEVERE),
    ],
)
def test_discomfort_bands(score: int, expected: Band) -> None:
    assert band(score) is expected


def test_discomfort_outside_the_scale_is_an_error() -> None:
    with pytest.raises(ValueError):
        band(11)


def test_skipping_an_exercise_asks_for_a_reason_first() -> None:
    move = apply(Position(step=1, step_count=3), Action.ABANDON)
    assert move.position.status is Status.SKIPPING
    assert move.events == ()


def test_a_reason_ends_the_exercise_as_skipped() -> None:
    move = apply(Position(step=1, step_count=3, status=Status.SKIPPING), Action.REASON, 2)
    assert move.position.status is Status.SKIPPED
    assert move.events == (EventKind.SKIPPED_EXERCISE,)
    assert move.skip_reason == "no_equipment"


def test_back_from_the_reasons_returns_to_the_step() -> None:
    move = apply(Position(step=1, step_count=3, status=Status.SKIPPING), Action.BACK)
    assert move.position == Position(step=1, step_count=3)


@pytest.mark.parametrize(
    ("action", "value"), [(Action.NEXT, None), (Action.REASON, 4), (Action.REASON, None)]
)
def test_only_a_reason_or_back_while_skipping(action: Action, value: int | None) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=1, step_count=3, status=Status.SKIPPING), action, value)


@pytest.mark.parametrize("action", list(Action))
def test_nothing_moves_a_skipped_exercise(action: Action) -> None:
    with pytest.raises(InvalidMove):
        apply(Position(step=0, step_count=3, status=Status.SKIPPED), action, 1)


def _view(user_id: int = 1, version: int = 4, status: Status = Status.ACTIVE) -> WalkthroughView:
    return WalkthroughView(
        id=9,
        user_id=user_id,
        chat_id=user_id,
        exercise_id="calf_raises",
        version=version,
        position=Position(0, 3, status),
    )


@pytest.mark.parametrize(
    ("walkthrough", "presser", "version", "expected"),
    [
        (None, 1, 4, Refusal.UNKNOWN),
        (_view(), 1, 4, None),
        (_view(), 2, 4, Refusal.NOT_YOURS),
        (_view(status=Status.COMPLETED), 2, 3, Refusal.NOT_YOURS),
        (_view(), 1, 3, Refusal.STALE),
        (_view(), 1, 5, Refusal.STALE),
        (_view(status=Status.RATING), 1, 4, None),
        (_view(status=Status.SKIPPING), 1, 4, None),
        *((_view(status=status), 1, 4, Refusal.ENDED) for status in FINISHED),
        *((_view(status=status), 1, 3, Refusal.ENDED) for status in FINISHED),
    ],
)
def test_which_presses_may_proceed(
    walkthrough: WalkthroughView | None, presser: int, version: int, expected: Refusal | None
) -> None:
    assert press_refusal(walkthrough, presser, version) is expected


@pytest.mark.parametrize("action", list(Action))
def test_an_impossible_move_is_stale_except_back_on_the_first_step(action: Action) -> None:
    expected = Refusal.FIRST_STEP if action is Action.BACK else Refusal.STALE
    assert move_refusal(action) is expected
