"""What a new day's routine is built from: the person's past attempts, read three ways.

Before the day's list is fixed, the attempts of the last weeks move each exercise up or down
its ladder (:func:`climb`), tell the builder what was done when (:func:`done_history`) and
which exercises come back in their equipment-free version (:func:`skipped_for_equipment`).
All pure: the use case loads the attempts and stores what :func:`climb` decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.content import Exercise
from bot.domain.progression import Result, next_level
from bot.domain.routine import Done, Profile
from bot.domain.routine_day import LevelNote
from bot.domain.schedule import local_date
from bot.domain.triage import NO_RESTRICTIONS, Restrictions, top_rung
from bot.domain.walkthrough import NO_EQUIPMENT, Status

DEFAULT_PROFILE = Profile(frozenset(), frozenset(), frozenset(), 10)
"""Someone who never subscribed: no complaints, no equipment, no flags, ten minutes."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One finished walkthrough (completed, skipped or stopped), oldest first in a history."""

    exercise_id: str
    finished_at: datetime
    status: Status
    discomfort: int | None = None
    skip_reason: str | None = None
    in_routine: bool = True


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a person stands on one exercise's ladder, as stored."""

    level: int
    rest_until: date | None = None
    changed_on: date | None = None


@dataclass(frozen=True, slots=True)
class LevelUpdate:
    """A new standing to store for one exercise, and the note that explains it."""

    exercise_id: str
    standing: Standing
    note: LevelNote


@dataclass(frozen=True, slots=True)
class Ladders:
    """The outcome of :func:`climb`: what to store, and the builder's levels and resting set."""

    updates: tuple[LevelUpdate, ...]
    levels: Mapping[str, int]
    resting: frozenset[str]


def climb(
    exercises: Iterable[Exercise],
    standings: Mapping[str, Standing],
    attempts: Sequence[Attempt],
    zone: str,
    today: date,
    *,
    flags: frozenset[str] = frozenset(),
    restrictions: Restrictions = NO_RESTRICTIONS,
) -> Ladders:
    """Move each exercise up or down its ladder from the routine attempts before `today`.

    Every attempt counts, in a routine or opened by name (both run at the person's level and
    are rated on the same scale), but only those on earlier local days, so today's own ratings
    never change today's list.
    An exercise rests while a stored or new `rest_until` lies after today.

    The person's safety `flags` cap each ladder below its first ruled-out rung (and at the first
    rung with the lowest-rungs restriction), so progression never reaches a rung that is not for
    them; with the no-progression restriction nothing moves up.
    """
    days = [local_date(attempt.finished_at, zone) for attempt in attempts]
    updates: list[LevelUpdate] = []
    levels: dict[str, int] = {}
    resting: set[str] = set()
    for exercise in exercises:
        standing = standings.get(exercise.id)
        level = standing.level if standing else 0
        results = [
            Result(
                day,
                attempt.status is Status.COMPLETED,
                attempt.discomfort,
                attempt.skip_reason if attempt.status is Status.SKIPPED else None,
            )
            for attempt, day in zip(attempts, days, strict=True)
            if attempt.exercise_id == exercise.id and day < today
        ]
        allowed = top_rung(exercise, flags, lowest=restrictions.lowest_rungs)
        top = max(len(exercise.levels) - 1, 0) if allowed is None else allowed
        level = min(level, top)
        since = standing.changed_on if standing else None
        change = next_level(level, top, results, since=since)
        if change.kind == "up" and restrictions.no_progression:
            change = replace(change, kind="none", level=level)
        if change.kind != "none":
            rest_until = today + timedelta(days=change.rest_days) if change.rest_days else None
            note = LevelNote(change.reason, exercise.id, change.level, change.rest_days)
            new = Standing(change.level, rest_until, results[-1].day)
            updates.append(LevelUpdate(exercise.id, new, note))
            level = change.level
            if rest_until is not None:
                resting.add(exercise.id)
        elif _resting(standing, today):
            resting.add(exercise.id)
        levels[exercise.id] = level
    return Ladders(tuple(updates), levels, frozenset(resting))


def _resting(standing: Standing | None, today: date) -> bool:
    return standing is not None and standing.rest_until is not None and standing.rest_until > today


def done_history(attempts: Iterable[Attempt], zone: str) -> list[Done]:
    """Every completed attempt, on the person's local day: what the builder ranks by."""
    return [
        Done(local_date(attempt.finished_at, zone), attempt.exercise_id)
        for attempt in attempts
        if attempt.status is Status.COMPLETED
    ]


def skipped_for_equipment(attempts: Iterable[Attempt]) -> frozenset[str]:
    """Exercises whose latest routine attempt was skipped for want of the equipment.

    `attempts` come oldest first, so the last one seen for an exercise is its latest.
    """
    latest = {attempt.exercise_id: attempt for attempt in attempts if attempt.in_routine}
    return frozenset(
        exercise_id
        for exercise_id, attempt in latest.items()
        if attempt.status is Status.SKIPPED and attempt.skip_reason == NO_EQUIPMENT
    )
