"""Choosing the one exercise a reminder's Start opens: safe, doable, aimed, stable per day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.content import Catalogue, default_content_dir, load_catalogue
from bot.domain.suggest import NothingSuitable, pick_exercise

DAY = date(2026, 3, 3)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(default_content_dir())


def _over_days(catalogue: Catalogue, days: int = 60, **kwargs: list[str]) -> set[str]:
    picked = set()
    for offset in range(days):
        exercise = pick_exercise(
            catalogue,
            kwargs.get("complaints", []),
            kwargs.get("equipment", []),
            kwargs.get("safety_flags", []),
            DAY + timedelta(days=offset),
        )
        picked.add(exercise.id)
    return picked


def test_same_person_and_day_get_the_same_exercise(catalogue: Catalogue) -> None:
    first = pick_exercise(catalogue, ["heel_pain"], ["small_ball", "chair"], [], DAY)
    again = pick_exercise(
        list(reversed(list(catalogue))), ["heel_pain"], ["chair", "small_ball"], [], DAY
    )
    assert first.id == again.id


def test_days_rotate_through_the_suitable_exercises(catalogue: Catalogue) -> None:
    assert _over_days(catalogue, complaints=["heel_pain"], equipment=["small_ball", "chair"]) == {
        "ball_massage",
        "calf_raises",
    }


def test_only_equipment_at_hand_and_none_is_always_at_hand(catalogue: Catalogue) -> None:
    picked = _over_days(catalogue, complaints=["strength"])
    assert picked == {"barefoot_walking", "calf_raises", "heel_to_toe_walk", "short_foot"}
    for exercise_id in picked:
        exercise = catalogue.get(exercise_id)
        assert exercise is not None and exercise.equipment == ("none",)


def test_complaints_are_preferred_over_everything_else(catalogue: Catalogue) -> None:
    picked = _over_days(catalogue, complaints=["bunions"], equipment=["toe_spacers", "chair"])
    assert picked == {"toe_spacers"}


def test_no_matching_complaint_falls_back_to_anything_doable(catalogue: Catalogue) -> None:
    picked = _over_days(catalogue, complaints=["bunions"], equipment=[])
    assert picked == {"barefoot_walking", "calf_raises", "heel_to_toe_walk", "short_foot"}


def test_diabetes_or_neuropathy_never_gets_barefoot_walking(catalogue: Catalogue) -> None:
    everything = ["chair", "towel", "small_ball", "resistance_band", "toe_spacers"]
    for complaints in (["balance"], ["strength", "mobility"], []):
        picked = _over_days(
            catalogue,
            complaints=complaints,
            equipment=everything,
            safety_flags=["diabetes_neuropathy", "night_pain"],
        )
        assert "barefoot_walking" not in picked
    assert "barefoot_walking" in _over_days(catalogue, complaints=["balance"], equipment=[])


def test_nothing_suitable_is_an_error_not_a_guess(catalogue: Catalogue) -> None:
    only_barefoot = [e for e in catalogue if e.id == "barefoot_walking"]
    with pytest.raises(NothingSuitable):
        pick_exercise(only_barefoot, [], [], ["diabetes_neuropathy"], DAY)
