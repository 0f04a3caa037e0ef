"""The real catalogue in ``content/``: complete, consistent, safe in tone, in our own words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from bot.content import Catalogue, Exercise
from tests.content.seed import SEED_IDS

HEEL_PAIN_IDS = {
    "wall_calf_stretch",
    "soleus_stretch",
    "plantar_fascia_stretch",
    "towel_stretch",
    "frozen_bottle_roll",
    "marble_pickup",
    "single_leg_balance",
    "big_toe_mobility",
}
"""Issue 9: what people with heel pain ask for first."""
EXPECTED_IDS = SEED_IDS | HEEL_PAIN_IDS
CURE_PROMISE = re.compile(r"\b(cures?|cured|fix(es)? your|guarantee\w*|eliminat\w*)\b", re.I)


def strings_of(value: object) -> Iterator[str]:
    """Every string inside a model, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from strings_of(getattr(value, field))
    elif isinstance(value, tuple):
        for item in value:
            yield from strings_of(item)


def test_every_expected_exercise_loads(catalogue: Catalogue) -> None:
    """The seed's ten and the later additions are all present; more may follow."""
    ids = [exercise.id for exercise in catalogue]
    assert set(ids) >= EXPECTED_IDS
    assert len(ids) == len(set(ids))


def test_order_follows_file_names(catalogue: Catalogue) -> None:
    ids = [exercise.id for exercise in catalogue]
    assert ids == sorted(ids)


def test_catalogue_access(catalogue: Catalogue) -> None:
    calf = catalogue.get("calf_raises")
    assert calf is not None and calf.name == "Calf raises"
    assert catalogue.get("nope") is None
    assert "calf_raises" in catalogue and calf in catalogue
    assert "nope" not in catalogue and 42 not in catalogue
    assert tuple(catalogue) == catalogue.exercises


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED_IDS))
def test_exercise_is_complete(catalogue: Catalogue, exercise_id: str) -> None:
    exercise = catalogue.get(exercise_id)
    assert exercise is not None
    assert len(exercise.steps) >= 3
    assert len(exercise.aliases) >= 3
    assert len(exercise.cautions) >= 1
    assert len(exercise.levels) >= 2
    assert all(len(step.text) <= 300 for step in exercise.steps)
    assert all(step.hold_seconds is None or step.hold_seconds >= 10 for step in exercise.steps)


def test_some_exercises_have_timed_holds(catalogue: Catalogue) -> None:
    timed = [e.id for e in catalogue if any(step.hold_seconds for step in e.steps)]
    assert len(timed) >= 3


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED_IDS))
def test_no_cure_promises(catalogue: Catalogue, exercise_id: str) -> None:
    exercise = catalogue.get(exercise_id)
    promises = [text for text in strings_of(exercise) if CURE_PROMISE.search(text)]
    assert promises == []


def test_every_exercise_says_when_to_stop(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        cautions = " ".join(exercise.cautions).lower()
        assert "stop" in cautions or "ease off" in cautions, exercise.id


def test_every_complaint_has_an_exercise(catalogue: Catalogue) -> None:
    targets = {target for exercise in catalogue for target in exercise.targets}
    assert targets == {
        "heel_pain", "bunions", "hammertoes", "arch_pain", "strength", "balance", "mobility"
    }  # fmt: skip


def test_exercises_are_immutable(catalogue: Catalogue) -> None:
    exercise: Exercise = catalogue.exercises[0]
    with pytest.raises(ValueError):
        exercise.name = "Changed"  # type: ignore[misc]
    assert isinstance(exercise.steps, tuple)
