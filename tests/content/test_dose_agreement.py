"""The card's dose, the steps, the timers and the time estimate come from the same numbers.

For every exercise, each of its versions (standard and equipment-free) and each level, the
walkthrough is run screen by screen with the domain's own state machine, and what it runs is
checked against the dose the card shows: how many sets, which sides, how many repetitions and
how long each timer, and the estimate recomputed from what was run. Prose that repeats what
the structure now does ("rest, then the next set", "change feet") is caught too.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest

from bot.content import Dose, Exercise, default_content_dir, load_catalogue
from bot.domain.routine import (
    SECONDS_PER_REP,
    SET_UP_SECONDS,
    WITHOUT_EQUIPMENT,
    dose_of,
    estimate_minutes,
    rest_of,
    sets_of,
    shape_of,
    steps_of,
)
from bot.domain.walkthrough import Action, EventKind, Position, Status, apply
from bot.telegram import texts

CATALOGUE = load_catalogue(default_content_dir())
CASES = [
    (exercise, variant, level)
    for exercise in CATALOGUE.exercises
    for variant in ("standard", WITHOUT_EQUIPMENT)
    if variant == "standard" or exercise.without_equipment is not None
    for level in range(len(exercise.levels))
]
STRUCTURE_PROSE = re.compile(
    r"next set|rest for half|other (?:foot|side|ankle|leg) (?:its turn|over)|change feet|"
    r"switch (?:feet|to the other)|swap legs|change legs|repeat on the other|until (?:each|the) "
    r"(?:leg|foot|calf) has had|two goes|three holds|both (?:holds|parts|movements) on",
    re.IGNORECASE,
)


def _id(case: tuple[Exercise, str, int]) -> str:
    exercise, variant, level = case
    return f"{exercise.id}-{'free' if variant == WITHOUT_EQUIPMENT else 'std'}-{level}"


def _timer(dose: Dose) -> set[int]:
    """The hold a timed step may run: the dose's hold, or its minutes."""
    return {s for s in (dose.hold_seconds, (dose.minutes or 0) * 60) if s}


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_dose_steps_timers_and_estimate_agree(case: tuple[Exercise, str, int]) -> None:
    exercise, variant, level = case
    dose = dose_of(exercise, level, variant)
    steps = steps_of(exercise, variant, level)
    shape = shape_of(exercise, variant, level)
    work = [i for i, step in enumerate(steps) if step.reps or step.hold_seconds]
    assert len(steps) >= 2, "one dense paragraph is not a walkthrough"
    assert work, "nothing to count or time"
    for index in work:
        step = steps[index]
        assert step.per_side == dose.per_side, (index, "sides")
        if step.reps is not None:
            assert step.reps == dose.reps, (index, "reps")
        if step.hold_seconds is not None:
            assert step.hold_seconds in _timer(dose), (index, "hold")
    if dose.reps is not None:
        assert any(steps[i].reps == dose.reps for i in work)
    if dose.hold_seconds is not None:
        assert any(steps[i].hold_seconds == dose.hold_seconds for i in work)

    # Run it: every screen Next passes, with the timers a person can start and the rests.
    position = Position(0, len(steps), set_count=sets_of(exercise, variant, level), shape=shape)
    visits: Counter[int] = Counter()
    sides: set[int] = set()
    sets_done, rests = 1, 0
    holds: list[int] = []
    while position.status is not Status.RATING:
        if position.status is Status.ACTIVE:
            # the second foot's run of counted steps is one screen that shows each of them
            visits.update(range(position.step, position.through + 1))
            hold = steps[position.step].hold_seconds
            if hold and position.step in work:
                holds.append(hold)
                sides.add(position.side)
        move = apply(position, Action.NEXT)
        if EventKind.SET_DONE in move.events:
            sets_done += 1
            rests += move.position.status is Status.RESTING
        position = move.position
    per_work_step = (dose.sets or 1) * (2 if dose.per_side else 1)
    assert all(visits[i] == per_work_step for i in work), visits
    assert sets_done == (dose.sets or 1)
    assert rests == (sets_done - 1 if rest_of(dose) else 0)
    if holds:
        assert set(holds) <= _timer(dose) and sides == ({0, 1} if dose.per_side else {0})

    # The estimate, from what was run: the same numbers, the same rule.
    ran_sides = 2 if dose.per_side else 1
    if dose.minutes is not None:
        seconds = dose.minutes * 60 * ran_sides
    else:
        per_rep = dose.hold_seconds or SECONDS_PER_REP
        per_set = per_rep * (dose.reps or 1)
        seconds = sets_done * per_set * ran_sides + SET_UP_SECONDS
    seconds += (sets_done - 1) * shape.rest_seconds
    assert estimate_minutes(exercise, level, variant) == max(1.0, math.ceil(seconds / 30) / 2)


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_steps_leave_sets_and_sides_to_the_structure(exercise: Exercise) -> None:
    free = exercise.without_equipment
    written = [step.text for step in exercise.steps]
    if free is not None:
        written += [step.text for step in free.steps]
    assert [text for text in written if STRUCTURE_PROSE.search(text)] == []


@pytest.mark.parametrize(
    "exercise",
    [e for e in CATALOGUE.exercises if e.without_equipment is not None],
    ids=lambda e: e.id,
)
def test_equipment_free_versions_are_step_by_step(exercise: Exercise) -> None:
    free = exercise.without_equipment
    assert free is not None and len(free.steps) >= 2 and free.dose is not None


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_level_descriptions_name_the_hold_they_run(exercise: Exercise) -> None:
    """ "Three holds of 45 seconds" on a rung means its timer runs 45 seconds."""
    for level, rung in enumerate(exercise.levels):
        for said in re.findall(r"(\d+) seconds", rung.description):
            assert dose_of(exercise, level).hold_seconds == int(said), rung.name


def test_the_card_shows_the_rest_between_sets() -> None:
    calf = CATALOGUE.get("calf_raises")
    assert calf is not None
    assert texts.dose(calf) == "2 × 10, 30 s rest between sets"
