"""A day's routine as a pure state machine: where it stands and what each finished exercise does.

The routine's list is fixed when it is first opened; after that only two things change: the
position (which exercise is current) and the status. Both change only when an exercise of the
routine finishes, by the rule in :func:`finish`, and a press on a routine's walkthrough counts
only while the routine is today's and still active (:func:`press_refusal`). Storage applies the
result with a compare-and-set on the position, so one finished exercise moves the routine once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.discomfort import action


class RoutineStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED = "ended"
    """Stopped early for the day, e.g. after severe discomfort."""


class RoutineRefusal(StrEnum):
    """Why a press on a routine's walkthrough changes nothing."""

    GONE = "gone"
    OVER = "over"
    """Completed, or ended early."""
    OTHER_DAY = "other_day"


class InvalidRoutineMove(Exception):
    """Finishing an exercise of a routine that is not active, or past its last item."""


@dataclass(frozen=True, slots=True)
class RoutineState:
    position: int
    length: int
    status: RoutineStatus = RoutineStatus.ACTIVE

    @property
    def is_last(self) -> bool:
        return self.position == self.length - 1


@dataclass(frozen=True, slots=True)
class DayItem:
    """One exercise of the day's list, as fixed when the routine was first opened."""

    exercise_id: str
    level: int
    variant: str


@dataclass(frozen=True, slots=True)
class LevelNote:
    """A level change applied when the day's list was fixed: a reason code and its facts.

    The telegram layer turns it into a sentence when it shows the list; rows written before
    notes were codes hold the sentence itself, shown as it is.
    """

    reason: str
    exercise_id: str
    level: int
    days: int


@dataclass(frozen=True, slots=True)
class RoutineDay:
    """One person's routine for one local day, as stored."""

    id: int
    user_id: int
    day: date
    items: tuple[DayItem, ...]
    position: int
    status: RoutineStatus
    notes: tuple[LevelNote | str, ...] = ()

    @property
    def state(self) -> RoutineState:
        return RoutineState(self.position, len(self.items), self.status)

    @property
    def current(self) -> DayItem:
        return self.items[self.position]


def finish(state: RoutineState, discomfort: int | None) -> RoutineState:
    """The routine after its current exercise finished, rated `discomfort` (None: not rated).

    Severe discomfort (the discomfort policy's `stop_today`) ends the day whatever is left;
    the last exercise completes it; otherwise the next exercise becomes current. The position
    moves on in every case, so a second compare-and-set with the old position cannot move the
    routine again.
    """
    if state.status is not RoutineStatus.ACTIVE:
        raise InvalidRoutineMove(f"the routine is {state.status}")
    if not 0 <= state.position < state.length:
        raise InvalidRoutineMove(f"no exercise at position {state.position} of {state.length}")
    if discomfort is not None and action(discomfort).stop_today:
        status = RoutineStatus.ENDED
    elif state.is_last:
        status = RoutineStatus.COMPLETED
    else:
        status = RoutineStatus.ACTIVE
    return RoutineState(state.position + 1, state.length, status)


def press_refusal(
    status: RoutineStatus | None, day: date | None, today: date
) -> RoutineRefusal | None:
    """None when a press belongs to today's active routine; otherwise why it changes nothing.

    `status` and `day` are the routine's (None when it no longer exists); `today` is the
    person's local date now. Yesterday's buttons stay dead even if yesterday's routine is
    still active: the day it was built for is over.
    """
    if status is None or day is None:
        return RoutineRefusal.GONE
    if status is not RoutineStatus.ACTIVE:
        return RoutineRefusal.OVER
    if day != today:
        return RoutineRefusal.OTHER_DAY
    return None
