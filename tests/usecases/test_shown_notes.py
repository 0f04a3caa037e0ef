"""Which of the day's level changes the routine's first message announces."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content import Catalogue
from bot.domain.routine import WITHOUT_EQUIPMENT
from bot.domain.routine_day import DayItem, LevelNote, RoutineDay, RoutineStatus
from bot.usecases.routine import shown_notes

OLD_SENTENCE = "Towel stretch moves up: a sentence stored by an older version."


def _day(item: DayItem, *notes: LevelNote | str) -> RoutineDay:
    return RoutineDay(1, 7, date(2026, 3, 2), (item,), 0, RoutineStatus.ACTIVE, notes)


@pytest.mark.parametrize(
    ("exercise_id", "variant", "shown"),
    [
        ("towel_stretch", "standard", True),
        # an equipment-free version without a ladder of its own looks the same at every level
        ("towel_stretch", WITHOUT_EQUIPMENT, False),
        ("ball_massage", WITHOUT_EQUIPMENT, False),
        # with a ladder of its own, the new rung shows
        ("resistance_band", WITHOUT_EQUIPMENT, True),
        ("toe_curls", WITHOUT_EQUIPMENT, True),
        ("calf_raises", "standard", True),
    ],
)
def test_a_level_change_is_announced_only_where_it_shows(
    catalogue: Catalogue, exercise_id: str, variant: str, shown: bool
) -> None:
    note = LevelNote("three_easy", exercise_id, 1, 0)
    day = _day(DayItem(exercise_id, 1, variant), note, OLD_SENTENCE)
    expected = (note, OLD_SENTENCE) if shown else (OLD_SENTENCE,)
    assert shown_notes(catalogue, day) == expected


def test_a_change_to_an_exercise_not_in_the_list_is_still_announced(
    catalogue: Catalogue,
) -> None:
    note = LevelNote("three_easy", "calf_raises", 1, 0)
    day = _day(DayItem("towel_stretch", 0, WITHOUT_EQUIPMENT), note)
    assert shown_notes(catalogue, day) == (note,)
