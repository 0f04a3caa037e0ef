"""A reminder's buttons (start, snooze, skip the day): who may answer, and when.

A reminder is answered once, by the person it was sent to, on the local day it was sent for;
a snooze never reaches past the end of that day. A snooze is 15 minutes, an hour, three hours
or "this evening" (``EVENING`` local time, offered while the evening is still more than an
hour away); the last choice is remembered as the person's next default. Pure: the use case
passes the delivery's facts, the person's local date, the evening and the day's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

SNOOZE = timedelta(hours=1)
"""The default snooze, for someone who never chose one."""
EVENING = time(19, 0)
""""This evening": after work and dinner, early enough for ten minutes of exercise."""
EVENING_LEAD = timedelta(hours=1)
""""This evening" is offered only while the evening is more than this far away: closer, "1 h"
says the same."""


class Snooze(StrEnum):
    """How long a person snoozes a reminder; the values go into callback data and the row."""

    QUARTER = "q"
    HOUR = "h"
    THREE_HOURS = "t"
    EVENING = "e"


DEFAULT_SNOOZE = Snooze.HOUR
SNOOZES: tuple[Snooze, ...] = tuple(Snooze)
"""Every choice, shortest first: the order the keyboard lists them in."""
DELAYS: dict[Snooze, timedelta] = {
    Snooze.QUARTER: timedelta(minutes=15),
    Snooze.HOUR: SNOOZE,
    Snooze.THREE_HOURS: timedelta(hours=3),
}


class ReminderAnswer(StrEnum):
    """What the person answered on a reminder's buttons (recorded once per delivery)."""

    STARTED = "started"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"


class ReminderRefusal(StrEnum):
    UNKNOWN = "unknown"
    NOT_YOURS = "not_yours"
    ANSWERED = "answered"
    OLD_DAY = "old_day"
    TOO_LATE = "too_late"
    """A snooze that would land on the next day."""
    EVENING_PASSED = "evening_passed"
    """ "This evening" pressed when the evening is (nearly) here."""


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    """What the rule needs to know about one delivered reminder."""

    user_id: int
    day: date
    answered: bool


def refusal(reminder: ReminderFacts | None, presser_id: int, today: date) -> ReminderRefusal | None:
    """None when `presser_id` may answer `reminder` today; otherwise why not."""
    if reminder is None:
        return ReminderRefusal.UNKNOWN
    if reminder.user_id != presser_id:
        return ReminderRefusal.NOT_YOURS
    if reminder.answered:
        return ReminderRefusal.ANSWERED
    if reminder.day != today:
        return ReminderRefusal.OLD_DAY
    return None


def snooze_until(
    now: datetime,
    day_ends: datetime,
    choice: Snooze = DEFAULT_SNOOZE,
    evening: datetime | None = None,
) -> datetime | None:
    """When the snoozed reminder comes back, or None when the day ends first, or when
    "this evening" is no longer ahead by more than ``EVENING_LEAD`` (or `evening` is unknown)."""
    if choice is Snooze.EVENING:
        if evening is None or evening - now <= EVENING_LEAD:
            return None
        until = evening
    else:
        until = now + DELAYS[choice]
    return None if until >= day_ends else until


def offered(now: datetime, day_ends: datetime, evening: datetime | None) -> tuple[Snooze, ...]:
    """The choices that still make sense at `now`, in keyboard order."""
    return tuple(
        choice for choice in SNOOZES if snooze_until(now, day_ends, choice, evening) is not None
    )


def default_snooze(remembered: str | None, choices: tuple[Snooze, ...]) -> Snooze | None:
    """The one-tap snooze: the person's last choice while it is offered, else the longest
    offered delay up to an hour (a snooze late in the day shrinks rather than vanishes)."""
    known = remembered if remembered in {choice.value for choice in SNOOZES} else None
    wanted = Snooze(known) if known is not None else DEFAULT_SNOOZE
    if wanted in choices:
        return wanted
    fallback = [c for c in (Snooze.HOUR, Snooze.QUARTER) if c in choices]
    return fallback[0] if fallback else None
