"""What a walkthrough shows inside a routine: heading, level and the equipment-free version."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content import Catalogue
from bot.domain.walkthrough import Position, WalkthroughView
from bot.telegram.runs import WITHOUT_EQUIPMENT, run_of, screen


def _walkthrough(level: int, variant: str = "standard") -> WalkthroughView:
    return WalkthroughView(
        id=7,
        user_id=1,
        chat_id=1,
        exercise_id="calf_raises",
        version=3,
        position=Position(0, 1),
        level=level,
        variant=variant,
        routine_id=1,
        routine_position=1,
        routine_length=3,
    )


def _texts(catalogue: Catalogue, walkthrough: WalkthroughView) -> list[str]:
    exercise = catalogue.get("calf_raises")
    assert exercise is not None
    run = run_of(exercise, walkthrough)
    return [
        screen(replace(walkthrough, position=Position(step, len(run.steps))), run)[0]
        for step in (0, 1)
    ]


def test_the_first_step_says_what_the_level_asks_for(catalogue: Catalogue) -> None:
    first, second = _texts(catalogue, _walkthrough(level=1))
    assert first.startswith("Exercise 2 of 3\n")
    assert "Level: One leg" in first and "Level: One leg" in second
    assert "At your level: Two sets of eight on each foot, holding support." in first
    assert "At your level" not in second


def test_each_level_shows_its_own_dose(catalogue: Catalogue) -> None:
    shown = {_texts(catalogue, _walkthrough(level))[0] for level in range(3)}
    assert len(shown) == 3


def test_the_equipment_free_version_has_no_level_line(catalogue: Catalogue) -> None:
    first, _ = _texts(catalogue, _walkthrough(level=1, variant=WITHOUT_EQUIPMENT))
    assert "At your level" not in first


@pytest.mark.parametrize("level", [0, 1])
def test_outside_a_routine_there_is_no_heading_and_a_level_above_the_first(
    catalogue: Catalogue, level: int
) -> None:
    """Opened by name, an exercise runs at the person's level: the first rung needs no line."""
    exercise = catalogue.get("calf_raises")
    assert exercise is not None
    walkthrough = replace(
        _walkthrough(level=level), routine_id=None, routine_position=None, routine_length=None
    )
    run = run_of(exercise, walkthrough)
    text, _ = screen(replace(walkthrough, position=Position(0, len(run.steps))), run)
    assert "Exercise" not in text.split("\n")[0]
    assert ("At your level: Two sets of eight" in text) is bool(level)
    assert ("Level: One leg" in text) is bool(level)


def test_the_rating_keyboard_fits_a_phone_in_two_rows_and_the_question_names_the_bands() -> None:
    from bot.content import default_content_dir, load_catalogue
    from bot.telegram import keyboards, texts

    rows = keyboards.rating_keyboard(1, 0).inline_keyboard
    assert [[button.text for button in row] for row in rows] == [
        ["0 · none", "1", "2", "3", "🟡 4", "5"],
        ["6", "🔴 7", "8", "9", "10"],
    ]
    exercise = load_catalogue(default_content_dir()).get("calf_raises")
    assert exercise is not None
    question = texts.rating_question(exercise)
    assert "0-3 fine" in question and "4-6 moderate" in question and "7-10 severe" in question
