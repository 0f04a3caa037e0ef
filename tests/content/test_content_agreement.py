"""A rung and the steps it walks must agree on where the person is and what they hold.

Every level of an exercise walks the same steps; only its name and description change. So a
level that says "Seated" over steps that say "Stand", or "Soft ball" over a step that says
"tennis ball", contradicts itself on the screen. The rule, precisely:

* Position. A position is *named* by these words (whole words, any case): sitting by "sit",
  "sits", "sitting", "seated", unless followed by "on the floor" or "up" (sitting up with the legs
  out, in bed), which name the floor, as do "lie" and "lying"; standing by "stand", "standing";
  walking by "walk", "walking". Then (a) every position a level's name or description names is
  the exercise's ``position``; (b) the first position the steps name, if they name one, is the
  exercise's ``position`` (or standing, for a walk: every walk starts on one's feet).
* Equipment. A *kind* of an item is a word right before its noun: for a small ball "soft",
  "tennis", "golf", "spiky", "lacrosse", "firm", "firmer"; for a resistance band "light",
  "medium", "firm", "firmer", "heavy". If a level and the steps both name kinds of the same
  item, they name the same kinds; otherwise the steps would hand a tennis ball to a person on
  the soft-ball rung. The steps and levels name only items the exercise lists (or a chair).
"""

from __future__ import annotations

import re

import pytest

from bot.content import Catalogue, Exercise, default_content_dir, load_catalogue

_SITTING = r"\b(?:sit|sits|sitting|seated)\b"
POSITION_WORDS: dict[str, re.Pattern[str]] = {
    "floor": re.compile(
        r"\b(?:sit|sits|sitting|seated) (?:on the floor|up)\b|\b(?:lie|lying)\b", re.I
    ),
    "sitting": re.compile(_SITTING, re.I),
    "standing": re.compile(r"\b(?:stand|standing)\b", re.I),
    "walking": re.compile(r"\b(?:walk|walking)\b", re.I),
}
ITEM_NOUNS = {"small_ball": r"balls?\b(?! of)", "resistance_band": r"band\b"}
KINDS = {
    "small_ball": ("soft", "tennis", "golf", "spiky", "lacrosse", "firm", "firmer"),
    "resistance_band": ("light", "medium", "firm", "firmer", "heavy"),
}
ITEM_WORDS = {
    "towel": re.compile(r"\btowel\b", re.I),
    "resistance_band": re.compile(r"\b(?:resistance|exercise|looped|elastic) band\b", re.I),
    "toe_spacers": re.compile(r"\bspacers?\b", re.I),
}

CATALOGUE = load_catalogue(default_content_dir())


def positions_named(text: str) -> list[str]:
    """Positions a text names, in the order they first appear."""
    found: list[tuple[int, str]] = []
    floor_spans: list[tuple[int, int]] = []
    for match in POSITION_WORDS["floor"].finditer(text):
        found.append((match.start(), "floor"))
        floor_spans.append(match.span())
    for position in ("sitting", "standing", "walking"):
        for match in POSITION_WORDS[position].finditer(text):
            if any(start <= match.start() < end for start, end in floor_spans):
                continue
            found.append((match.start(), position))
    ordered: list[str] = []
    for _, position in sorted(found):
        if position not in ordered:
            ordered.append(position)
    return ordered


def kinds_named(text: str, item: str) -> set[str]:
    noun = ITEM_NOUNS[item]
    return {kind for kind in KINDS[item] if re.search(rf"\b{kind}(?: \w+)? {noun}", text, re.I)}


def level_texts(exercise: Exercise) -> list[tuple[str, str]]:
    return [(level.name, f"{level.name}. {level.description}") for level in exercise.levels]


def steps_text(exercise: Exercise) -> str:
    return " ".join(step.text for step in exercise.steps)


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_levels_name_no_other_position(exercise: Exercise) -> None:
    for name, text in level_texts(exercise):
        others = set(positions_named(text)) - {exercise.position}
        assert not others, (
            f"{exercise.id}: level {name!r} says {others}, steps are {exercise.position}"
        )


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_steps_start_in_the_exercise_position(exercise: Exercise) -> None:
    named = positions_named(steps_text(exercise))
    starts = (
        {exercise.position, "standing"} if exercise.position == "walking" else {exercise.position}
    )
    assert not named or named[0] in starts, (exercise.id, named)


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_levels_and_steps_name_the_same_kind_of_equipment(exercise: Exercise) -> None:
    steps = steps_text(exercise)
    for item in KINDS:
        in_steps = kinds_named(steps, item)
        for name, text in level_texts(exercise):
            in_level = kinds_named(text, item)
            assert not (in_steps and in_level) or in_steps == in_level, (
                f"{exercise.id}: level {name!r} names {in_level}, the steps {in_steps}"
            )


@pytest.mark.parametrize("exercise", CATALOGUE.exercises, ids=lambda e: e.id)
def test_only_listed_equipment_is_named(exercise: Exercise) -> None:
    texts = [steps_text(exercise), *(text for _, text in level_texts(exercise))]
    listed = set(exercise.equipment) | CATALOGUE.vocabulary.at_hand
    for item, pattern in ITEM_WORDS.items():
        if item not in listed:
            assert not any(pattern.search(text) for text in texts), (exercise.id, item)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stand with your feet apart.", ["standing"]),
        ("Seated, then standing.", ["sitting", "standing"]),
        ("Sit on the floor, legs out.", ["floor"]),
        ("Sitting up in bed with the knee bent.", ["floor"]),
        ("Sit on a chair and put the ball on the floor.", ["sitting"]),
        ("Face a wall with both hands on it.", []),
        ("Walk heel to toe, then sit down.", ["walking", "sitting"]),
        ("Lie on your back.", ["floor"]),
    ],
)
def test_position_words(text: str, expected: list[str]) -> None:
    assert positions_named(text) == expected


def test_the_rule_catches_the_review_findings() -> None:
    """The two contradictions the review found, as they were written before the fix."""
    assert positions_named("Seated. Sitting down, feet flat.") == ["sitting"]
    assert kinds_named("Soft ball, seated. A soft ball with light pressure.", "small_ball") == {
        "soft"
    }
    assert kinds_named("place a small ball, such as a tennis ball, under", "small_ball") == {
        "tennis"
    }
    assert kinds_named("Loop the band around the ball of one foot", "small_ball") == set()


def test_catalogue_is_the_shipped_one(catalogue: Catalogue) -> None:
    assert catalogue.exercises == CATALOGUE.exercises


def test_the_band_resists_only_pointing_the_foot_down() -> None:
    """Held in the hands, a band resists pressing the foot away, and helps it back."""
    band = CATALOGUE.get("resistance_band")
    assert band is not None
    words = " ".join(
        [band.why, steps_text(band), *band.cautions, *(lv.description for lv in band.levels)]
    )
    assert not re.search(r"both directions|each way", words, re.I)
    assert "helps" in band.why


def test_toe_extensor_steps_walk_both_sets() -> None:
    """Two sets of holds per side: one held step, run per side, twice (the structure does it)."""
    stretch = CATALOGUE.get("toe_extensor_stretch")
    assert stretch is not None and stretch.dose.sets == 2
    holds = [step for step in stretch.steps if step.hold_seconds == stretch.dose.hold_seconds]
    assert len(holds) == 1 and holds[0].per_side
