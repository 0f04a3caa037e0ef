"""Past attempts read three ways before a day's list is fixed: ladders, history, equipment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.content import Catalogue
from bot.domain.progression import HOLD, SKIPPED_TOO_HARD, STOP, UP
from bot.domain.routine import Done
from bot.domain.routine_day import LevelNote
from bot.domain.routine_plan import (
    Attempt,
    Standing,
    climb,
    done_history,
    skipped_for_equipment,
)
from bot.domain.walkthrough import NO_EQUIPMENT, NO_TIME, TOO_HARD, Status

TODAY = date(2026, 3, 2)
ZONE = "Europe/Berlin"


def _at(days_back: int, hour: int = 9) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_back), time(hour), tzinfo=UTC)


def _done(exercise_id: str, days_back: int, score: int, *, in_routine: bool = True) -> Attempt:
    return Attempt(exercise_id, _at(days_back), Status.COMPLETED, score, in_routine=in_routine)


def test_three_easy_days_move_up_and_say_why(catalogue: Catalogue) -> None:
    attempts = [_done("calf_raises", back, 1) for back in (3, 2, 1)]
    ladders = climb(catalogue, {}, attempts, ZONE, TODAY)
    (update,) = ladders.updates
    assert update.exercise_id == "calf_raises"
    assert update.standing == Standing(1, None, TODAY - timedelta(days=1))
    assert update.note == LevelNote(UP, "calf_raises", 1, 0)
    assert ladders.levels["calf_raises"] == 1
    assert not ladders.resting
    assert all(level == 0 for key, level in ladders.levels.items() if key != "calf_raises")


def test_today_does_not_count(catalogue: Catalogue) -> None:
    attempts = [_done("calf_raises", 2, 1), _done("calf_raises", 1, 1), _done("calf_raises", 0, 1)]
    assert not climb(catalogue, {}, attempts, ZONE, TODAY).updates


def test_an_exercise_opened_by_name_counts_like_a_routine_one(catalogue: Catalogue) -> None:
    attempts = [
        _done("calf_raises", 3, 1),
        _done("calf_raises", 2, 1, in_routine=False),
        _done("calf_raises", 1, 1),
    ]
    (update,) = climb(catalogue, {}, attempts, ZONE, TODAY).updates
    assert update.note == LevelNote(UP, "calf_raises", 1, 0)


def test_a_severe_rating_by_name_rests_the_exercise_at_its_level(catalogue: Catalogue) -> None:
    standing = {"calf_raises": Standing(1, None, TODAY - timedelta(days=9))}
    attempts = [_done("calf_raises", 1, 8, in_routine=False)]
    ladders = climb(catalogue, standing, attempts, ZONE, TODAY)
    (update,) = ladders.updates
    assert update.standing == Standing(1, TODAY + timedelta(days=2), TODAY - timedelta(days=1))
    assert update.note == LevelNote(STOP, "calf_raises", 1, 2)
    assert ladders.resting == frozenset({"calf_raises"})
    assert ladders.levels["calf_raises"] == 1


def test_three_easy_sessions_on_one_day_are_not_enough(catalogue: Catalogue) -> None:
    attempts = [_done("calf_raises", 1, 1) for _ in range(3)]
    assert not climb(catalogue, {}, attempts, ZONE, TODAY).updates


def test_a_late_evening_counts_on_the_local_day(catalogue: Catalogue) -> None:
    """23:30 UTC on the day before is already today in Berlin: it does not count yet."""
    attempts = [_done("calf_raises", 3, 1), _done("calf_raises", 2, 1)]
    late = Attempt("calf_raises", _at(1, hour=23) + timedelta(minutes=30), Status.COMPLETED, 1)
    assert not climb(catalogue, {}, [*attempts, late], ZONE, TODAY).updates
    assert climb(catalogue, {}, [*attempts, late], "UTC", TODAY).updates


def test_moderate_discomfort_at_the_lowest_level_stays_and_says_why(
    catalogue: Catalogue,
) -> None:
    ladders = climb(catalogue, {}, [_done("calf_raises", 1, 6)], ZONE, TODAY)
    (update,) = ladders.updates
    assert update.standing == Standing(0, None, TODAY - timedelta(days=1))
    assert update.note == LevelNote(HOLD, "calf_raises", 0, 0)
    assert not ladders.resting


def test_severe_discomfort_rests_two_days(catalogue: Catalogue) -> None:
    ladders = climb(catalogue, {}, [_done("calf_raises", 1, 7)], ZONE, TODAY)
    (update,) = ladders.updates
    assert update.standing.rest_until == TODAY + timedelta(days=2)
    assert update.note == LevelNote(STOP, "calf_raises", 0, 2)
    assert ladders.resting == frozenset({"calf_raises"})


def test_a_stored_rest_lasts_until_its_day(catalogue: Catalogue) -> None:
    resting = {"calf_raises": Standing(0, TODAY + timedelta(days=1), TODAY - timedelta(days=1))}
    assert climb(catalogue, resting, [], ZONE, TODAY).resting == frozenset({"calf_raises"})
    over = {"calf_raises": Standing(0, TODAY, TODAY - timedelta(days=2))}
    assert not climb(catalogue, over, [], ZONE, TODAY).resting


def test_only_attempts_after_the_last_change_count(catalogue: Catalogue) -> None:
    standing = {"calf_raises": Standing(1, None, TODAY - timedelta(days=1))}
    attempts = [_done("calf_raises", back, 0) for back in (3, 2, 1)]
    ladders = climb(catalogue, standing, attempts, ZONE, TODAY)
    assert not ladders.updates and ladders.levels["calf_raises"] == 1


def test_skipped_as_too_hard_steps_down(catalogue: Catalogue) -> None:
    standing = {"calf_raises": Standing(2, None, TODAY - timedelta(days=9))}
    skipped = Attempt("calf_raises", _at(1), Status.SKIPPED, None, TOO_HARD)
    (update,) = climb(catalogue, standing, [skipped], ZONE, TODAY).updates
    assert update.note == LevelNote(SKIPPED_TOO_HARD, "calf_raises", 1, 0)


def test_done_history_is_completed_attempts_on_local_days() -> None:
    attempts = [
        _done("a", 2, 0),
        Attempt("b", _at(1), Status.SKIPPED, None, NO_TIME),
        Attempt("c", _at(1, hour=23), Status.COMPLETED, 3, in_routine=False),
    ]
    assert done_history(attempts, ZONE) == [
        Done(TODAY - timedelta(days=2), "a"),
        Done(TODAY, "c"),
    ]


def test_skipped_for_equipment_reads_the_latest_routine_attempt() -> None:
    def skipped(exercise_id: str, back: int, reason: str, routine: bool = True) -> Attempt:
        return Attempt(exercise_id, _at(back), Status.SKIPPED, None, reason, routine)

    attempts = [
        skipped("ball", 3, NO_EQUIPMENT),
        _done("ball", 2, 1),  # done since: the equipment turned up
        _done("towel", 3, 1),
        skipped("towel", 2, NO_EQUIPMENT),
        skipped("band", 2, NO_EQUIPMENT),
        skipped("band", 1, NO_TIME),
        skipped("spacers", 2, NO_EQUIPMENT),
        _done("spacers", 1, 1, in_routine=False),  # looked up by name: not a routine's
    ]
    assert skipped_for_equipment(attempts) == frozenset({"towel", "spacers"})
