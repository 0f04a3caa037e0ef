"""The onboarding dialogue as data: which questions, in which order, with which answers.

The step a person is on is stored in their subscription row, so the dialogue survives a
restart; this module only says what comes next. The same steps serve /settings, where
answering one step returns to the settings overview instead of going on.
"""

from __future__ import annotations

from enum import StrEnum

from bot.content import SAFETY_FLAGS as CONTENT_SAFETY_FLAGS


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

SAFETY_FLAGS: tuple[str, ...] = CONTENT_SAFETY_FLAGS
"""The safety questions are the flags the content can rule exercises out by."""

# What a person picks -> the complaint tags the exercises carry.
COMPLAINT_CHOICES: dict[str, tuple[str, ...]] = {
    "heel_pain": ("heel_pain",),
    "bunions": ("bunions",),
    "hammertoes": ("hammertoes",),
    "arch_pain": ("arch_pain",),
    "general": ("strength", "balance", "mobility"),
}

EQUIPMENT_CHOICES: tuple[str, ...] = ("towel", "small_ball", "resistance_band", "toe_spacers")
ALWAYS_AVAILABLE: tuple[str, ...] = ("none", "chair")
"""Assumed at home, so never asked: every routine may use the floor and a chair."""

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


def toggle(selected: list[str], option: str) -> list[str]:
    """Add or remove one answer of a multiple-choice question, keeping a stable order."""
    return (
        [item for item in selected if item != option]
        if option in selected
        else [
            *selected,
            option,
        ]
    )


def complaints_from_choices(choices: list[str]) -> list[str]:
    tags: list[str] = []
    for choice in choices:
        tags.extend(tag for tag in COMPLAINT_CHOICES.get(choice, ()) if tag not in tags)
    return tags


def choices_from_complaints(complaints: list[str]) -> list[str]:
    """The inverse, for showing which buttons are ticked."""
    return [
        choice
        for choice, tags in COMPLAINT_CHOICES.items()
        if tags and all(tag in complaints for tag in tags)
    ]
