"""The onboarding answers as pure functions over frozen preferences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content import shipped_vocabulary
from bot.domain.onboarding import (
    EDITABLE,
    ORDER,
    Preferences,
    Problem,
    Step,
    StepAnswer,
    Then,
    answer,
    answer_location,
    answer_safety,
    answer_typed,
    next_step,
    parse_step,
    toggle,
)
from bot.domain.schedule import EVERY_DAY

VOCABULARY = shipped_vocabulary()

BLANK = Preferences()
FLAG = "night_pain"
KNOWN = ("open_wound", FLAG)
TICKED = replace(BLANK, safety_flags=(FLAG,))


@pytest.mark.parametrize(
    ("preferences", "option", "expected"),
    [
        # multiple choices: a toggle stays, "none" clears and goes on, "go" goes on
        (BLANK, FLAG, StepAnswer(TICKED)),
        (TICKED, FLAG, StepAnswer(BLANK)),
        (TICKED, "none", StepAnswer(BLANK, Then.FORWARD)),
        (TICKED, "go", StepAnswer(TICKED, Then.FORWARD, advise=True)),
        (BLANK, "go", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, "recent_injury", StepAnswer(BLANK, problem=Problem.STALE)),  # not in this check
    ],
)
def test_safety_answers(preferences: Preferences, option: str, expected: StepAnswer) -> None:
    assert answer_safety(preferences, option, KNOWN) == expected


def test_the_safety_question_needs_its_check() -> None:
    assert answer(BLANK, Step.SAFETY, FLAG).problem is Problem.STALE


@pytest.mark.parametrize(
    ("preferences", "step", "option", "expected"),
    [
        (
            BLANK,
            Step.COMPLAINTS,
            "general",
            StepAnswer(replace(BLANK, complaints=("strength", "balance", "mobility"))),
        ),
        (BLANK, Step.COMPLAINTS, "go", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, Step.COMPLAINTS, "none", StepAnswer(BLANK, problem=Problem.STALE)),
        (BLANK, Step.EQUIPMENT, "towel", StepAnswer(replace(BLANK, equipment=("towel",)))),
        (
            replace(BLANK, equipment=("towel",)),
            Step.EQUIPMENT,
            "none",
            StepAnswer(BLANK, Then.FORWARD),
        ),
        (BLANK, Step.EQUIPMENT, "go", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, Step.EQUIPMENT, "chair", StepAnswer(BLANK, problem=Problem.STALE)),
        # single choices go on
        (BLANK, Step.LENGTH, "15", StepAnswer(replace(BLANK, session_minutes=15), Then.FORWARD)),
        (BLANK, Step.LENGTH, "20", StepAnswer(BLANK, problem=Problem.STALE)),
        (BLANK, Step.TIME, "0730", StepAnswer(replace(BLANK, reminder_minute=450), Then.FORWARD)),
        (BLANK, Step.TIME, "2500", StepAnswer(BLANK, problem=Problem.STALE)),
        (
            BLANK,
            Step.ZONE,
            "Etc/GMT-1",
            StepAnswer(replace(BLANK, time_zone="Etc/GMT-1"), Then.FORWARD),
        ),
        (BLANK, Step.ZONE, "Mars/Base", StepAnswer(BLANK, problem=Problem.STALE)),
        (BLANK, Step.ZONE_CONFIRM, "yes", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, Step.ZONE_CONFIRM, "no", StepAnswer(BLANK, Then.BACK)),
        (BLANK, Step.ZONE_CONFIRM, "maybe", StepAnswer(BLANK, problem=Problem.STALE)),
        (
            BLANK,
            Step.SUMMARY,
            "off",
            StepAnswer(replace(BLANK, summary_weekday=None), Then.FORWARD),
        ),
        (BLANK, Step.SUMMARY, "2", StepAnswer(replace(BLANK, summary_weekday=2), Then.FORWARD)),
        (BLANK, Step.SUMMARY, "7", StepAnswer(BLANK, problem=Problem.STALE)),
        # days: every day goes on, the picker stays open while days are toggled
        (BLANK, Step.DAYS, "every", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, Step.DAYS, "pick", StepAnswer(BLANK, picking_days=True)),
        (
            BLANK,
            Step.DAYS,
            "d6",
            StepAnswer(replace(BLANK, weekdays=EVERY_DAY & ~(1 << 6)), picking_days=True),
        ),
        (
            replace(BLANK, weekdays=0b1),
            Step.DAYS,
            "d2",
            StepAnswer(replace(BLANK, weekdays=0b101), picking_days=True),
        ),
        (
            replace(BLANK, weekdays=0b100),
            Step.DAYS,
            "d2",
            StepAnswer(replace(BLANK, weekdays=0b100), problem=Problem.NEED_A_DAY),
        ),
        (
            replace(BLANK, weekdays=0),
            Step.DAYS,
            "go",
            StepAnswer(replace(BLANK, weekdays=0), problem=Problem.NEED_A_DAY),
        ),
        (BLANK, Step.DAYS, "go", StepAnswer(BLANK, Then.FORWARD)),
        (BLANK, Step.DAYS, "d7", StepAnswer(BLANK, problem=Problem.STALE)),
    ],
)
def test_button_answers(
    preferences: Preferences, step: Step, option: str, expected: StepAnswer
) -> None:
    assert answer(preferences, step, option, VOCABULARY) == expected


def test_every_step_refuses_an_unknown_option() -> None:
    for step in Step:
        assert answer(BLANK, step, "nonsense", VOCABULARY).problem is Problem.STALE


@pytest.mark.parametrize("step", [Step.COMPLAINTS, Step.EQUIPMENT])
def test_the_vocabulary_questions_need_their_vocabulary(step: Step) -> None:
    assert answer(BLANK, step, "towel").problem is Problem.STALE


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (Step.TIME, "7pm", StepAnswer(replace(BLANK, reminder_minute=19 * 60), Then.FORWARD)),
        (Step.TIME, "soon", StepAnswer(BLANK, problem=Problem.TIME_NOT_UNDERSTOOD)),
        (
            Step.ZONE,
            "Berlin",
            StepAnswer(replace(BLANK, time_zone="Europe/Berlin"), Then.FORWARD),
        ),
        (Step.ZONE, "asdfghjk", StepAnswer(BLANK, problem=Problem.ZONE_NOT_FOUND)),
        (Step.DAYS, "Monday", StepAnswer(BLANK, problem=Problem.STALE)),
    ],
)
def test_typed_answers(step: Step, text: str, expected: StepAnswer) -> None:
    assert answer_typed(BLANK, step, text) == expected


def test_a_place_with_several_zones_offers_them() -> None:
    reply = answer_typed(BLANK, Step.ZONE, "Australia")
    assert reply.then is Then.STAY and len(reply.zone_choices) > 1
    assert reply.preferences == BLANK


def test_location_answers() -> None:
    located = answer_location(BLANK, "Asia/Kathmandu")
    assert located == StepAnswer(replace(BLANK, time_zone="Asia/Kathmandu"), Then.FORWARD)
    assert answer_location(BLANK, None).problem is Problem.ZONE_NOT_LOCATED


def test_the_dialogue_order_and_single_edits() -> None:
    walked = [Step.SAFETY]
    while (following := next_step(walked[-1], editing=False)) is not None:
        walked.append(following)
    assert tuple(walked) == ORDER
    for step in EDITABLE:
        expected = Step.ZONE_CONFIRM if step is Step.ZONE else None
        assert next_step(step, editing=True) is expected
    assert Step.ZONE_CONFIRM not in EDITABLE


def test_parse_step() -> None:
    assert parse_step("days") is Step.DAYS
    assert parse_step("nonsense") is None


def test_toggle_and_complaint_choices() -> None:
    assert toggle(("a", "b"), "a") == ("b",)
    assert toggle(("b",), "a") == ("b", "a")
    tags = VOCABULARY.complaints_from_choices(["heel_pain", "general"])
    assert VOCABULARY.choices_from_complaints(tags) == ("heel_pain", "general")
