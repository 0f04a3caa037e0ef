"""A reminder's buttons: start today's routine, snooze an hour, or skip the day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, Message
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.domain.schedule import day_bounds, local_date, local_now
from bot.storage import reminders
from bot.storage.models import Delivery
from bot.storage.reminders import FALLBACK_ZONE, ReminderAnswer
from bot.storage.subscriptions import get_subscription
from bot.telegram import routine, texts
from bot.telegram.callbacks import ReminderAction, ReminderPress
from bot.telegram.services import services

SNOOZE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class _Reply:
    """What to tell the person after the transaction: a toast, an edit, maybe an exercise."""

    answer: str | None
    edit: str | None = None
    start_routine: bool = False


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: ReminderPress
) -> None:
    """Start, snooze or skip today's reminder; anything else gets a polite no and no change."""
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        delivery = await reminders.get_delivery(session, data.delivery_id)
        subscription = await get_subscription(session, delivery.user_id) if delivery else None
        zone = (subscription.time_zone if subscription else None) or FALLBACK_ZONE
        refusal = _refusal(delivery, zone, query, now)
        if refusal is not None or delivery is None:
            reply = _Reply(refusal)
        elif data.action is ReminderAction.SNOOZE:
            reply = await _snooze(session, delivery, zone, now)
        elif data.action is ReminderAction.SKIP:
            reply = await _skip(session, delivery)
        else:
            reply = await _start(session, delivery)
    await query.answer(reply.answer)
    if reply.edit is not None:
        try:
            await query.edit_message_text(reply.edit)
        except BadRequest as error:
            if "not modified" not in error.message:
                raise
    if reply.start_routine and isinstance(query.message, Message):
        await routine.open_today(query.message, query.from_user, context)


def _refusal(
    delivery: Delivery | None, zone: str, query: CallbackQuery, now: datetime
) -> str | None:
    """Why this press changes nothing, or None when it may proceed."""
    if delivery is None:
        return texts.BUTTON_UNKNOWN
    if delivery.user_id != query.from_user.id:
        return texts.REMINDER_NOT_YOURS
    if delivery.outcome is not None:
        return texts.REMINDER_ANSWERED
    if local_date(now, zone) != delivery.local_date:
        return texts.REMINDER_OLD_DAY
    return None


async def _snooze(session: AsyncSession, delivery: Delivery, zone: str, now: datetime) -> _Reply:
    """Move only today's reminder an hour on; never past the end of the person's day."""
    until = now + SNOOZE
    if until >= day_bounds(delivery.local_date, zone)[1]:
        return _Reply(texts.REMINDER_TOO_LATE)
    if not await reminders.record_outcome(session, delivery.id, ReminderAnswer.SNOOZED):
        return _Reply(texts.REMINDER_ANSWERED)
    await reminders.add_snooze(session, delivery.user_id, delivery.local_date, until)
    local = local_now(until, zone)
    text = texts.reminder_snoozed(texts.clock(local.hour, local.minute))
    return _Reply(text, edit=text)


async def _skip(session: AsyncSession, delivery: Delivery) -> _Reply:
    if not await reminders.record_outcome(session, delivery.id, ReminderAnswer.SKIPPED):
        return _Reply(texts.REMINDER_ANSWERED)
    await reminders.cancel_snoozes(session, delivery.user_id, delivery.local_date)
    return _Reply(texts.REMINDER_SKIPPED, edit=texts.REMINDER_SKIPPED)


async def _start(session: AsyncSession, delivery: Delivery) -> _Reply:
    """Start opens today's routine below the reminder (built, or continued, by the routine)."""
    if not await reminders.record_outcome(session, delivery.id, ReminderAnswer.STARTED):
        return _Reply(texts.REMINDER_ANSWERED)
    return _Reply(None, edit=texts.REMINDER_STARTED, start_routine=True)
