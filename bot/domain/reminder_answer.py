"""A reminder's buttons (start, snooze an hour, skip the day): who may answer, and when.

A reminder is answered once, by the person it was sent to, on the local day it was sent for;
a snooze never reaches past the end of that day. Pure: the use case passes the delivery's
facts, the person's local date and the day's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

SNOOZE = timedelta(hours=1)


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


def snooze_until(now: datetime, day_ends: datetime) -> datetime | None:
    """When the snoozed reminder comes back, or None when the day ends first."""
    until = now + SNOOZE
    return None if until >= day_ends else until
