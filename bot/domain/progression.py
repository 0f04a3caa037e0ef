"""Progression ladders: when an exercise moves up a level, down a level, or rests.

Each exercise's ``levels`` in the content are its ladder (index 0 is the easiest). The rules
follow the usual physiotherapy habit of letting discomfort steer the load:

- three completions in a row, each rated 0-2, earn the next level (not past the top);
- a rating of 6 or more steps down one level, or rests the exercise for two days at level 0;
- a rating of 8 or more does the same and also asks for stop guidance (see a clinician, offer a
  pause): kind ``"stop"`` carries the lowered level and any rest days with it;
- skipping an exercise because it hurts counts like a rating of 6 (down one level, or rest);
  skipping it as too hard steps down one level (at the lowest level it stays, with nothing
  easier on the ladder).

Only the attempts since the last change count, so the three easy sessions that earned a level
are not counted again at the new one. Texts stay out: a change carries a reason code, and
:func:`explain` returns the facts the telegram layer puts into its one-line sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.content import Exercise
from bot.domain.walkthrough import HURTS, TOO_HARD

ChangeKind = Literal["up", "down", "rest", "stop", "none"]

EASY_IN_A_ROW = 3
EASY_MAX = 2
"""Discomfort 0-2 counts as easy: the load can grow."""
TOO_MUCH = 6
"""Discomfort from 6: the load was too much, so step back."""
SEVERE = 8
"""Discomfort from 8: stop and get advice, on top of stepping back."""
REST_DAYS = 2

UP = "three_easy"
DOWN = "discomfort_high"
REST = "discomfort_high_at_lowest"
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
    completed: pain during a half-done attempt still counts. An easy run needs three completed
    attempts in a row, each rated; an unrated or skipped attempt breaks the run, because without
    a rating we cannot tell that the level was easy.
    """
    if not 0 <= level <= max_level:
        raise ValueError(f"level {level} is outside 0..{max_level}")
    counted = [result for result in results if since is None or result.day > since]
    if not counted:
        return Change("none", level, 0, KEEP)
    latest = counted[-1]
    if latest.discomfort is not None and latest.discomfort >= SEVERE:
        return _step_back(level, STOP, STOP, kind="stop")
    if latest.discomfort is not None and latest.discomfort >= TOO_MUCH:
        return _step_back(level, DOWN, REST)
    if latest.skip_reason == HURTS:
        return _step_back(level, SKIPPED_HURTS, SKIPPED_HURTS_AT_LOWEST)
    if latest.skip_reason == TOO_HARD and level:  # at the lowest level nothing is easier
        return Change("down", level - 1, 0, SKIPPED_TOO_HARD)
    recent = counted[-EASY_IN_A_ROW:]
    if len(recent) == EASY_IN_A_ROW and all(_easy(result) for result in recent):
        if level < max_level:
            return Change("up", level + 1, 0, UP)
        return Change("none", level, 0, AT_TOP)
    return Change("none", level, 0, KEEP)


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


def _step_back(
    level: int, reason: str, at_lowest: str, *, kind: ChangeKind | None = None
) -> Change:
    """One level down; at the lowest level, two days of rest instead."""
    if level:
        return Change(kind or "down", level - 1, 0, reason)
    return Change(kind or "rest", 0, REST_DAYS, at_lowest)


def _easy(result: Result) -> bool:
    return result.done and result.discomfort is not None and result.discomfort <= EASY_MAX
