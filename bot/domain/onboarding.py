"""The onboarding dialogue as data and pure answers: which questions, in which order, and
what each answer does to a person's preferences.

The step a person is on is stored in their subscription row, so the dialogue survives a
restart; this module only says what comes next and how an answer changes the frozen
:class:`Preferences`. The same steps serve /settings, where answering one step returns to the
settings overview instead of going on (see :mod:`bot.domain.subscription`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.content import Vocabulary
from bot.domain.clocktime import parse_time
from bot.domain.schedule import EVERY_DAY, weekday_mask
from bot.domain.zones import resolve_zone


class Step(StrEnum):
    SAFETY = "safety"
    COMPLAINTS = "complaints"
    EQUIPMENT = "equipment"
    LENGTH = "length"
    TIME = "time"
    ZONE = "zone"
    ZONE_CONFIRM = "zone_ok"
    DAYS = "days"
    SUMMARY = "summary"  # weekly summary day: a /settings screen only, not in ORDER


ORDER: tuple[Step, ...] = (
    Step.SAFETY,
    Step.COMPLAINTS,
    Step.EQUIPMENT,
    Step.LENGTH,
    Step.TIME,
    Step.ZONE,
    Step.ZONE_CONFIRM,
    Step.DAYS,
)

EDITABLE: frozenset[Step] = frozenset(step for step in Step if step is not Step.ZONE_CONFIRM)
"""The steps /settings can open on their own; the zone confirmation only follows a zone."""

TYPED_STEPS: frozenset[Step] = frozenset({Step.TIME, Step.ZONE})
"""The questions a person may answer by typing instead of pressing a button."""

# The complaint and equipment questions ask what the content's vocabulary lists
# (``content/vocabulary.yaml``, :class:`bot.content.Vocabulary`): its complaint choices and the
# tags each stands for, and the equipment that is not at hand in every home.

SESSION_LENGTHS: tuple[int, ...] = (5, 10, 15)
COMMON_TIMES: tuple[str, ...] = (
    "0630",
    "0700",
    "0730",
    "0800",
    "1200",
    "1800",
    "1900",
    "2000",
    "2100",
)
UTC_OFFSETS: tuple[int, ...] = tuple(range(-12, 15))
SUMMARY_OPTIONS: frozenset[str] = frozenset({*(str(day) for day in range(7)), "off"})

# Button options that are not a value: finish a multiple choice, or clear it.
GO, NONE = "go", "none"


@dataclass(frozen=True, slots=True)
class Preferences:
    """Everything the dialogue asks, as one frozen value the answers replace."""

    safety_flags: tuple[str, ...] = ()
    complaints: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    session_minutes: int = 10
    reminder_minute: int | None = None
    time_zone: str | None = None
    weekdays: int = EVERY_DAY
    summary_weekday: int | None = 6


class Then(StrEnum):
    """Where the dialogue goes after an answer."""

    STAY = "stay"  # ask the same step again (a toggle, the day picker, a notice)
    FORWARD = "forward"  # the step is answered
    BACK = "back"  # the zone was not right: ask for it again


class Problem(StrEnum):
    """Why an answer was not taken; nothing changes."""

    STALE = "stale"  # not an option of this step (an old or forged button)
    NEED_A_DAY = "need_a_day"
    TIME_NOT_UNDERSTOOD = "time_not_understood"
    ZONE_NOT_FOUND = "zone_not_found"
    ZONE_NOT_LOCATED = "zone_not_located"


@dataclass(frozen=True, slots=True)
class StepAnswer:
    """What one answer did: the new preferences and where the dialogue goes next.

    `advise` asks for the safety advice (the person ticked flags and went on; what the flags
    mean is the triage's business, :mod:`bot.domain.triage`);
    `picking_days` keeps the day picker open; `zone_choices` lists the zones a typed name
    could mean, for the person to pick one.
    """

    preferences: Preferences
    then: Then = Then.STAY
    problem: Problem | None = None
    advise: bool = False
    picking_days: bool = False
    zone_choices: tuple[str, ...] = ()


def next_step(step: Step, *, editing: bool) -> Step | None:
    """The step after `step`, or None when the dialogue is over.

    While editing a single setting, choosing a zone still needs its confirmation, and nothing
    else follows.
    """
    if step is Step.ZONE:
        return Step.ZONE_CONFIRM
    if editing or step not in ORDER:
        return None
    index = ORDER.index(step)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def parse_step(value: str) -> Step | None:
    try:
        return Step(value)
    except ValueError:
        return None


def toggle(selected: Sequence[str], option: str) -> tuple[str, ...]:
    """Add or remove one answer of a multiple-choice question, keeping a stable order."""
    if option in selected:
        return tuple(item for item in selected if item != option)
    return (*selected, option)


def minute_of(option: str) -> int:
    """Minutes after midnight for a "HHMM" time button."""
    return int(option[:2]) * 60 + int(option[2:])


# --- button answers --------------------------------------------------------------------------


def answer(
    preferences: Preferences, step: Step, option: str, vocabulary: Vocabulary | None = None
) -> StepAnswer:
    """What pressing `option` on the question of `step` does; the complaint and equipment
    questions need the `vocabulary` they ask from."""
    stale = StepAnswer(preferences, problem=Problem.STALE)
    if step is Step.COMPLAINTS:
        return stale if vocabulary is None else _complaints(preferences, option, vocabulary)
    if step is Step.EQUIPMENT:
        return stale if vocabulary is None else _equipment(preferences, option, vocabulary)
    if step is Step.LENGTH and option in {str(m) for m in SESSION_LENGTHS}:
        return _forward(replace(preferences, session_minutes=int(option)))
    if step is Step.TIME and option in COMMON_TIMES:
        return _forward(replace(preferences, reminder_minute=minute_of(option)))
    if step is Step.ZONE and valid_zone(option):
        return _forward(replace(preferences, time_zone=option))
    if step is Step.ZONE_CONFIRM and option in ("yes", "no"):
        return StepAnswer(preferences, Then.FORWARD if option == "yes" else Then.BACK)
    if step is Step.DAYS:
        return _days(preferences, option)
    if step is Step.SUMMARY and option in SUMMARY_OPTIONS:
        weekday = None if option == "off" else int(option)
        return _forward(replace(preferences, summary_weekday=weekday))
    return stale


def _forward(preferences: Preferences) -> StepAnswer:
    return StepAnswer(preferences, Then.FORWARD)


def answer_safety(preferences: Preferences, option: str, known: Sequence[str]) -> StepAnswer:
    """A button of the safety check, whose flags (`known`) are content, not code."""
    current = preferences.safety_flags
    if option in known:
        return StepAnswer(replace(preferences, safety_flags=toggle(current, option)))
    if option == NONE:
        return _forward(replace(preferences, safety_flags=()))
    if option == GO:
        return StepAnswer(preferences, Then.FORWARD, advise=bool(current))
    return StepAnswer(preferences, problem=Problem.STALE)


def _complaints(preferences: Preferences, option: str, vocabulary: Vocabulary) -> StepAnswer:
    if option in {choice.id for choice in vocabulary.complaint_choices}:
        chosen = toggle(vocabulary.choices_from_complaints(preferences.complaints), option)
        complaints = vocabulary.complaints_from_choices(chosen)
        return StepAnswer(replace(preferences, complaints=complaints))
    if option == GO:
        return _forward(preferences)
    return StepAnswer(preferences, problem=Problem.STALE)


def _equipment(preferences: Preferences, option: str, vocabulary: Vocabulary) -> StepAnswer:
    if option in {item.id for item in vocabulary.asked_equipment}:
        return StepAnswer(replace(preferences, equipment=toggle(preferences.equipment, option)))
    if option == NONE:
        return _forward(replace(preferences, equipment=()))
    if option == GO:
        return _forward(preferences)
    return StepAnswer(preferences, problem=Problem.STALE)


def _days(preferences: Preferences, option: str) -> StepAnswer:
    if option == "every":
        return _forward(replace(preferences, weekdays=EVERY_DAY))
    if option == "pick":
        return StepAnswer(preferences, picking_days=True)
    if len(option) == 2 and option[0] == "d" and option[1] in "0123456":
        mask = preferences.weekdays ^ weekday_mask([int(option[1])])
        if not mask:
            return StepAnswer(preferences, problem=Problem.NEED_A_DAY)
        return StepAnswer(replace(preferences, weekdays=mask), picking_days=True)
    if option == GO:  # never without a day: the last one cannot be switched off
        if not preferences.weekdays:
            return StepAnswer(preferences, problem=Problem.NEED_A_DAY)
        return _forward(preferences)
    return StepAnswer(preferences, problem=Problem.STALE)


def valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# --- typed answers and shared locations ---------------------------------------------------


def answer_typed(preferences: Preferences, step: Step, text: str) -> StepAnswer:
    """A typed time (on the time question) or place (on the zone question)."""
    if step is Step.TIME:
        parsed = parse_time(text)
        if parsed is None:
            return StepAnswer(preferences, problem=Problem.TIME_NOT_UNDERSTOOD)
        return _forward(replace(preferences, reminder_minute=parsed.hour * 60 + parsed.minute))
    if step is not Step.ZONE:
        return StepAnswer(preferences, problem=Problem.STALE)
    zones = tuple(resolve_zone(text))
    if not zones:
        return StepAnswer(preferences, problem=Problem.ZONE_NOT_FOUND)
    if len(zones) > 1:
        return StepAnswer(preferences, zone_choices=zones)
    return _forward(replace(preferences, time_zone=zones[0]))


def answer_location(preferences: Preferences, zone: str | None) -> StepAnswer:
    """The zone found at a shared location; None when the place has no zone."""
    if zone is None:
        return StepAnswer(preferences, problem=Problem.ZONE_NOT_LOCATED)
    return _forward(replace(preferences, time_zone=zone))
