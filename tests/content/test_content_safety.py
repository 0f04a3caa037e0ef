"""Safety exclusions and equipment-free variants in the real catalogue.

The exclusions are a clinical judgement written down in the YAML; these tests pin it, so that a
change to who may do what is always a deliberate edit in two places.
"""

from __future__ import annotations

import pytest

from bot.content import SAFETY_FLAGS, Catalogue

EXPECTED_EXCLUSIONS: dict[str, set[str]] = {
    "diabetes_neuropathy": {"barefoot_walking", "frozen_bottle_roll", "toe_spacers"},
    "recent_injury": {
        "barefoot_walking",
        "big_toe_mobility",
        "calf_raises",
        "heel_to_toe_walk",
        "plantar_fascia_stretch",
        "short_foot",
        "single_leg_balance",
        "soleus_stretch",
        "toe_extensor_stretch",
        "towel_stretch",
        "wall_calf_stretch",
    },
    "swelling_redness": {
        "ball_massage",
        "barefoot_walking",
        "big_toe_mobility",
        "frozen_bottle_roll",
        "toe_extensor_stretch",
    },
    "numbness_tingling": {
        "barefoot_walking",
        "frozen_bottle_roll",
        "heel_to_toe_walk",
        "single_leg_balance",
        "toe_spacers",
    },
    "night_pain": set(),
}


def test_safety_flags_are_the_onboarding_flags() -> None:
    assert set(SAFETY_FLAGS) == set(EXPECTED_EXCLUSIONS)


@pytest.mark.parametrize("flag", sorted(EXPECTED_EXCLUSIONS))
def test_each_flag_rules_out_the_expected_exercises(catalogue: Catalogue, flag: str) -> None:
    ruled_out = {exercise.id for exercise in catalogue if flag in exercise.avoid_with}
    assert ruled_out == EXPECTED_EXCLUSIONS[flag]


def test_every_flag_leaves_exercises_to_do(catalogue: Catalogue) -> None:
    everything = set(SAFETY_FLAGS)
    left = [e.id for e in catalogue if not everything.intersection(e.avoid_with)]
    assert len(left) >= 3


def test_exercises_needing_equipment_have_an_equipment_free_variant(catalogue: Catalogue) -> None:
    needing = {exercise.id for exercise in catalogue if exercise.needs_equipment}
    assert needing == {
        "toe_curls", "ball_massage", "resistance_band", "toe_spacers", "towel_stretch",
        "frozen_bottle_roll",
    }  # fmt: skip
    for exercise_id in needing:
        exercise = catalogue.get(exercise_id)
        assert exercise is not None and exercise.without_equipment is not None


def test_equipment_free_variants_need_nothing(catalogue: Catalogue) -> None:
    gear = ("towel", "ball", "band", "spacer", "bottle")
    for exercise in catalogue:
        if exercise.without_equipment is not None:
            text = exercise.without_equipment.description.lower()
            assert not any(word in text for word in gear), exercise.id
