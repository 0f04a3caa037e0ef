"""Every progression rule: up after three easy sessions, down or rest on high discomfort, stop."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.content import default_content_dir, load_catalogue
from bot.domain.progression import Change, Explanation, Result, explain, next_level

START = date(2026, 3, 1)
TOP = 2


def run(*attempts: tuple[bool, int | None]) -> list[Result]:
    """Results on consecutive days, oldest first."""
    return [
        Result(START + timedelta(days=offset), done, discomfort)
        for offset, (done, discomfort) in enumerate(attempts)
    ]


EASY = (True, 1)


def test_up_after_three_easy_in_a_row() -> None:
    assert next_level(0, TOP, run(EASY, EASY, EASY)) == Change("up", 1, 0, "three_easy")


def test_discomfort_two_still_counts_as_easy() -> None:
    assert next_level(1, TOP, run((True, 0), (True, 2), (True, 2))).kind == "up"


def test_not_up_after_two() -> None:
    assert next_level(0, TOP, run(EASY, EASY)) == Change("none", 0, 0, "keep_going")


def test_not_up_if_one_had_discomfort_three() -> None:
    assert next_level(0, TOP, run(EASY, (True, 3), EASY)).kind == "none"


def test_only_the_last_three_matter() -> None:
    assert next_level(0, TOP, run((True, 5), EASY, EASY, EASY)).kind == "up"


def test_not_up_at_top_level() -> None:
    assert next_level(TOP, TOP, run(EASY, EASY, EASY)) == Change("none", TOP, 0, "top_level")


def test_skipped_attempt_breaks_the_run() -> None:
    assert next_level(0, TOP, run(EASY, (False, None), EASY, EASY)).kind == "none"
    assert next_level(0, TOP, run(EASY, EASY, (False, None))).kind == "none"


def test_unrated_completion_breaks_the_run() -> None:
    assert next_level(0, TOP, run(EASY, (True, None), EASY)).kind == "none"


def test_down_at_six() -> None:
    assert next_level(2, TOP, run(EASY, (True, 6))) == Change("down", 1, 0, "discomfort_high")


def test_five_is_not_enough_to_step_down() -> None:
    assert next_level(2, TOP, run((True, 5))).kind == "none"


def test_rest_at_level_zero_with_six() -> None:
    change = next_level(0, TOP, run((True, 6)))
    assert change == Change("rest", 0, 2, "discomfort_high_at_lowest")


def test_stop_at_eight_also_steps_down() -> None:
    assert next_level(1, TOP, run((True, 8))) == Change("stop", 0, 0, "discomfort_severe")


def test_stop_at_level_zero_also_rests() -> None:
    assert next_level(0, TOP, run((True, 10))) == Change("stop", 0, 2, "discomfort_severe")


def test_pain_in_an_unfinished_attempt_counts() -> None:
    assert next_level(1, TOP, run((False, 7))).kind == "down"


def test_only_the_latest_discomfort_decides() -> None:
    """An old high score was acted on when it happened; it does not fire again."""
    assert next_level(1, TOP, run((True, 9), EASY)).kind == "none"


def test_results_before_a_change_do_not_count_again() -> None:
    results = run(EASY, EASY, EASY, EASY)
    earned_on = results[2].day
    assert next_level(1, TOP, results, since=earned_on).kind == "none"
    more = run(EASY, EASY, EASY, EASY, EASY, EASY)
    assert next_level(1, TOP, more, since=earned_on) == Change("up", 2, 0, "three_easy")


def skipped(reason: str, day: int = 0) -> Result:
    return Result(START + timedelta(days=day), False, None, reason)


def test_skipped_because_it_hurts_steps_down_like_a_six() -> None:
    assert next_level(2, TOP, [skipped("hurts")]) == Change("down", 1, 0, "skipped_hurts")


def test_skipped_because_it_hurts_at_the_lowest_level_rests() -> None:
    change = next_level(0, TOP, [skipped("hurts")])
    assert change == Change("rest", 0, 2, "skipped_hurts_at_lowest")


def test_skipped_as_too_hard_steps_down() -> None:
    assert next_level(1, TOP, [skipped("too_hard")]) == Change("down", 0, 0, "skipped_too_hard")


def test_skipped_as_too_hard_at_the_lowest_level_stays() -> None:
    assert next_level(0, TOP, [skipped("too_hard")]) == Change("none", 0, 0, "keep_going")


@pytest.mark.parametrize("reason", ["no_time", "no_equipment", None])
def test_other_skips_change_no_level_but_break_an_easy_run(reason: str | None) -> None:
    results = [*run(EASY, EASY), skipped(reason, 2)] if reason else run(EASY, EASY, (False, None))
    assert next_level(1, TOP, results) == Change("none", 1, 0, "keep_going")


def test_only_the_latest_skip_decides() -> None:
    """A skip that was acted on does not fire again once the exercise has been done since."""
    results = [skipped("too_hard"), Result(START + timedelta(days=1), True, 3)]
    assert next_level(1, TOP, results).kind == "none"


def test_no_results_no_change() -> None:
    assert next_level(1, TOP, []) == Change("none", 1, 0, "keep_going")
    assert next_level(1, TOP, run(EASY), since=START).kind == "none"


@pytest.mark.parametrize("level", [-1, 3])
def test_level_outside_the_ladder_is_an_error(level: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        next_level(level, TOP, [])


def test_explain_gives_the_facts_not_the_sentence() -> None:
    calf = load_catalogue(default_content_dir()).get("calf_raises")
    assert calf is not None
    up = next_level(0, len(calf.levels) - 1, run(EASY, EASY, EASY))
    assert explain(up, calf, 0) == Explanation(
        key="up.three_easy",
        exercise="Calf raises",
        from_level="Both legs",
        to_level="One leg",
        rest_days=0,
    )
    rest = next_level(0, len(calf.levels) - 1, run((True, 9)))
    explanation = explain(rest, calf, 0)
    assert explanation is not None
    assert explanation.key == "stop.discomfort_severe"
    assert explanation.rest_days == 2
    assert explain(Change("none", 0, 0, "keep_going"), calf, 0) is None
