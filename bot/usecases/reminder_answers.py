"""A reminder's buttons: start today's routine, snooze an hour, or skip the day.

One transaction each. Start records the answer and opens today's routine in the same
transaction, so the routine's first exercise is ready when the reminder is edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.content import Catalogue
from bot.domain.reminder_answer import (
    ReminderAnswer,
    ReminderFacts,
    ReminderRefusal,
    refusal,
    snooze_until,
)
from bot.domain.schedule import DEFAULT_ZONE, day_bounds, local_date, local_now
from bot.storage import reminders
from bot.storage.database import SessionFactory
from bot.storage.subscriptions import get_subscription
from bot.usecases.people import Person
from bot.usecases.routine import Today, open_today_in


@dataclass(frozen=True, slots=True)
class Answered:
    """A recorded answer: a snooze says when it comes back (local clock time); a start
    carries today's routine, opened below the reminder when its chat is known."""

    answer: ReminderAnswer
    snoozed_until: time | None = None
    today: Today | None = None


async def answer_reminder(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    delivery_id: int,
    answer: ReminderAnswer,
    person: Person,
    chat_id: int | None,
    now: datetime,
) -> Answered | ReminderRefusal:
    """Record `answer` once, for the person the reminder was for, on its own day."""
    async with sessions.begin() as session:
        delivery = await reminders.get_delivery(session, delivery_id)
        subscription = await get_subscription(session, delivery.user_id) if delivery else None
        zone = (subscription.time_zone if subscription else None) or DEFAULT_ZONE
        facts = (
            ReminderFacts(delivery.user_id, delivery.local_date, delivery.outcome is not None)
            if delivery is not None
            else None
        )
        refused = refusal(facts, person.user_id, local_date(now, zone))
        if refused is not None or delivery is None:
            return refused or ReminderRefusal.UNKNOWN
        until = None
        if answer is ReminderAnswer.SNOOZED:
            until = snooze_until(now, day_bounds(delivery.local_date, zone)[1])
            if until is None:
                return ReminderRefusal.TOO_LATE
        if not await reminders.record_outcome(session, delivery.id, answer):
            return ReminderRefusal.ANSWERED
        if until is not None:
            await reminders.add_snooze(session, delivery.user_id, delivery.local_date, until)
            return Answered(answer, snoozed_until=local_now(until, zone).time())
        if answer is ReminderAnswer.SKIPPED:
            await reminders.cancel_snoozes(session, delivery.user_id, delivery.local_date)
            return Answered(answer)
        if chat_id is None:
            return Answered(answer)
        today = await open_today_in(
            session,
            catalogue,
            person=person,
            chat_id=chat_id,
            now=now,
        )
        return Answered(answer, today=today)
