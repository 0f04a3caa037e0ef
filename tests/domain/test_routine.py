"""The day's routine: safe, doable, within the session, stable per date, and fair over a week."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import Exercise, default_content_dir, load_catalogue
from bot.domain.routine import (
    Done,
    Profile,
    RoutineItem,
    build_routine,
    dose_of,
    estimate_minutes,
    for_the_person,
    steps_of,
    suitable,
)

CATALOGUE = load_catalogue(default_content_dir())
EXERCISES: tuple[Exercise, ...] = CATALOGUE.exercises
VOCABULARY = CATALOGUE.vocabulary
COMPLAINTS = VOCABULARY.complaint_ids
EQUIPMENT = VOCABULARY.equipment_ids
ALWAYS_AT_HAND = VOCABULARY.at_hand
COMPLAINT_CHOICES = {choice.id: choice.complaints for choice in VOCABULARY.complaint_choices}
BY_ID = {exercise.id: exercise for exercise in EXERCISES}
IDS = sorted(BY_ID)
SAFETY_FLAGS = CATALOGUE.flags.ids
DAY = date(2026, 3, 3)
POSITION_RANK = {"floor": 0, "sitting": 1, "standing": 2, "walking": 3}

EXPECTED_MINUTES = {
    "ankle_circles": 2.0,
    "ball_massage": 2.0,
    "barefoot_walking": 5.0,
    "big_toe_mobility": 2.0,
    "calf_raises": 2.5,
    "frozen_bottle_roll": 5.0,
    "heel_to_toe_walk": 2.5,
    "marble_pickup": 2.0,
    "plantar_fascia_stretch": 3.5,
    "resistance_band": 2.0,
    "short_foot": 2.5,
    "single_leg_balance": 2.5,
    "soleus_stretch": 3.5,
    "toe_curls": 2.0,
    "toe_extensor_stretch": 2.5,
    "toe_spacers": 1.5,
    "towel_stretch": 3.5,
    "wall_calf_stretch": 3.5,
}
LONGER_TOP_RUNG = {
    "barefoot_walking": 10.0,
    "ankle_circles": 2.5,
    "frozen_bottle_roll": 8.0,
    "marble_pickup": 4.0,
    "plantar_fascia_stretch": 5.0,
    "resistance_band": 5.5,
    "soleus_stretch": 5.0,
    "toe_extensor_stretch": 4.5,
    "towel_stretch": 5.0,
    "wall_calf_stretch": 5.0,
}
"""Upper rungs with a dose of their own: a longer walk or cold roll, more sets, longer holds.
Rests between sets count (:func:`bot.domain.routine.rest_of`): calf raises rest half a minute."""


def profile(
    complaints: frozenset[str] = frozenset(),
    equipment: frozenset[str] = frozenset(),
    flags: frozenset[str] = frozenset(),
    minutes: int = 10,
) -> Profile:
    return Profile(complaints, equipment, flags, minutes)


def ids(routine: tuple[RoutineItem, ...]) -> list[str]:
    return [item.exercise_id for item in routine]


# --- strategies --------------------------------------------------------------------------------

profiles = st.builds(
    Profile,
    complaints=st.frozensets(st.sampled_from(COMPLAINTS)),
    equipment=st.frozensets(st.sampled_from(EQUIPMENT)),
    safety_flags=st.frozensets(st.sampled_from(SAFETY_FLAGS)),
    session_minutes=st.sampled_from([5, 10, 15]),
)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def histories(draw: st.DrawFn, day: date) -> list[Done]:
    """Any records in the 30 days before ``day``, in any order, duplicates allowed."""
    entries = draw(st.lists(st.tuples(st.integers(1, 30), st.sampled_from(IDS)), max_size=60))
    return [Done(day - timedelta(days=offset), exercise_id) for offset, exercise_id in entries]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Profile, date, list[Done]]:
    day = draw(days)
    return draw(profiles), day, draw(histories(day))


def safe_and_doable(person: Profile) -> set[str]:
    return {
        exercise.id
        for exercise in EXERCISES
        if not person.safety_flags.intersection(exercise.avoid_with)
        and not person.safety_flags.intersection(exercise.levels[0].avoid_with)
        and (
            set(exercise.equipment) <= person.equipment | ALWAYS_AT_HAND
            or exercise.without_equipment is not None
        )
    }


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(cases(), st.frozensets(st.sampled_from(IDS)))
def test_never_an_excluded_exercise_or_missing_equipment(
    case: tuple[Profile, date, list[Done]], equipment_free: frozenset[str]
) -> None:
    """Whatever was skipped for want of equipment (`equipment_free`), nothing unsafe comes in,
    and the equipment-free version is used exactly where equipment is missing or was."""
    person, day, history = case
    routine = build_routine(EXERCISES, person, history, day, equipment_free=equipment_free)
    at_hand = person.equipment | ALWAYS_AT_HAND
    for item in routine:
        exercise = BY_ID[item.exercise_id]
        assert not person.safety_flags.intersection(exercise.avoid_with)
        asked = exercise.id in equipment_free and exercise.without_equipment is not None
        if item.variant == "standard":
            assert set(exercise.equipment) <= at_hand and not asked
        else:
            assert exercise.without_equipment is not None
            assert asked or not set(exercise.equipment) <= at_hand


levels = st.dictionaries(st.sampled_from(IDS), st.integers(0, 2))
"""Anyone's place on each ladder: long rungs (barefoot walking's ten minutes) included."""


@settings(max_examples=300, deadline=None)
@given(cases(), levels)
def test_fits_the_session_or_is_the_single_shortest(
    case: tuple[Profile, date, list[Done]], ladder: dict[str, int]
) -> None:
    person, day, history = case
    routine = build_routine(EXERCISES, person, history, day, levels=ladder)
    for item in routine:
        assert item.level <= ladder.get(item.exercise_id, 0)
        exercise = BY_ID[item.exercise_id]
        assert item.minutes == estimate_minutes(exercise, item.level, item.variant)
    candidates = safe_and_doable(person)
    assert bool(routine) == bool(candidates)
    assert len(set(ids(routine))) == len(routine)
    total = sum(item.minutes for item in routine)
    if total > person.session_minutes:
        shortest = min(estimate_minutes(e, 0, v) for e, v in suitable(EXERCISES, person))
        assert len(routine) == 1 and routine[0].minutes == shortest


@settings(max_examples=200, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order_of_inputs(
    case: tuple[Profile, date, list[Done]], rng: random.Random
) -> None:
    person, day, history = case
    first = build_routine(EXERCISES, person, history, day)
    assert build_routine(EXERCISES, person, history, day) == first
    shuffled_history, shuffled_exercises = list(history), list(EXERCISES)
    rng.shuffle(shuffled_history)
    rng.shuffle(shuffled_exercises)
    assert build_routine(shuffled_exercises, person, shuffled_history, day) == first


@settings(max_examples=200, deadline=None)
@given(cases())
def test_ordered_from_the_floor_up(case: tuple[Profile, date, list[Done]]) -> None:
    person, day, history = case
    ranks = [
        POSITION_RANK[BY_ID[i].position]
        for i in ids(build_routine(EXERCISES, person, history, day))
    ]
    assert ranks == sorted(ranks)


def run_a_week(
    exercises: tuple[Exercise, ...],
    person: Profile,
    history: list[Done],
    day: date,
    days: int = 7,
    **kwargs: Any,
) -> list[set[str]]:
    """Each day's routine done: the ids new to the run on each day, in order."""
    seen: set[str] = set()
    new: list[set[str]] = []
    for offset in range(days):
        today = day + timedelta(days=offset)
        routine = build_routine(exercises, person, history, today, **kwargs)
        new.append(set(ids(routine)) - seen)
        seen.update(ids(routine))
        history = [*history, *(Done(today, item.exercise_id) for item in routine)]
    return new


def for_them(exercises: tuple[Exercise, ...], person: Profile, resting: frozenset[str]) -> set[str]:
    return {
        exercise.id
        for exercise, _ in suitable(exercises, person)
        if for_the_person(exercise, person) and exercise.id not in resting
    }


@st.composite
def libraries(draw: st.DrawFn) -> tuple[Exercise, ...]:
    """Any part of the library: the promise is about any content, not only the shipped one."""
    chosen = draw(st.sets(st.sampled_from(IDS), min_size=1))
    return tuple(BY_ID[i] for i in sorted(chosen))


@settings(max_examples=300, deadline=None)
@given(libraries(), cases(), st.frozensets(st.sampled_from(IDS), max_size=3), levels)
def test_coverage_promise(
    library: tuple[Exercise, ...],
    case: tuple[Profile, date, list[Done]],
    resting: frozenset[str],
    ladder: dict[str, int],
) -> None:
    """The promise in `build_routine`, for any library, person, history, levels and rest:
    (a) each day brings an exercise for the person not yet done in the run until all have come
    round; (b) all come round within 7 days when S <= 7 (B - m)."""
    person, day, history = case
    expected = for_them(library, person, resting)
    new = run_a_week(
        library, person, history, day, days=max(7, len(expected)), levels=ladder, resting=resting
    )
    covered: set[str] = set()
    for today in new:
        if covered >= expected:
            break
        assert today & (expected - covered), "a day brought nothing new for the person"
        covered |= today
    assert covered >= expected
    budget = person.session_minutes
    minutes = {i: build_item_minutes(BY_ID[i], ladder.get(i, 0), budget) for i in expected}
    if minutes and sum(minutes.values()) <= 7 * (budget - max(minutes.values())):
        assert set().union(*new[:7]) >= expected


def build_item_minutes(exercise: Exercise, level: int, budget: int) -> float:
    """The estimate the builder uses: the person's rung, or the highest that fits."""
    rung = min(max(level, 0), len(exercise.levels) - 1)
    while rung > 0 and estimate_minutes(exercise, rung) > budget:
        rung -= 1
    return estimate_minutes(exercise, rung)


COMPLAINT_PICKS = [
    frozenset(combo) for size in range(len(COMPLAINT_CHOICES) + 1)
    for combo in combinations(COMPLAINT_CHOICES, size)
]  # fmt: skip
"""Every set of onboarding buttons a person can tick."""


def complaints_of(picks: frozenset[str]) -> frozenset[str]:
    return frozenset(tag for pick in picks for tag in COMPLAINT_CHOICES[pick])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(COMPLAINT_PICKS),
    st.frozensets(st.sampled_from(EQUIPMENT)),
    st.frozensets(st.sampled_from(SAFETY_FLAGS)),
    st.sampled_from([10, 15]),
    days,
)
def test_shipped_library_covers_every_exercise_for_the_person_within_a_week(
    picks: frozenset[str],
    equipment: frozenset[str],
    flags: frozenset[str],
    minutes: int,
    day: date,
) -> None:
    """Ten or fifteen minutes a day: whatever was ticked, all of it comes round in 7 days."""
    person = profile(complaints_of(picks), equipment, flags, minutes)
    expected = for_them(EXERCISES, person, frozenset())
    assert set().union(*run_a_week(EXERCISES, person, [], day)) >= expected


FIVE_MINUTE_WEEK = {
    "heel_pain": True,
    "bunions": True,
    "hammertoes": True,
    "arch_pain": True,
    "general": False,
}
"""Five minutes a day and one complaint ticked: does everything for it come round in 7 days?
General fitness draws on most of the library (about forty minutes of it), more than 7 x 5."""


@pytest.mark.parametrize(("pick", "within_a_week"), FIVE_MINUTE_WEEK.items())
@pytest.mark.parametrize("offset", range(0, 28, 3))
def test_five_minutes_a_day_by_complaint(pick: str, within_a_week: bool, offset: int) -> None:
    person = profile(complaints_of(frozenset({pick})), frozenset(EQUIPMENT), minutes=5)
    expected = for_them(EXERCISES, person, frozenset())
    new = run_a_week(EXERCISES, person, [], DAY + timedelta(days=offset), days=len(expected))
    assert (set().union(*new[:7]) >= expected) is within_a_week
    assert set().union(*new) >= expected  # and within len(expected) days in any case


def test_heel_pain_leads_with_the_stretches() -> None:
    leads = {"wall_calf_stretch", "soleus_stretch", "plantar_fascia_stretch"}
    assert {e.id for e in EXERCISES if "heel_pain" in e.leads} == leads
    for minutes in (5, 10, 15):
        person = profile(frozenset({"heel_pain"}), frozenset(EQUIPMENT), minutes=minutes)
        for offset in range(14):
            first = ids(build_routine(EXERCISES, person, [], DAY + timedelta(days=offset)))
            assert set(first) & leads
            # as many of the stretches as fit (3.5 minutes each) come before anything else
            assert len(set(first) & leads) == min(3, minutes * 2 // 7)


def test_other_exercises_only_fill_time_left_over() -> None:
    """Bunions has two exercises; the rest of fifteen minutes is filled from the library."""
    person = profile(frozenset({"bunions"}), frozenset(EQUIPMENT), minutes=15)
    routine = build_routine(EXERCISES, person, [], DAY)
    assert {"toe_spacers", "big_toe_mobility"} <= set(ids(routine))
    assert len(routine) > 2


# --- examples ----------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_minutes_estimate(exercise_id: str) -> None:
    exercise = BY_ID[exercise_id]
    assert estimate_minutes(exercise, 0) == EXPECTED_MINUTES[exercise_id]
    top = len(exercise.levels) - 1
    expected = LONGER_TOP_RUNG.get(exercise_id, EXPECTED_MINUTES[exercise_id])
    assert estimate_minutes(exercise, top) == expected


def test_a_level_dose_is_its_own_in_the_estimate_the_steps_and_the_timer() -> None:
    stretch, calf, walk = (
        BY_ID[i] for i in ("toe_extensor_stretch", "calf_raises", "barefoot_walking")
    )
    assert dose_of(stretch, 1).hold_seconds == 60 and dose_of(stretch, 0).hold_seconds == 30
    held = [step.hold_seconds for step in steps_of(stretch, "standard", 1) if step.hold_seconds]
    assert held == [60]  # one hold per set and side, at the level's own length
    counted = [step for step in steps_of(calf, "standard", 1) if step.reps]
    assert [(step.reps, step.per_side) for step in counted] == [(8, True)]
    assert estimate_minutes(calf, 1) > estimate_minutes(calf, 0)
    assert [estimate_minutes(walk, level) for level in range(len(walk.levels))] == [5, 7, 10, 10]
    assert steps_of(stretch, "standard", 9) == stretch.steps  # a stored level off the ladder


def test_minutes_estimate_rejects_a_level_off_the_ladder() -> None:
    calf = BY_ID["calf_raises"]
    with pytest.raises(ValueError, match="no level 3"):
        estimate_minutes(calf, len(calf.levels))


def test_barefoot_walking_is_the_longest_and_fits_the_shortest_session() -> None:
    longest = max(EXERCISES, key=estimate_minutes)
    assert longest.id == "barefoot_walking"
    assert estimate_minutes(longest) <= 5


def test_diabetes_rules_out_barefoot_walking() -> None:
    person = profile(frozenset({"balance"}), flags=frozenset({"diabetes_neuropathy"}), minutes=15)
    picked = {item.exercise_id for d in range(14) for item in build_routine(
        EXERCISES, person, [], DAY + timedelta(days=d)
    )}  # fmt: skip
    assert "barefoot_walking" not in picked
    assert "barefoot_walking" not in {e.id for e, _ in suitable(EXERCISES, person)}


def test_no_towel_gives_toe_curls_without_equipment() -> None:
    variants = dict((e.id, v) for e, v in suitable(EXERCISES, profile()))
    assert variants["toe_curls"] == "without_equipment"
    assert variants["ankle_circles"] == "standard"  # a chair is always at hand
    with_towel = dict(
        (e.id, v) for e, v in suitable(EXERCISES, profile(equipment=frozenset({"towel"})))
    )
    assert with_towel["toe_curls"] == "standard"


def test_diabetes_rules_out_barefoot_walking_and_toe_spacers() -> None:
    person = profile(frozenset({"strength"}), flags=frozenset({"diabetes_neuropathy"}), minutes=15)
    allowed = {e.id for e, _ in suitable(EXERCISES, person)}
    assert {"barefoot_walking", "toe_spacers"}.isdisjoint(allowed)
    assert "ball_massage" in allowed  # on its soft-ball rung only: see test_triage


@pytest.mark.parametrize(
    ("flags", "exercise_id", "wanted", "built"),
    [
        ({"balance_falls"}, "calf_raises", 2, 0),
        ({"balance_falls"}, "heel_to_toe_walk", 2, 0),
        ({"achilles_pain"}, "calf_raises", 2, 1),
        ({"diabetes_neuropathy"}, "ball_massage", 2, 0),
        ({"night_pain"}, "calf_raises", 1, 1),  # night pain caps through lowest_rungs instead
        (set(), "calf_raises", 2, 2),
    ],
)
def test_a_rung_ruled_out_caps_the_level_built_in(
    flags: set[str], exercise_id: str, wanted: int, built: int
) -> None:
    person = profile(flags=frozenset(flags), minutes=15)
    routine = build_routine([BY_ID[exercise_id]], person, [], DAY, {exercise_id: wanted})
    assert [item.level for item in routine] == [built]


def test_lowest_rungs_keep_every_exercise_on_its_first_rung() -> None:
    person = Profile(frozenset(), frozenset(), frozenset({"night_pain"}), 15, lowest_rungs=True)
    levels = dict.fromkeys(IDS, 2)
    for day in range(7):
        routine = build_routine(EXERCISES, person, [], DAY + timedelta(days=day), levels)
        assert {item.level for item in routine} == {0}


def test_skipped_for_want_of_equipment_gives_the_equipment_free_version() -> None:
    person = profile(
        frozenset({"heel_pain", "arch_pain"}), frozenset({"towel", "small_ball"}), minutes=15
    )
    variants = dict((e.id, v) for e, v in suitable(EXERCISES, person))
    assert variants["toe_curls"] == variants["ball_massage"] == "standard"
    seen: dict[str, set[str]] = {}
    history: list[Done] = []
    for offset in range(7):  # done every day, so that everything comes round
        day = DAY + timedelta(days=offset)
        routine = build_routine(
            EXERCISES, person, history, day, equipment_free=frozenset({"toe_curls", "calf_raises"})
        )
        for item in routine:
            seen.setdefault(item.exercise_id, set()).add(item.variant)
            history.append(Done(day, item.exercise_id))
    assert seen["toe_curls"] == {"without_equipment"}
    assert seen["ball_massage"] == {"standard"}
    # Calf raises need nothing beyond a wall and a chair: there is no other version.
    assert seen["calf_raises"] == {"standard"}


def test_resting_exercise_is_left_out() -> None:
    person = profile(minutes=15)
    everything = set(ids(build_routine(EXERCISES, person, [], DAY)))
    resting = frozenset(sorted(everything)[:2])
    routine = build_routine(EXERCISES, person, [], DAY, resting=resting)
    assert not set(ids(routine)) & resting


def test_for_the_complaint_first_then_most_overdue() -> None:
    person = profile(frozenset({"heel_pain"}), frozenset({"small_ball"}), minutes=5)
    heel = {e.id for e in EXERCISES if "heel_pain" in e.targets}
    history = [Done(DAY - timedelta(days=1), i) for i in heel if i != "ball_massage"]
    # Ball massage is the most overdue heel-pain exercise: it comes first, before exercises
    # for other complaints that were never done; those only fill time left over.
    routine = build_routine(EXERCISES, person, history, DAY)
    assert "ball_massage" in ids(routine)
    assert set(ids(routine)) <= heel


def test_complaints_break_ties_among_the_never_done() -> None:
    person = profile(frozenset({"bunions"}), frozenset({"toe_spacers"}), minutes=5)
    assert "toe_spacers" in ids(build_routine(EXERCISES, person, [], DAY))


def test_empty_complaints_mean_general_fitness() -> None:
    person = profile(minutes=5)
    for offset in range(10):
        first = BY_ID[
            build_routine(EXERCISES, person, [], DAY + timedelta(days=offset))[0].exercise_id
        ]
        assert {"strength", "balance", "mobility"} & set(first.targets)


def test_todays_records_do_not_reshuffle_todays_routine() -> None:
    person = profile(minutes=10)
    morning = build_routine(EXERCISES, person, [], DAY)
    ticked = [Done(DAY, item.exercise_id) for item in morning[:1]]
    assert build_routine(EXERCISES, person, ticked, DAY) == morning


def test_a_rung_too_long_for_the_session_is_done_one_that_fits() -> None:
    ladder = {"barefoot_walking": 2}
    walks = {
        minutes: [
            item
            for d in range(7)
            for item in build_routine(
                EXERCISES, profile(minutes=minutes), [], DAY + timedelta(days=d), levels=ladder
            )
            if item.exercise_id == "barefoot_walking"
        ]
        for minutes in (5, 10)
    }
    assert walks[5] and all((w.level, w.minutes) == (0, 5.0) for w in walks[5])
    assert walks[10] and all((w.level, w.minutes) == (2, 10.0) for w in walks[10])


def test_levels_are_carried_and_clamped() -> None:
    person = profile(minutes=15)
    levels = {exercise_id: 99 for exercise_id in IDS} | {"ankle_circles": 1}
    for item in build_routine(EXERCISES, person, [], DAY, levels=levels):
        expected = (
            1 if item.exercise_id == "ankle_circles" else len(BY_ID[item.exercise_id].levels) - 1
        )
        assert item.level == expected


def test_same_date_same_routine_different_dates_vary() -> None:
    person = profile(minutes=5)
    routines = {
        tuple(ids(build_routine(EXERCISES, person, [], DAY + timedelta(days=d)))) for d in range(10)
    }
    assert len(routines) > 1


def test_shortest_alone_when_nothing_fits() -> None:
    person = profile(minutes=1)
    routine = build_routine(EXERCISES, person, [], DAY)
    assert ids(routine) == ["toe_spacers"]  # 1.5 minutes: the shortest of all


def test_nothing_suitable_gives_an_empty_routine() -> None:
    person = profile(minutes=5)
    assert build_routine(EXERCISES, person, [], DAY, resting=frozenset(IDS)) == ()
    assert build_routine([], person, [], DAY) == ()


def test_fifteen_minutes_fill_up() -> None:
    routine = build_routine(EXERCISES, profile(minutes=15), [], DAY)
    total = sum(item.minutes for item in routine)
    assert 12.5 < total <= 15
