"""The day's routine: which exercises, at which level, in which order, for how long.

A reminder is only worth tapping if what follows suits this person today, fits the time they
chose and, over a week, gives every suitable exercise its turn. The builder is pure: the person's
profile, their history and the date are arguments, so the same inputs always give the same
routine, after a restart or on another process.

Safety comes first and is absolute: an exercise whose ``avoid_with`` names one of the person's
safety flags is never offered, in any variant, and a rung whose ``avoid_with`` does caps the
level below it (:func:`bot.domain.triage.top_rung`). Missing equipment is softer: the exercise
stays, as its equipment-free variant.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from bot.content import Dose, Exercise, Level, Step, Vocabulary, shipped_vocabulary
from bot.domain.triage import top_rung
from bot.domain.walkthrough import Shape

RoutineVariant = Literal["standard", "without_equipment"]
WITHOUT_EQUIPMENT: RoutineVariant = "without_equipment"

SECONDS_PER_REP = 4
"""A slow, controlled repetition; holds count their own seconds instead."""

SET_UP_SECONDS = 30
"""Reading the first step and getting into position; a timed dose already includes it."""

NO_LEVELS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True)
class Profile:
    """What the person told us at onboarding, as the builder needs it."""

    complaints: frozenset[str]
    equipment: frozenset[str]
    safety_flags: frozenset[str]
    session_minutes: int  # 5, 10 or 15
    lowest_rungs: bool = False  # a modified programme's restriction (bot.domain.triage)
    prefer_seated: bool = False
    vocabulary: Vocabulary = field(default_factory=shipped_vocabulary)
    """The catalogue's words: what every home has, what no complaint means (its default
    choice: stronger, steadier, suppler feet), and the positions from the floor up."""


@dataclass(frozen=True)
class Done:
    """One exercise completed on one local day (the person's calendar, not UTC)."""

    day: date
    exercise_id: str


@dataclass(frozen=True)
class RoutineItem:
    """One exercise of the day's routine, as the session walks through it."""

    exercise_id: str
    level: int
    variant: RoutineVariant
    minutes: float


DEFAULT_REST_SECONDS = 30
"""The rest between two sets where the content names none."""


def ladder_of(exercise: Exercise, variant: str = "standard") -> tuple[Level, ...]:
    """The rungs a version climbs: the exercise's own, or its equipment-free version's.

    An equipment-free version without a ladder of its own has none (an empty tuple).
    """
    free = exercise.without_equipment
    if variant == WITHOUT_EQUIPMENT and free is not None and free.steps:
        return free.levels
    return exercise.levels


def rung_of(exercise: Exercise, variant: str = "standard", level: int = 0) -> Level | None:
    """The rung `level` means in this version: the top one of a shorter ladder, or None."""
    ladder = ladder_of(exercise, variant)
    if not ladder:
        return None
    return ladder[min(max(level, 0), len(ladder) - 1)]


def dose_of(exercise: Exercise, level: int = 0, variant: str = "standard") -> Dose:
    """The dose at `level`: the version's own, with each amount the rung sets in its place."""
    if not 0 <= level < len(exercise.levels):
        raise ValueError(f"{exercise.id} has no level {level}")
    free = exercise.without_equipment
    base = exercise.dose
    if variant == WITHOUT_EQUIPMENT and free is not None and free.dose is not None:
        base = free.dose
    rung = rung_of(exercise, variant, level)
    if rung is None:
        return base
    own = {
        field: value
        for field in ("sets", "reps", "hold_seconds", "minutes", "per_side", "rest_seconds")
        if (value := getattr(rung, field)) is not None
    }
    return base.model_copy(update=own) if own else base


def rest_of(dose: Dose) -> int:
    """Seconds of rest between two sets of `dose` (none for a single set)."""
    if (dose.sets or 1) < 2:
        return 0  # one set: nothing to rest between
    return dose.rest_seconds if dose.rest_seconds is not None else DEFAULT_REST_SECONDS


def estimate_minutes(exercise: Exercise, level: int = 0, variant: str = "standard") -> float:
    """Rough minutes an exercise takes at `level`, rounded up to half a minute and at least one.

    A timed dose counts its minutes (per side if so). A counted dose counts ``SECONDS_PER_REP``
    per repetition, or the hold for each repetition when there is one (a hold without reps is one
    hold per set), doubled per side, plus ``SET_UP_SECONDS``, plus the rest timers between sets
    (:func:`rest_of`). The dose is the version's and level's own (:func:`dose_of`), the one the
    card shows and the walkthrough runs: a rung of more sets or a longer walk takes longer.
    """
    dose = dose_of(exercise, level, variant)
    sides = 2 if dose.per_side else 1
    sets = dose.sets or 1
    if dose.minutes is not None:
        seconds = dose.minutes * 60 * sides
    else:
        per_rep = dose.hold_seconds if dose.hold_seconds is not None else SECONDS_PER_REP
        per_set = per_rep * dose.reps if dose.reps is not None else per_rep
        seconds = sets * per_set * sides + SET_UP_SECONDS
    seconds += (sets - 1) * rest_of(dose)
    return max(1.0, math.ceil(seconds / 30) / 2)


def shape_of(exercise: Exercise, variant: str = "standard", level: int = 0) -> Shape:
    """How the walkthrough repeats the steps at `level`: from the same dose as the card.

    A set runs from the first to the last counted, held or per-side step (the steps before it
    set the person up, those after it close the exercise: each is shown once); the steps
    marked per side run once for each foot; sets rest :func:`rest_of` seconds between them.
    """
    steps = steps_of(exercise, variant, level)
    dose = _dose_or_first(exercise, level, variant)
    work = [index for index, step in enumerate(steps) if _is_work(step)]
    return Shape(
        set_start=work[0] if work else 0,
        set_end=work[-1] if work else None,
        per_side=frozenset(index for index, step in enumerate(steps) if step.per_side),
        rest_seconds=rest_of(dose),
        holds=frozenset(index for index, step in enumerate(steps) if step.hold_seconds),
    )


def sets_of(exercise: Exercise, variant: str = "standard", level: int = 0) -> int:
    """How many times the walkthrough runs the set at `level`."""
    return _dose_or_first(exercise, level, variant).sets or 1


def _dose_or_first(exercise: Exercise, level: int, variant: str) -> Dose:
    return dose_of(exercise, min(max(level, 0), len(exercise.levels) - 1), variant)


def _is_work(step: Step) -> bool:
    return step.reps is not None or step.hold_seconds is not None or step.per_side


def suitable(
    exercises: Iterable[Exercise], profile: Profile
) -> tuple[tuple[Exercise, RoutineVariant], ...]:
    """Every exercise this person may do, with the variant their equipment allows.

    A safety flag rules an exercise out entirely. Missing equipment (beyond the floor and a
    chair, which every home has) swaps in the equipment-free variant; an exercise without one is
    left out. Catalogue order is kept.
    """
    at_hand = profile.equipment | profile.vocabulary.at_hand
    chosen: list[tuple[Exercise, RoutineVariant]] = []
    for exercise in exercises:
        if top_rung(exercise, profile.safety_flags) is None:
            continue
        if set(exercise.equipment) <= at_hand:
            chosen.append((exercise, "standard"))
        elif exercise.without_equipment is not None:
            chosen.append((exercise, "without_equipment"))
    return tuple(chosen)


def for_the_person(exercise: Exercise, profile: Profile) -> bool:
    """Whether an exercise is aimed at what this person asked for: one of its ``targets`` is
    one of their complaints (or, when they named none, the vocabulary's default choice:
    strength, balance and mobility in the shipped one)."""
    return bool(_wanted(profile).intersection(exercise.targets))


def _wanted(profile: Profile) -> frozenset[str]:
    return profile.complaints or profile.vocabulary.default_complaints


def build_routine(
    exercises: Sequence[Exercise],
    profile: Profile,
    history: Sequence[Done],
    day: date,
    levels: Mapping[str, int] = NO_LEVELS,
    resting: frozenset[str] = frozenset(),
    equipment_free: frozenset[str] = frozenset(),
) -> tuple[RoutineItem, ...]:
    """The routine for ``day``, picked from the whole library by complaint, within the session.

    Candidates are the :func:`suitable` exercises that are not resting. Priority, in order:

    1. exercises :func:`for_the_person` (aimed at their complaints) before the rest, which only
       fill time the former leave over;
    2. days since last done (never done is the most overdue);
    3. exercises that ``leads`` one of the person's complaints (heel pain: the calf, soleus and
       plantar fascia stretches) before the others, so a first routine starts with them;
    4. a hash of (day, exercise id) that varies day to day but never between two calls.

    Candidates are taken in that order while they fit the remaining minutes; if not even one
    fits, the shortest alone is the routine. The chosen items are then put in position order
    (the vocabulary's, from the floor up) so nobody goes up and down twice.

    Only history before ``day`` counts, so ticking off today's exercises does not reshuffle
    today's routine. Levels come from ``levels`` (default 0), clamped to the exercise's ladder
    and, for rungs with minutes of their own, to the highest that fits the session.
    Exercises in ``equipment_free`` (skipped last time for want of the equipment) come in their
    equipment-free version where they have one.

    Coverage promise. Let *T* be the candidates :func:`for_the_person`, *B* the session
    minutes, *m* the longest estimate in *T* and *S* the sum of their estimates (at the levels
    used). Assume the person does each day's routine and *T* stays the same. An exercise of *T*
    not yet done in the run is more overdue than any that was, and all of *T* comes before the
    rest, so each day first takes the not-yet-done ones, in priority order, while they fit.
    Hence, while some are left: (a) each day brings at least one new one, so all of *T* comes
    round within ``len(T)`` days; (b) a day that leaves one out has filled more than ``B - m``
    minutes with new ones, so all of *T* comes round within 7 days whenever
    ``S <= 7 * (B - m)``. When the session is too short for that (many complaints, or general
    fitness, in five minutes), nothing is starved: the rotation still runs most overdue first
    and (a) still bounds it; ``tests/domain/test_routine.py`` pins the days it takes for every
    complaint and session length of the shipped library. Rungs too long for the session are
    done at one that fits, so every estimate fits in it.
    """
    wanted = _wanted(profile)
    last_done = _last_done(history, day)
    candidates = [
        (exercise, _equipment_free_if_asked(exercise, variant, equipment_free))
        for exercise, variant in suitable(exercises, profile)
        if exercise.id not in resting
    ]
    if not candidates:
        return ()
    ranked = sorted(
        candidates,
        key=lambda pair: (
            not for_the_person(pair[0], profile),
            -_days_since(last_done.get(pair[0].id), day),
            not wanted.intersection(pair[0].leads),
            _tie_break(day, pair[0].id),
            pair[0].id,
        ),
    )
    budget = profile.session_minutes
    if profile.prefer_seated:  # stable: seated and floor work first among equally due ones
        ranked.sort(
            key=lambda pair: (
                -_days_since(last_done.get(pair[0].id), day),
                not profile.vocabulary.seated(pair[0].position),
            )
        )
    items = [_item(exercise, variant, levels, budget, profile) for exercise, variant in ranked]
    chosen = _fill(items, budget)
    rank = {item.exercise_id: index for index, item in enumerate(items)}
    position = {exercise.id: profile.vocabulary.rank(exercise.position) for exercise, _ in ranked}
    return tuple(
        sorted(chosen, key=lambda item: (position[item.exercise_id], rank[item.exercise_id]))
    )


def _equipment_free_if_asked(
    exercise: Exercise, variant: RoutineVariant, equipment_free: frozenset[str]
) -> RoutineVariant:
    if exercise.id in equipment_free and exercise.without_equipment is not None:
        return "without_equipment"
    return variant


def _last_done(history: Iterable[Done], day: date) -> dict[str, date]:
    """The latest day before ``day`` on which each exercise was done."""
    last: dict[str, date] = {}
    for record in history:
        if record.day < day and record.day > last.get(record.exercise_id, date.min):
            last[record.exercise_id] = record.day
    return last


def _days_since(last: date | None, day: date) -> float:
    return math.inf if last is None else (day - last).days


def _tie_break(day: date, exercise_id: str) -> bytes:
    """Stable across processes and restarts, unlike the salted built-in ``hash``."""
    return hashlib.sha256(f"{day.isoformat()}/{exercise_id}".encode()).digest()


def _item(
    exercise: Exercise,
    variant: RoutineVariant,
    levels: Mapping[str, int],
    budget: int,
    profile: Profile,
) -> RoutineItem:
    """The exercise at the person's level, or the highest level below it that fits the session.

    The level never passes the top rung the person's safety answers allow. A short session
    cannot hold a long rung (a ten-minute walk in five minutes), and leaving the exercise out
    instead would break the promise that everything comes round within a week.
    """
    allowed = top_rung(exercise, profile.safety_flags, lowest=profile.lowest_rungs) or 0
    level = min(max(levels.get(exercise.id, 0), 0), allowed)
    while level > 0 and estimate_minutes(exercise, level, variant) > budget:
        level -= 1
    return RoutineItem(exercise.id, level, variant, estimate_minutes(exercise, level, variant))


def _fill(items: Sequence[RoutineItem], budget: int) -> list[RoutineItem]:
    """Greedy in priority order, skipping what no longer fits; the shortest alone if none fit."""
    chosen: list[RoutineItem] = []
    left = float(budget)
    for item in items:
        if item.minutes <= left:
            chosen.append(item)
            left -= item.minutes
    if not chosen:
        chosen.append(min(items, key=lambda item: item.minutes))
    return chosen


def steps_of(exercise: Exercise, variant: str, level: int = 0) -> tuple[Step, ...]:
    """The steps a walkthrough of `exercise` shows at `level`.

    The equipment-free version walks its own steps (an old one-paragraph version is one
    step). A counted or held step takes the level's own repetitions, hold (its timer) and
    sides; a timed step of a dose in minutes takes the level's minutes.
    """
    free = exercise.without_equipment
    steps = exercise.steps
    if variant == WITHOUT_EQUIPMENT and free is not None:
        if not free.steps:
            return (Step(text=free.description),)
        steps = free.steps
    if not 0 <= level < len(exercise.levels):
        return steps
    rung = rung_of(exercise, variant, level)
    if rung is None:
        return steps
    return tuple(_step_at(step, rung) for step in steps)


def _step_at(step: Step, rung: Level) -> Step:
    own: dict[str, object] = {}
    if step.reps is not None and rung.reps is not None:
        own["reps"] = rung.reps
    if step.hold_seconds is not None and rung.hold_seconds is not None:
        own["hold_seconds"] = rung.hold_seconds
    elif step.hold_seconds is not None and rung.minutes is not None:
        own["hold_seconds"] = rung.minutes * 60
    if _is_work(step) and rung.per_side is not None:
        own["per_side"] = rung.per_side
    return step.model_copy(update=own) if own else step
