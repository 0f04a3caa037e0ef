"""Every progression rule, as tables: the gates for moving up, the policy's steps back, skips."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from bot.content import default_content_dir, load_catalogue
from bot.domain.discomfort import BANDS, Band, Ladder, action
from bot.domain.progression import (
    EASY_DAYS,
    EASY_SESSIONS,
    Change,
    Explanation,
    Result,
    easy_run_earned,
    explain,
    next_level,
    ramp_ok,
)

START = date(2026, 3, 1)
TOP = 2
EASY = (True, 1)


def run(*attempts: tuple[bool, int | None]) -> list[Result]:
    """Results on consecutive days, oldest first."""
    return [
        Result(START + timedelta(days=offset), done, discomfort)
        for offset, (done, discomfort) in enumerate(attempts)
    ]


def on_days(*days: int, score: int = 1) -> list[Result]:
    """Easy completions on the given day offsets (several on one day are allowed)."""
    return [Result(START + timedelta(days=day), True, score) for day in days]


# --- Moving up: three easy sessions on at least three different days --------------------------

GATES: list[tuple[str, list[Result], bool]] = [
    ("three on three days", on_days(0, 1, 2), True),
    ("three on one day", on_days(0, 0, 0), False),
    ("three on two days", on_days(0, 0, 1), False),
    ("four on two days", on_days(0, 0, 1, 1), False),
    ("five on three days", on_days(0, 0, 1, 1, 2), True),
    ("two on two days", on_days(0, 1), False),
    ("days apart count", on_days(0, 4, 9), True),
    ("a three is still fine", on_days(0, 1, 2, score=3), True),
    ("a four is not easy", on_days(0, 1, 2, score=4), False),
    ("broken by a moderate rating", [*on_days(0, 1), Result(START, True, 5), *on_days(2)], False),
    ("broken by an unrated completion", [*on_days(0, 1), Result(START, True, None), *on_days(2)],
     False),
    ("broken by a skip", [*on_days(0, 1), Result(START, False, None, "no_time"), *on_days(2)],
     False),
    ("only the latest run counts", [*on_days(0, 1), Result(START, True, 5), *on_days(2, 3, 4)],
     True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("results", "earned"), [(r, e) for _, r, e in GATES], ids=[g[0] for g in GATES]
)
def test_the_gate_for_moving_up(results: list[Result], earned: bool) -> None:  # fmt: skip
    assert easy_run_earned(results) is earned
    change = next_level(0, TOP, results)
    if earned:
        assert change == Change("up", 1, 0, "three_easy")
    else:
        assert change.kind != "up"


def test_the_gate_constants() -> None:
    assert (EASY_SESSIONS, EASY_DAYS) == (3, 3)


def test_not_up_past_the_top() -> None:
    assert next_level(TOP, TOP, run(EASY, EASY, EASY)) == Change("none", TOP, 0, "top_level")


def test_results_before_a_change_do_not_count_again() -> None:
    results = run(EASY, EASY, EASY, EASY)
    earned_on = results[2].day
    assert next_level(1, TOP, results, since=earned_on).kind == "none"
    more = run(EASY, EASY, EASY, EASY, EASY, EASY)
    assert next_level(1, TOP, more, since=earned_on) == Change("up", 2, 0, "three_easy")


# --- Stepping back: the discomfort policy's ladder action, for every score and level ------------


def _expected(level: int, score: int) -> Change:
    """The policy written out per band: fine keeps, moderate eases, severe rests in place."""
    if score <= 3:
        return Change("none", level, 0, "keep_going")
    if score <= 6:
        if level:
            return Change("down", level - 1, 0, "discomfort_high")
        return Change("hold", 0, 0, "discomfort_moderate_at_lowest")
    return Change("rest", level, 2, "discomfort_severe")


@pytest.mark.parametrize("level", range(TOP + 1))
@pytest.mark.parametrize("score", range(11))
@pytest.mark.parametrize("done", [True, False])
def test_every_score_at_every_level(level: int, score: int, done: bool) -> None:
    """Pain in a half-done attempt counts as much as in a finished one."""
    assert next_level(level, TOP, run((done, score))) == _expected(level, score)


def test_severe_rests_at_the_level_it_was_not_lower() -> None:
    assert next_level(2, TOP, run(EASY, (True, 7))) == Change("rest", 2, 2, "discomfort_severe")


def test_only_the_latest_discomfort_decides() -> None:
    """An old high score was acted on when it happened; it does not fire again."""
    assert next_level(1, TOP, run((True, 9), EASY)).kind == "none"


def skipped(reason: str, day: int = 0) -> Result:
    return Result(START + timedelta(days=day), False, None, reason)


SKIPS: list[tuple[str, int, Change]] = [
    ("hurts", 2, Change("down", 1, 0, "skipped_hurts")),
    ("hurts", 1, Change("down", 0, 0, "skipped_hurts")),
    ("hurts", 0, Change("rest", 0, 2, "skipped_hurts_at_lowest")),
    ("too_hard", 2, Change("down", 1, 0, "skipped_too_hard")),
    ("too_hard", 0, Change("none", 0, 0, "keep_going")),
    ("no_time", 1, Change("none", 1, 0, "keep_going")),
    ("no_equipment", 1, Change("none", 1, 0, "keep_going")),
]


@pytest.mark.parametrize(("reason", "level", "change"), SKIPS)
def test_skips_by_reason_and_level(reason: str, level: int, change: Change) -> None:
    assert next_level(level, TOP, [skipped(reason)]) == change


def test_other_skips_break_an_easy_run() -> None:
    results = [*run(EASY, EASY), skipped("no_time", 2)]
    assert next_level(1, TOP, results) == Change("none", 1, 0, "keep_going")


def test_only_the_latest_skip_decides() -> None:
    results = [skipped("too_hard"), Result(START + timedelta(days=1), True, 3)]
    assert next_level(1, TOP, results).kind == "none"


def test_no_results_no_change() -> None:
    assert next_level(1, TOP, []) == Change("none", 1, 0, "keep_going")
    assert next_level(1, TOP, run(EASY), since=START).kind == "none"


@pytest.mark.parametrize("level", [-1, 3])
def test_level_outside_the_ladder_is_an_error(level: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        next_level(level, TOP, [])


def test_the_ladder_follows_the_policy_table() -> None:
    """The steps back above are the policy's, not a second set of thresholds."""
    for scores, band in BANDS:
        for score in scores:
            ladder = action(score).ladder
            assert (
                ladder
                is {
                    Band.FINE: Ladder.COUNT,
                    Band.MODERATE: Ladder.EASE,
                    Band.SEVERE: Ladder.REST,
                }[band]
            )


# --- Timed rungs add a few minutes at a time and never double ---------------------------------

RAMPS = [
    (5, 7, True),
    (5, 8, True),
    (7, 10, True),
    (10, 10, True),
    (5, 9, False),  # four minutes more at once
    (5, 10, False),  # doubles
    (2, 4, False),  # doubles, though only two minutes
    (2, 3, True),
]


@pytest.mark.parametrize(("below", "above", "ok"), RAMPS)
def test_ramp(below: int, above: int, ok: bool) -> None:
    assert ramp_ok(below, above) is ok


def test_every_timed_ladder_in_the_content_ramps_gently() -> None:
    for exercise in load_catalogue(default_content_dir()):
        minutes = [
            level.minutes or exercise.dose.minutes
            for level in exercise.levels
            if (level.minutes or exercise.dose.minutes) is not None
        ]
        for below, above in itertools.pairwise(minutes):
            assert below is not None and above is not None
            assert ramp_ok(below, above), (exercise.id, minutes)


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
    rest = next_level(1, len(calf.levels) - 1, run((True, 9)))
    explanation = explain(rest, calf, 1)
    assert explanation is not None
    assert explanation.key == "rest.discomfort_severe"
    assert (explanation.to_level, explanation.rest_days) == ("One leg", 2)
    assert explain(Change("none", 0, 0, "keep_going"), calf, 0) is None
