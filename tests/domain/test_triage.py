"""Red-flag triage: the table, the rung caps, and properties over every flag combination."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content import Catalogue, default_content_dir, load_catalogue
from bot.domain.onboarding import Preferences
from bot.domain.routine import Profile, build_routine
from bot.domain.routine_plan import Attempt, Standing, climb
from bot.domain.subscription import (
    Gate,
    SubscriptionState,
    SubscriptionStatus,
    routine_gate,
    schedule,
)
from bot.domain.triage import (
    NO_RESTRICTIONS,
    Decision,
    Restrictions,
    Triage,
    excluded_by,
    mentions_red_flag,
    rungs_out,
    top_rung,
    triage,
    upgrade,
)
from bot.domain.walkthrough import Status

CATALOGUE: Catalogue = load_catalogue(default_content_dir())
CHECK = CATALOGUE.flags
BY_ID = {exercise.id: exercise for exercise in CATALOGUE}
FLAGS = CHECK.ids
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
DAY = date(2026, 3, 2)

# --- the table: one flag at a time -------------------------------------------------------------

R = Restrictions
EXPECTED: dict[str, tuple[Triage, Restrictions]] = {
    "open_wound": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "hot_swollen_foot": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "calf_pain": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "acute_injury": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "recent_surgery": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "new_numbness": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "cold_foot": (Triage.SEE_FIRST, NO_RESTRICTIONS),
    "diabetes_neuropathy": (Triage.MODIFIED, R(foot_check_line=True, prefer_seated=True)),
    "balance_falls": (Triage.MODIFIED, NO_RESTRICTIONS),
    "achilles_pain": (Triage.MODIFIED, NO_RESTRICTIONS),
    "night_pain": (
        Triage.MODIFIED,
        R(lowest_rungs=True, no_progression=True, get_checked_line=True),
    ),
}


def test_the_table_covers_every_flag_of_the_check() -> None:
    assert set(EXPECTED) == set(FLAGS)


@pytest.mark.parametrize("flag", sorted(EXPECTED))
def test_each_flag_alone(flag: str) -> None:
    outcome, restrictions = EXPECTED[flag]
    decision = triage({flag}, CHECK)
    assert (decision.outcome, decision.restrictions) == (outcome, restrictions)
    assert decision.see_first == ((flag,) if outcome is Triage.SEE_FIRST else ())


@pytest.mark.parametrize(
    ("flags", "outcome", "restrictions"),
    [
        ((), Triage.GO_AHEAD, NO_RESTRICTIONS),
        (("recent_injury",), Triage.GO_AHEAD, NO_RESTRICTIONS),  # an old id counts as nothing
        (("open_wound", "night_pain"), Triage.SEE_FIRST, NO_RESTRICTIONS),
        (
            ("diabetes_neuropathy", "night_pain"),
            Triage.MODIFIED,
            R(True, True, True, True, True),
        ),
        (("balance_falls", "achilles_pain"), Triage.MODIFIED, NO_RESTRICTIONS),
    ],
)
def test_combinations(flags: tuple[str, ...], outcome: Triage, restrictions: Restrictions) -> None:
    decision = triage(flags, CHECK)
    assert (decision.outcome, decision.restrictions) == (outcome, restrictions)


def test_the_outcome_is_the_most_serious_of_its_flags() -> None:
    """Exhaustive over pairs: one see-first flag outweighs everything; effects add up."""
    for pair in combinations(FLAGS, 2):
        decision = triage(pair, CHECK)
        outcomes = {EXPECTED[flag][0] for flag in pair}
        expected = Triage.SEE_FIRST if Triage.SEE_FIRST in outcomes else Triage.MODIFIED
        assert decision.outcome is expected, pair


# --- rungs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "exercise_id", "top"),
    [
        ((), "calf_raises", 2),
        (("balance_falls",), "calf_raises", 0),
        (("achilles_pain",), "calf_raises", 1),
        (("balance_falls",), "heel_to_toe_walk", 0),
        (("balance_falls",), "short_foot", 1),
        (("balance_falls",), "barefoot_walking", 2),
        (("diabetes_neuropathy",), "ball_massage", 0),
        (("diabetes_neuropathy",), "barefoot_walking", None),
        (("diabetes_neuropathy",), "toe_spacers", None),
        (("night_pain",), "calf_raises", 2),  # night pain caps by lowest_rungs, not avoid_with
    ],
)
def test_top_rung(flags: tuple[str, ...], exercise_id: str, top: int | None) -> None:
    assert top_rung(BY_ID[exercise_id], frozenset(flags)) == top


def test_lowest_rungs_caps_at_the_first() -> None:
    assert top_rung(BY_ID["calf_raises"], frozenset(), lowest=True) == 0
    assert top_rung(BY_ID["toe_spacers"], frozenset({"diabetes_neuropathy"}), lowest=True) is None


def test_rungs_out_name_their_flags() -> None:
    decision = triage({"achilles_pain"}, CHECK)
    (out,) = rungs_out(BY_ID["calf_raises"], decision)
    assert (out.level, out.flags) == (2, ("achilles_pain",))
    assert excluded_by(BY_ID["toe_spacers"], frozenset({"diabetes_neuropathy"})) == (
        "diabetes_neuropathy",
    )


def test_upgrade_keeps_current_and_maps_former_flags() -> None:
    assert upgrade(("night_pain", "numbness_tingling", "recent_injury"), CHECK) == (
        "diabetes_neuropathy",
        "night_pain",
    )


@pytest.mark.parametrize(
    ("text", "red"),
    [("SWOLLEN!", True), ("my calf pain", True), ("calf", False), ("fallen arches", False)],
)
def test_red_flag_words_match_whole_words(text: str, red: bool) -> None:
    assert mentions_red_flag(text, CHECK) is red


@pytest.mark.parametrize(
    ("language", "text", "red"),
    [
        ("ru", "у меня опухла нога", True),
        ("ru", "Не могу ходить!", True),
        ("ru", "ОТЕК", True),  # "отёк" typed without the dots over ё
        ("ru", "подъёмы на носки", False),
        ("es", "tengo el pie hinchado", True),
        ("es", "elevacion de talones", False),
        ("pt-BR", "não consigo andar", True),
        ("pt-BR", "alongamento da panturrilha", False),
    ],
)
def test_red_flag_words_are_heard_in_every_language(language: str, text: str, red: bool) -> None:
    translated = CATALOGUE.in_language(language).flags
    assert mentions_red_flag(text, CHECK, translated) is red
    assert mentions_red_flag(text, CHECK) is False  # English words alone would miss them


# --- properties over every combination of flags ------------------------------------------------

flag_sets = st.frozensets(st.sampled_from(FLAGS))
ladders = st.dictionaries(st.sampled_from(sorted(BY_ID)), st.integers(0, 2))


def _profile(flags: frozenset[str], decision: Decision, minutes: int) -> Profile:
    rules = decision.restrictions
    return Profile(
        frozenset(), frozenset(), flags, minutes, rules.lowest_rungs, rules.prefer_seated
    )


@st.composite
def easy_histories(draw: st.DrawFn) -> list[Attempt]:
    """Completed, easy routine attempts on earlier days: everything a climb could reward."""
    entries = draw(
        st.lists(st.tuples(st.integers(1, 20), st.sampled_from(sorted(BY_ID))), max_size=40)
    )
    attempts = [
        Attempt(exercise_id, NOW - timedelta(days=days), Status.COMPLETED, discomfort=0)
        for days, exercise_id in entries
    ]
    return sorted(attempts, key=lambda attempt: attempt.finished_at)


@settings(max_examples=300, deadline=None)
@given(flag_sets, ladders, easy_histories(), st.sampled_from([5, 10, 15]))
def test_no_routine_ever_holds_a_ruled_out_exercise_or_rung(
    flags: frozenset[str],
    stored: dict[str, int],
    history: list[Attempt],
    minutes: int,
) -> None:
    """Whatever the flags, the stored levels and a history that would move every ladder up:
    the levels climbed to and the routine built never pass a rung the flags rule out."""
    decision = triage(flags, CHECK)
    standings = {exercise_id: Standing(level) for exercise_id, level in stored.items()}
    ladders_ = climb(
        CATALOGUE,
        standings,
        history,
        "Europe/Berlin",
        DAY,
        flags=decision.flags,
        restrictions=decision.restrictions,
    )
    for update in ladders_.updates:
        exercise = BY_ID[update.exercise_id]
        top = top_rung(exercise, flags, lowest=decision.restrictions.lowest_rungs)
        assert top is None or update.standing.level <= top
        if decision.restrictions.no_progression:
            assert update.standing.level <= stored.get(update.exercise_id, 0)
    routine = build_routine(
        CATALOGUE.exercises, _profile(flags, decision, minutes), [], DAY, ladders_.levels
    )
    for item in routine:
        exercise = BY_ID[item.exercise_id]
        assert not excluded_by(exercise, flags)
        assert not flags.intersection(exercise.avoid_with)
        for level in exercise.levels[: item.level + 1]:
            assert not flags.intersection(level.avoid_with)
        if decision.restrictions.lowest_rungs:
            assert item.level == 0


@settings(max_examples=200, deadline=None)
@given(flag_sets)
def test_see_first_never_gets_a_routine_or_a_reminder(flags: frozenset[str]) -> None:
    """A see-first answer holds the subscription: the gate is shut and nothing is scheduled."""
    decision = triage(flags, CHECK)
    set_up = Preferences(safety_flags=tuple(flags), reminder_minute=480, time_zone="UTC")
    for status in SubscriptionStatus:
        state = SubscriptionState(status, set_up, safety_version=CHECK.version)
        gate = routine_gate(state, CHECK, NOW)
        if decision.outcome is Triage.SEE_FIRST:
            assert gate is Gate.HELD
        else:
            assert gate is (Gate.HELD if status is SubscriptionStatus.HELD else Gate.OPEN)
    held = SubscriptionState(SubscriptionStatus.HELD, set_up, safety_version=CHECK.version)
    assert schedule(held.plan, NOW).next_due_at is None


def test_the_gate_asks_strangers_and_older_answers_first() -> None:
    assert routine_gate(None, CHECK, NOW) is Gate.CHECK_NEEDED
    old = SubscriptionState(SubscriptionStatus.ACTIVE, Preferences(safety_flags=("night_pain",)))
    assert routine_gate(old, CHECK, NOW) is Gate.CHECK_NEEDED
    held = SubscriptionState(
        SubscriptionStatus.HELD, safety_version=CHECK.version, recheck_at=NOW + timedelta(days=1)
    )
    assert routine_gate(held, CHECK, NOW) is Gate.HELD
    assert routine_gate(held, CHECK, NOW + timedelta(days=1)) is Gate.CHECK_NEEDED
