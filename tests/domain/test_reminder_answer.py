"""Who may answer a reminder, and when a snooze still fits the day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.reminder_answer import (
    SNOOZE,
    ReminderFacts,
    ReminderRefusal,
    refusal,
    snooze_until,
)

DAY = date(2026, 3, 2)
OWNER, STRANGER = 1, 2


@pytest.mark.parametrize(
    ("reminder", "presser", "expected"),
    [
        (None, OWNER, ReminderRefusal.UNKNOWN),
        (ReminderFacts(OWNER, DAY, answered=False), OWNER, None),
        (ReminderFacts(OWNER, DAY, answered=False), STRANGER, ReminderRefusal.NOT_YOURS),
        (ReminderFacts(OWNER, DAY, answered=True), STRANGER, ReminderRefusal.NOT_YOURS),
        (ReminderFacts(OWNER, DAY, answered=True), OWNER, ReminderRefusal.ANSWERED),
        (
            ReminderFacts(OWNER, DAY - timedelta(days=1), answered=True),
            OWNER,
            ReminderRefusal.ANSWERED,
        ),
        (
            ReminderFacts(OWNER, DAY - timedelta(days=1), answered=False),
            OWNER,
            ReminderRefusal.OLD_DAY,
        ),
        (
            ReminderFacts(OWNER, DAY + timedelta(days=1), answered=False),
            OWNER,
            ReminderRefusal.OLD_DAY,
        ),
    ],
)
def test_who_may_answer_and_when(
    reminder: ReminderFacts | None, presser: int, expected: ReminderRefusal | None
) -> None:
    assert refusal(reminder, presser, DAY) is expected


@pytest.mark.parametrize(
    ("left", "expected_back"),
    [
        (timedelta(hours=3), True),
        (SNOOZE + timedelta(microseconds=1), True),
        (SNOOZE, False),  # back exactly at midnight would be the next day's
        (timedelta(minutes=30), False),
    ],
)
def test_a_snooze_never_reaches_past_the_day(left: timedelta, expected_back: bool) -> None:
    now = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    until = snooze_until(now, now + left)
    assert (until == now + SNOOZE) if expected_back else until is None
