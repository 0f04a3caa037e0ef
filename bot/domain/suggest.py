"""Which single exercise to offer when a reminder's Start is pressed.

Until daily routines exist, a reminder opens one exercise. It should suit the person (their
complaints, what they have at hand, what is unsafe for them) and stay the same if they press
Start twice on one day, yet vary from day to day: so the choice rotates by the date, not by
chance.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from bot.content import Exercise

NO_EQUIPMENT = "none"

# Safety flag -> exercises it rules out. Diabetes or neuropathy dulls the feeling in the soles,
# so walking barefoot on hard ground can injure without the person noticing.
EXCLUDED_BY_FLAG: dict[str, frozenset[str]] = {
    "diabetes_neuropathy": frozenset({"barefoot_walking"}),
}


class NothingSuitable(LookupError):
    """The catalogue has no exercise this person can safely do with what they have."""


def pick_exercise(
    exercises: Iterable[Exercise],
    complaints: Collection[str],
    equipment: Collection[str],
    safety_flags: Collection[str],
    day: date,
) -> Exercise:
    """One safe exercise for this person and day; the same inputs always give the same one.

    Safety first (flags remove exercises outright), then equipment (everything the exercise
    needs must be at hand; "none" is always at hand), then preference for exercises aimed at
    the person's complaints. Among the finalists the day's ordinal picks, so consecutive days
    walk through them in turn.
    """
    safe = [e for e in exercises if not _excluded(e, safety_flags)]
    doable = [e for e in safe if _has_equipment(e, equipment)]
    if not doable:
        doable = [e for e in safe if set(e.equipment) == {NO_EQUIPMENT}]
    if not doable:
        raise NothingSuitable("no safe exercise without equipment in the catalogue")
    aimed = [e for e in doable if set(e.targets) & set(complaints)]
    finalists = sorted(aimed or doable, key=lambda e: e.id)
    return finalists[day.toordinal() % len(finalists)]


def _excluded(exercise: Exercise, safety_flags: Collection[str]) -> bool:
    return any(exercise.id in EXCLUDED_BY_FLAG.get(flag, ()) for flag in safety_flags)


def _has_equipment(exercise: Exercise, equipment: Collection[str]) -> bool:
    at_hand = {*equipment, NO_EQUIPMENT}
    return set(exercise.equipment) <= at_hand
