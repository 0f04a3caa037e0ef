"""The safety check as content: ``content/safety_flags.yaml``.

Which health problems the check asks about, in which words, and what each answer does (see
someone first, or a modified programme with named effects) are a clinical judgement, so they
live in a file a physiotherapist can edit. The effects themselves are behaviour and stay a
closed list here: a new effect needs code, a new flag does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from bot.content.errors import ContentError
from bot.content.models import Alias, Exercise, FlagId, ShortText

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


class _Frozen(BaseModel):
    """Immutable, no unknown keys: a typo in the file is an error, not a silent default."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SafetyFlag(_Frozen):
    """One line of the safety check."""

    id: FlagId
    label: Label
    outcome: Outcome
    because: ShortText
    effects: tuple[Effect, ...] = ()
    words: tuple[Alias, ...] = ()
    formerly: tuple[FlagId, ...] = ()

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
    return Path(__file__).resolve().parents[2] / "content" / FLAGS_FILE


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
    """Parse and validate the safety check; errors name the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError.at(path, f"cannot read file: {exc}") from None
    except yaml.YAMLError as exc:
        raise ContentError.at(path, f"invalid YAML: {exc}".replace("\n", " ")) from None
    try:
        return SafetyFlags.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        raise ContentError.at(path, message, field) from None


def check_avoid_with(loaded: Iterable[tuple[Path, Exercise]], flags: SafetyFlags) -> None:
    """Every ``avoid_with`` (of an exercise or of one rung) must name a flag of the check; a
    typo would otherwise rule out nobody, silently."""
    known = set(flags.ids)
    for path, exercise in loaded:
        named = [(f"avoid_with.{i}", flag) for i, flag in enumerate(exercise.avoid_with)]
        for n, level in enumerate(exercise.levels):
            named += [(f"levels.{n}.avoid_with.{i}", f) for i, f in enumerate(level.avoid_with)]
        for field, flag in named:
            if flag not in known:
                message = (
                    f"unknown safety flag {flag!r}; write one of the ids in {FLAGS_FILE}: "
                    + ", ".join(repr(flag_id) for flag_id in flags.ids)
                )
                raise ContentError.at(path, message, field)
