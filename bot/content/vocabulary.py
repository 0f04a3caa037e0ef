"""The words exercises are described with, as content: ``content/vocabulary.yaml``.

Which complaints the bot knows (and how onboarding asks about them), which equipment (and which
pieces every home has), and which starting positions (in the order a session rises through
them) are choices a physiotherapist makes, so they live in a file beside the exercises. An
exercise may only name what this file lists: the loader checks that, so a typo is an error with
the file and the field, never a silently unmatched tag. Adding a complaint, a piece of equipment
or a position is an edit of this file; onboarding's questions, the settings overview, the cards
and the routine builder all read it from the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.content.models import ID_PATTERN, NOTHING, Exercise
from bot.content.shipped import shipped_content_dir
from bot.content.yamlfile import read_model

VOCABULARY_FILE = "vocabulary.yaml"

VocabId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Complaint(_Frozen):
    """Something an exercise helps with; `label` finishes "Helps with: ..." on a card."""

    id: VocabId
    label: Label


class ComplaintChoice(_Frozen):
    """One button of onboarding's "What bothers your feet?" and the complaints it stands for.

    The `default` choice (at most one) is what a person who picks nothing gets: their routine
    is built for its complaints.
    """

    id: VocabId
    label: Label
    complaints: tuple[VocabId, ...] = Field(min_length=1)
    default: bool = False


class Equipment(_Frozen):
    """A piece of equipment: `label` finishes "You need: ..." on a card; `button` is how
    onboarding asks for it. Pieces `at_hand` in every home (the floor, a chair) are never asked
    about, so they have no button."""

    id: VocabId
    label: Label
    at_hand: bool = False
    button: Label | None = None

    @model_validator(mode="after")
    def _asked_or_at_hand(self) -> Equipment:
        if self.at_hand and self.button is not None:
            raise ValueError("button: equipment at hand in every home is never asked about")
        if not self.at_hand and self.button is None:
            raise ValueError("button: required for equipment that is not always at hand")
        return self


class Position(_Frozen):
    """How a person starts an exercise; `seated` ones come first for someone who should sit."""

    id: VocabId
    label: Label
    seated: bool = False


class Vocabulary(_Frozen):
    """The whole file. Positions are listed from the floor up: a session goes through them in
    this order, so nobody gets up and down twice."""

    complaints: tuple[Complaint, ...] = Field(min_length=1)
    complaint_choices: tuple[ComplaintChoice, ...] = Field(min_length=1)
    equipment: tuple[Equipment, ...] = Field(min_length=1)
    positions: tuple[Position, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Vocabulary:
        for field, ids in (
            ("complaints", [item.id for item in self.complaints]),
            ("complaint_choices", [item.id for item in self.complaint_choices]),
            ("equipment", [item.id for item in self.equipment]),
            ("positions", [item.id for item in self.positions]),
        ):
            for value in ids:
                if ids.count(value) > 1:
                    raise ValueError(f"{field}: {value!r} appears more than once")
        known = set(self.complaint_ids)
        for choice in self.complaint_choices:
            for tag in choice.complaints:
                if tag not in known:
                    raise ValueError(
                        f"complaint_choices: {choice.id!r} names unknown complaint {tag!r}; "
                        f"write one of: {', '.join(self.complaint_ids)}"
                    )
        if sum(choice.default for choice in self.complaint_choices) > 1:
            raise ValueError("complaint_choices: only one choice can be the default")
        nothing = self.equipment_item(NOTHING)
        if nothing is None or not nothing.at_hand:
            raise ValueError(f"equipment: needs {NOTHING!r}, with at_hand: true")
        return self

    # --- look-ups ----------------------------------------------------------------------------

    @property
    def complaint_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.complaints)

    @property
    def equipment_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.equipment)

    @property
    def position_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.positions)

    @property
    def at_hand(self) -> frozenset[str]:
        """Equipment every home has: never a reason for the equipment-free version."""
        return frozenset(item.id for item in self.equipment if item.at_hand)

    @property
    def asked_equipment(self) -> tuple[Equipment, ...]:
        """The pieces onboarding asks about, in file order."""
        return tuple(item for item in self.equipment if not item.at_hand)

    @property
    def default_complaints(self) -> frozenset[str]:
        """What choosing no complaint means (the default choice's), else every complaint."""
        for choice in self.complaint_choices:
            if choice.default:
                return frozenset(choice.complaints)
        return frozenset(self.complaint_ids)

    def equipment_item(self, equipment_id: str) -> Equipment | None:
        return next((item for item in self.equipment if item.id == equipment_id), None)

    def needs_equipment(self, exercise: Exercise) -> bool:
        """True when the exercise needs something beyond what every home has."""
        return not set(exercise.equipment) <= self.at_hand

    def rank(self, position: str) -> int:
        """A position's place from the floor up; an unknown one (never loaded) goes last."""
        ids = self.position_ids
        return ids.index(position) if position in ids else len(ids)

    def seated(self, position: str) -> bool:
        return any(item.id == position and item.seated for item in self.positions)

    def complaint_label(self, complaint_id: str) -> str:
        return _label(self.complaints, complaint_id)

    def equipment_label(self, equipment_id: str) -> str:
        return _label(self.equipment, equipment_id)

    def position_label(self, position_id: str) -> str:
        return _label(self.positions, position_id)

    # --- onboarding's complaint question -----------------------------------------------------

    def complaints_from_choices(self, choices: Iterable[str]) -> tuple[str, ...]:
        """The complaint tags the picked buttons stand for, in a stable order."""
        by_id = {choice.id: choice for choice in self.complaint_choices}
        tags: list[str] = []
        for picked in choices:
            choice = by_id.get(picked)
            if choice is not None:
                tags.extend(tag for tag in choice.complaints if tag not in tags)
        return tuple(tags)

    def choices_from_complaints(self, complaints: Iterable[str]) -> tuple[str, ...]:
        """The inverse, for showing which buttons are ticked."""
        stored = set(complaints)
        return tuple(
            choice.id for choice in self.complaint_choices if set(choice.complaints) <= stored
        )


def _label(items: Iterable[Complaint | Equipment | Position], item_id: str) -> str:
    """The item's label; an id no longer in the file (an old answer) shows as itself."""
    return next((item.label for item in items if item.id == item_id), item_id)


def default_vocabulary_path() -> Path:
    return shipped_content_dir() / VOCABULARY_FILE


def vocabulary_path(directory: Path) -> Path:
    """The vocabulary beside the exercises (or one folder up), else the shipped one: a content
    folder made for a trial may hold only exercises."""
    for candidate in (directory / VOCABULARY_FILE, directory.parent / VOCABULARY_FILE):
        if candidate.is_file():
            return candidate
    return default_vocabulary_path()


@cache
def shipped_vocabulary() -> Vocabulary:
    """The vocabulary in this checkout's ``content/``: the default of a catalogue built in code."""
    return read_model(default_vocabulary_path(), Vocabulary)
