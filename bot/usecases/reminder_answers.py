"""A reminder's buttons: start today's routine, snooze (the person's way), or skip the day.

One transaction each. A snooze is remembered as the person's next default, in the same
transaction that schedules it; the keyboard of each reminder is built from that default and
from what the hour still allows (:func:`snooze_offers`).

Start records the answer and opens today's routine in the same
transaction, so the routine's first exercise is ready when the reminder is edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from bot.content import Catalogue
from bot.domain.reminder_answer import (
    EVENING,
    SNOOZES,
    ReminderAnswer,
    ReminderFacts,
    ReminderRefusal,
    Snooze,
    default_snooze,
    offered,
    refusal,
    snooze_until,
)
from bot.domain.schedule import DEFAULT_ZONE, day_bounds, local_date, local_now, resolve_local
from bot.storage import reminders
from bot.storage.database import SessionFactory
from bot.storage.deliveries import Due
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
    snooze: Snooze | None = None
    """The snooze taken (and now remembered as the default)."""


@dataclass(frozen=True, slots=True)
class SnoozeOffer:
    """What a reminder's keyboard offers: the one-tap default and every choice still open."""

    default: Snooze | None
    choices: tuple[Snooze, ...]


FULL_OFFER = SnoozeOffer(Snooze.HOUR, SNOOZES)


def offer(now: datetime, day: date, zone: str, remembered: str | None) -> SnoozeOffer:
    """The snooze offer for a reminder of local `day` in `zone`, as of `now`."""
    day_ends = day_bounds(day, zone)[1]
    choices = offered(now, day_ends, resolve_local(day, EVENING, zone))
    return SnoozeOffer(default_snooze(remembered, choices), choices)


async def snooze_offers(
    sessions: SessionFactory, reminders_due: Sequence[Due], now: datetime
) -> dict[int, SnoozeOffer]:
    """Each claimed reminder's snooze offer, by delivery id: one read for the whole batch."""
    if not reminders_due:
        return {}
    async with sessions.begin() as session:
        remembered = await reminders.snooze_choices(session, [r.user_id for r in reminders_due])
    return {
        r.delivery_id: offer(now, r.local_date, r.zone, remembered.get(r.user_id))
        for r in reminders_due
    }


async def answer_reminder(
    sessions: SessionFactory,
    catalogue: Catalogue,
    *,
    delivery_id: int,
    answer: ReminderAnswer,
    person: Person,
    chat_id: int | None,
    now: datetime,
    snooze: Snooze | None = None,
) -> Answered | ReminderRefusal:
    """Record `answer` once, for the person the reminder was for, on its own day.

    A snooze without a `snooze` choice (a button from before choices existed) takes the
    person's default."""
    async with sessions.begin() as session:
        delivery = await reminders.get_reminder(session, delivery_id)
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
            remembered = subscription.snooze_choice if subscription else None
            if snooze is None:
                snooze = offer(now, delivery.local_date, zone, remembered).default
            evening = resolve_local(delivery.local_date, EVENING, zone)
            day_ends = day_bounds(delivery.local_date, zone)[1]
            until = snooze_until(now, day_ends, snooze, evening) if snooze else None
            if until is None:
                evening_gone = snooze is Snooze.EVENING
                return ReminderRefusal.EVENING_PASSED if evening_gone else ReminderRefusal.TOO_LATE
        if not await reminders.record_outcome(session, delivery.id, answer):
            return ReminderRefusal.ANSWERED
        if until is not None and snooze is not None:
            await reminders.add_snooze(session, delivery.user_id, delivery.local_date, until)
            await reminders.remember_snooze(session, delivery.user_id, snooze.value)
            local_until = local_now(until, zone).time()
            return Answered(answer, snoozed_until=local_until, snooze=snooze)
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
