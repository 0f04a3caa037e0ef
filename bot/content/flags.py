"""The safety check as content: ``content/safety_flags.yaml``.

Which health problems the check asks about, in which words, and what each answer does (see
someone first, or a modified programme with named effects) are a clinical judgement, so they
live in a file a physiotherapist can edit. The effects themselves are behaviour and stay a
closed list here: a new effect needs code, a new flag does not.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.content.models import Alias, Exercise, FlagId, ShortText
from bot.content.shipped import shipped_content_dir
from bot.content.yamlfile import Loc, read_model

FLAGS_FILE = "safety_flags.yaml"


class Outcome(StrEnum):
    """What one ticked flag means for the programme."""

    SEE_FIRST = "see_first"
    MODIFIED = "modified"


class Effect(StrEnum):
    """Programme-wide rules a modified flag can switch on (exclusions are the exercises' own
    ``avoid_with``)."""

    LOWEST_RUNGS = "lowest_rungs"
    NO_PROGRESSION = "no_progression"
    FOOT_CHECK_LINE = "foot_check_line"
    PREFER_SEATED = "prefer_seated"
    GET_CHECKED_LINE = "get_checked_line"


Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
BUTTON_LIMIT = 32
"""A phone shows about this many characters of a full-width button before it cuts them short."""
ButtonLabel = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=BUTTON_LIMIT)
]


class _Frozen(BaseModel):
    """Immutable, no unknown keys: a typo in the file is an error, not a silent default."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SafetyFlag(_Frozen):
    """One line of the safety check."""

    id: FlagId
    label: Label
    button: ButtonLabel | None = None
    outcome: Outcome
    because: ShortText
    effects: tuple[Effect, ...] = ()
    words: tuple[Alias, ...] = ()
    formerly: tuple[FlagId, ...] = ()

    @property
    def short(self) -> str:
        """What the toggle button says: the label itself when it fits on a phone."""
        return self.button or self.label

    @model_validator(mode="after")
    def _short_enough_for_a_button(self) -> SafetyFlag:
        if self.button is None and len(self.label) > BUTTON_LIMIT:
            raise ValueError(f"button: needed when the label is longer than {BUTTON_LIMIT}")
        return self

    @model_validator(mode="after")
    def _effects_only_when_modified(self) -> SafetyFlag:
        """A see-first flag stops the programme, so effects on it would never apply."""
        if self.effects and self.outcome is not Outcome.MODIFIED:
            raise ValueError("effects: only a 'modified' flag changes the programme")
        if len(set(self.effects)) != len(self.effects):
            raise ValueError("effects: an effect appears more than once")
        return self


class SafetyFlags(_Frozen):
    """The whole check: its version and its flags, in the order they are asked."""

    version: Annotated[int, Field(strict=True, ge=1)]
    flags: tuple[SafetyFlag, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> SafetyFlags:
        ids = [flag.id for flag in self.flags]
        for flag_id in ids:
            if ids.count(flag_id) > 1:
                raise ValueError(f"flags: {flag_id!r} appears more than once")
        for flag in self.flags:
            for old in flag.formerly:
                if old in ids:
                    raise ValueError(f"formerly: {old!r} is a current flag, not a former one")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.flags)

    def get(self, flag_id: str) -> SafetyFlag | None:
        return next((flag for flag in self.flags if flag.id == flag_id), None)

    def label(self, flag_id: str) -> str:
        """The flag's label; an unknown id (an old answer) shows as itself."""
        flag = self.get(flag_id)
        return flag.label if flag is not None else flag_id


def default_flags_path() -> Path:
    return shipped_content_dir() / FLAGS_FILE


def flags_path(directory: Path) -> Path:
    """The check beside the exercises, else the shipped one.

    A content folder made for a test (or a trial) may hold only exercises; it still gets the
    real safety check rather than none.
    """
    for candidate in (directory / FLAGS_FILE, directory.parent / FLAGS_FILE):
        if candidate.is_file():
            return candidate
    return default_flags_path()


@cache
def shipped_flags() -> SafetyFlags:
    """The check in this checkout's ``content/``: the default of a catalogue built in code."""
    return load_flags(default_flags_path())


def load_flags(path: Path) -> SafetyFlags:
    """Parse and validate the safety check; errors name the file, the line and the field."""
    return read_model(path, SafetyFlags)


def avoid_with_problems(exercise: Exercise, flags: SafetyFlags) -> list[tuple[Loc, str, str]]:
    """Every ``avoid_with`` (of an exercise or of one rung) must name a flag of the check; a
    typo would otherwise rule out nobody, silently. Returns (where, what, what to write)."""
    known = set(flags.ids)
    named: list[tuple[Loc, str]] = [
        (("avoid_with", i), flag) for i, flag in enumerate(exercise.avoid_with)
    ]
    for n, level in enumerate(exercise.levels):
        named += [(("levels", n, "avoid_with", i), f) for i, f in enumerate(level.avoid_with)]
    hint = f"write one of the ids in {FLAGS_FILE}: " + ", ".join(map(repr, flags.ids))
    return [
        (loc, f"unknown safety flag {flag!r}", hint) for loc, flag in named if flag not in known
    ]
