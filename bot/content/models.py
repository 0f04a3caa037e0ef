"""The shape of one exercise, as written in ``content/exercises/<id>.yaml``.

The catalogue is data written by people, so the schema is strict: unknown keys are rejected
(a typo such as ``hold_second`` would otherwise be silently ignored), numbers must be real
numbers rather than strings that happen to parse, and every sequence is a tuple so that a loaded
exercise can be shared freely between handlers without anyone mutating it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]{1,31}$"

VocabId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A complaint, a piece of equipment or a position. What exists is content
(``content/vocabulary.yaml``, :mod:`bot.content.vocabulary`); the loader checks every exercise
names only what the vocabulary lists."""

NOTHING = "none"
"""The equipment that means "nothing at all": it stands alone in an exercise's list."""

FlagId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A safety flag's id. The flags live in ``content/safety_flags.yaml`` (:mod:`bot.content.flags`);
the loader checks that every ``avoid_with`` names one of them."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
StepText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Alias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Seconds = Annotated[int, Field(strict=True, ge=1, le=600)]
RestSeconds = Annotated[int, Field(strict=True, ge=0, le=600)]
"""A rest between sets; 0 for none (alternating feet, one rests while the other works)."""
Reps = Annotated[int, Field(strict=True, ge=1, le=100)]
Sets = Annotated[int, Field(strict=True, ge=1, le=10)]
Minutes = Annotated[int, Field(strict=True, ge=1, le=60)]
Flag = Annotated[bool, Field(strict=True)]
IllustrationPath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$"),
]
"""A path relative to the content folder, such as ``images/calf_raises.png``."""


class _Frozen(BaseModel):
    """Immutable, no unknown keys: the base of every content model."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Step(_Frozen):
    """One instruction the bot shows on its own screen.

    ``hold_seconds`` is set only where a timer helps the person (holds of ten seconds or more);
    short pauses belong in the text.
    """

    text: StepText
    hold_seconds: Seconds | None = None
    reps: Reps | None = None
    per_side: Flag = False


class Dose(_Frozen):
    """The default amount for a beginner; progression changes it later, not the content."""

    sets: Sets | None = None
    reps: Reps | None = None
    hold_seconds: Seconds | None = None
    minutes: Minutes | None = None
    per_side: Flag = False
    rest_seconds: RestSeconds | None = None
    """The rest between two sets (the walkthrough runs it as a timer); a default when unset."""

    @model_validator(mode="after")
    def _has_an_amount(self) -> Dose:
        """A dose without reps, a hold or minutes tells the person nothing about how much."""
        if self.reps is None and self.hold_seconds is None and self.minutes is None:
            raise ValueError("a dose needs at least one of reps, hold_seconds or minutes")
        return self


class Variant(_Frozen):
    """An easier or harder version offered when the default does not suit someone today."""

    name: Name
    description: StepText


class Level(_Frozen):
    """One rung of the progression ladder, ordered from easiest to hardest.

    A rung whose description changes the amount carries that amount too: each dose field set
    here replaces the exercise's own for this rung, so the time estimate, the counts shown on the
    steps and the hold timers follow the level, not only its text. `minutes` is for rungs that
    take longer (a longer walk): routines budget the session with it. `avoid_with` names the
    safety flags that rule out this rung (and, the ladder being climbed in order, every rung
    above it) while the exercise itself stays.
    """

    name: Name
    description: StepText
    sets: Sets | None = None
    reps: Reps | None = None
    hold_seconds: Seconds | None = None
    minutes: Minutes | None = None
    avoid_with: tuple[FlagId, ...] = ()
    per_side: Flag | None = None
    rest_seconds: RestSeconds | None = None


class EquipmentFree(_Frozen):
    """The version of an exercise for someone without its equipment: a walkthrough of its own.

    It has its own steps and dose, and optionally its own ladder: with `levels`, the person's
    level on the exercise picks its rung (the highest one if the ladder is shorter); without,
    its dose is the same at every level, and a level change shows nothing new in it.
    """

    name: Name
    description: StepText
    steps: tuple[Step, ...] = Field(default=(), max_length=12)
    dose: Dose | None = None
    levels: tuple[Level, ...] = ()

    @model_validator(mode="after")
    def _steps_with_a_dose(self) -> EquipmentFree:
        if self.steps and self.dose is None:
            raise ValueError("without_equipment: steps need a dose")
        if self.levels and not self.steps:
            raise ValueError("without_equipment: levels need steps")
        return self


class Exercise(_Frozen):
    """A single exercise: what it is, why it helps, how to do it and how to do it safely."""

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    name: Name
    aliases: tuple[Alias, ...] = Field(min_length=1)
    summary: ShortText
    why: LongText
    targets: tuple[VocabId, ...] = Field(min_length=1)
    equipment: tuple[VocabId, ...] = Field(min_length=1)
    position: VocabId
    steps: tuple[Step, ...] = Field(min_length=1, max_length=12)
    dose: Dose
    cautions: tuple[StepText, ...] = Field(min_length=1)
    easier: Variant
    harder: Variant
    levels: tuple[Level, ...] = Field(min_length=2)
    avoid_with: tuple[FlagId, ...] = ()
    without_equipment: EquipmentFree | None = None
    leads: tuple[VocabId, ...] = ()
    """Complaints for which this exercise is among the first a routine offers (heel pain leads
    with the stretches); each must also be one of its ``targets``."""
    illustration: IllustrationPath | None = None
    """An image file inside the content folder (PNG or JPEG, under Telegram's photo limit),
    sent with the card; the loader checks the file."""

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        """Catch contradictions that single-field types cannot see."""
        if NOTHING in self.equipment and len(self.equipment) > 1:
            raise ValueError(f"equipment: {NOTHING!r} cannot be combined with other items")
        _no_duplicates("equipment", self.equipment)
        _no_duplicates("targets", self.targets)
        _no_duplicates("aliases", (self.name.casefold(), *(a.casefold() for a in self.aliases)))
        _no_duplicates("levels", tuple(level.name.casefold() for level in self.levels))
        _no_duplicates("avoid_with", self.avoid_with)
        for level in self.levels:
            _no_duplicates("levels.avoid_with", level.avoid_with)
        _no_duplicates("leads", self.leads)
        if not set(self.leads) <= set(self.targets):
            raise ValueError("leads: each complaint an exercise leads must be one of its targets")
        return self


def _no_duplicates(field: str, values: tuple[str, ...]) -> None:
    """Repeated entries are always a slip of the pen; say which one."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{field}: {value!r} appears more than once")
        seen.add(value)
