"""Progression ladders: when an exercise moves up a level, down a level, or rests.

Each exercise's ``levels`` in the content are its ladder (index 0 is the easiest). Discomfort
steers the load through the one policy table in :mod:`bot.domain.discomfort`; this module adds
the gates for moving up and the rule for timed rungs:

- moving up needs ``EASY_SESSIONS`` easy sessions in a row (completed, rated fine) on at least
  ``EASY_DAYS`` different days, and never goes past the top;
- the latest rating decides a step back: moderate eases one rung down (or stays at the lowest),
  severe rests the exercise for two days at the level it was; "it hurts" as the reason to skip or
  stop backs off one rung, or rests it at the lowest;
- skipping an exercise as too hard steps down one level (at the lowest level it stays);
- a timed rung adds at most ``MAX_ADDED_MINUTES`` to the one below it and never doubles it.

Only the attempts since the last change count, so the easy sessions that earned a level are not
counted again at the new one. Texts stay out: a change carries a reason code, and
:func:`explain` returns the facts the telegram layer puts into its one-line sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from bot.content import Exercise
from bot.domain.discomfort import Ladder, action, counts_as_easy
from bot.domain.walkthrough import HURTS, TOO_HARD

ChangeKind = Literal["up", "down", "rest", "hold", "none"]

EASY_SESSIONS: Final = 3
EASY_DAYS: Final = 3
"""Three easy sessions, on three different days: one good afternoon is not a habit yet."""
MAX_ADDED_MINUTES: Final = 3
"""A timed rung (a walk) grows by a few minutes at a time, never by doubling."""

UP = "three_easy"
DOWN = "discomfort_high"
HOLD = "discomfort_moderate_at_lowest"
STOP = "discomfort_severe"
SKIPPED_HURTS = "skipped_hurts"
SKIPPED_HURTS_AT_LOWEST = "skipped_hurts_at_lowest"
SKIPPED_TOO_HARD = "skipped_too_hard"
KEEP = "keep_going"
AT_TOP = "top_level"
"""Reason codes; the telegram layer maps each to a sentence."""


@dataclass(frozen=True)
class Result:
    """One attempt at one exercise: done (completed) or not, the discomfort rated, if any, and
    the reason given for skipping it, if it was skipped with one."""

    day: date
    done: bool
    discomfort: int | None
    skip_reason: str | None = None


@dataclass(frozen=True)
class Change:
    """What to do with an exercise's level after its latest attempt.

    ``level`` is the level to use from now on; ``rest_days`` how many days, from tomorrow, to
    leave the exercise out of routines.
    """

    kind: ChangeKind
    level: int
    rest_days: int
    reason: str


@dataclass(frozen=True)
class Explanation:
    """The facts behind one change, for a sentence such as "Calf raises move to one leg: three
    easy sessions in a row". ``key`` is ``"<kind>.<reason>"``."""

    key: str
    exercise: str
    from_level: str
    to_level: str
    rest_days: int


def next_level(
    level: int, max_level: int, results: Sequence[Result], since: date | None = None
) -> Change:
    """The change earned by ``results`` (oldest first) at ``level``, where ``max_level`` is the top.

    Only results after ``since`` count: pass the day of the last change (or pass only the
    results at the current level and leave ``since`` out). A result on the day of a change is
    taken to have earned it. Discomfort is judged on the latest result whether or not it was
    completed: pain during a half-done attempt still counts. An easy run needs completed
    attempts in a row, each rated fine; an unrated or skipped attempt breaks the run, because
    without a rating we cannot tell that the level was easy.
    """
    if not 0 <= level <= max_level:
        raise ValueError(f"level {level} is outside 0..{max_level}")
    counted = [result for result in results if since is None or result.day > since]
    if not counted:
        return Change("none", level, 0, KEEP)
    latest = counted[-1]
    if latest.discomfort is not None:
        step_back = _step_back(level, latest.discomfort, DOWN)
        if step_back is not None:
            return step_back
    elif latest.skip_reason == HURTS:
        step_back = _step_back(level, HURTS, SKIPPED_HURTS)
        assert step_back is not None
        return step_back
    if latest.skip_reason == TOO_HARD and level:  # at the lowest level nothing is easier
        return Change("down", level - 1, 0, SKIPPED_TOO_HARD)
    if easy_run_earned(counted):
        if level < max_level:
            return Change("up", level + 1, 0, UP)
        return Change("none", level, 0, AT_TOP)
    return Change("none", level, 0, KEEP)


def easy_run_earned(results: Sequence[Result]) -> bool:
    """The gate for moving up: the latest easy run holds enough sessions on enough days."""
    run: list[Result] = []
    for result in reversed(results):
        if not _easy(result):
            break
        run.append(result)
    return len(run) >= EASY_SESSIONS and len({result.day for result in run}) >= EASY_DAYS


def ramp_ok(below_minutes: int, above_minutes: int) -> bool:
    """A timed rung may add a few minutes to the one below it, never double it."""
    added = above_minutes - below_minutes
    return added <= MAX_ADDED_MINUTES and above_minutes < 2 * below_minutes


def explain(change: Change, exercise: Exercise, from_level: int) -> Explanation | None:
    """The facts for the one-line message about ``change``; ``None`` when nothing changed."""
    if change.kind == "none":
        return None
    return Explanation(
        key=f"{change.kind}.{change.reason}",
        exercise=exercise.name,
        from_level=exercise.levels[from_level].name,
        to_level=exercise.levels[change.level].name,
        rest_days=change.rest_days,
    )


def _step_back(level: int, rating: int | str, down_reason: str) -> Change | None:
    """What the policy's ladder action for `rating` does at `level`; None: no step back."""
    policy = action(rating)
    at_lowest = level == 0
    if policy.ladder is Ladder.REST:
        return Change("rest", level, policy.rest_days, STOP)
    if policy.ladder is Ladder.EASE:
        return (
            Change("hold", 0, 0, HOLD) if at_lowest else Change("down", level - 1, 0, down_reason)
        )
    if policy.ladder is Ladder.BACK_OFF:
        if at_lowest:
            return Change("rest", 0, policy.rest_days, SKIPPED_HURTS_AT_LOWEST)
        return Change("down", level - 1, 0, down_reason)
    return None


def _easy(result: Result) -> bool:
    return result.done and counts_as_easy(result.discomfort)
