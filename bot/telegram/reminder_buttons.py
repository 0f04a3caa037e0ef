"""A reminder's buttons: start today's routine, snooze (15 min to this evening), or skip."""

from __future__ import annotations

from telegram import CallbackQuery, Message
from telegram.ext import ContextTypes

from bot.domain.reminder_answer import ReminderAnswer, ReminderRefusal
from bot.telegram import texts
from bot.telegram.callbacks import ReminderAction, ReminderPress
from bot.telegram.edits import edit_screen
from bot.telegram.routine import send_today
from bot.telegram.services import person_of, services
from bot.usecases.reminder_answers import Answered, answer_reminder

ANSWERS = {
    ReminderAction.START: ReminderAnswer.STARTED,
    ReminderAction.SNOOZE: ReminderAnswer.SNOOZED,
    ReminderAction.SKIP: ReminderAnswer.SKIPPED,
}
# Names in bot.telegram.texts, read when answering: in the person's language.
REFUSALS = {
    ReminderRefusal.UNKNOWN: "BUTTON_UNKNOWN",
    ReminderRefusal.NOT_YOURS: "REMINDER_NOT_YOURS",
    ReminderRefusal.ANSWERED: "REMINDER_ANSWERED",
    ReminderRefusal.OLD_DAY: "REMINDER_OLD_DAY",
    ReminderRefusal.TOO_LATE: "REMINDER_TOO_LATE",
    ReminderRefusal.EVENING_PASSED: "REMINDER_EVENING_PASSED",
}


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: ReminderPress
) -> None:
    """Start, snooze or skip today's reminder; anything else gets a polite no and no change."""
    deps = services(context)
    message = query.message if isinstance(query.message, Message) else None
    person = query.from_user
    answered = await answer_reminder(
        deps.sessions,
        deps.catalogue,
        delivery_id=data.delivery_id,
        answer=ANSWERS[data.action],
        person=person_of(person),
        chat_id=message.chat_id if message is not None else None,
        now=deps.clock(),
        snooze=data.snooze,
    )
    if not isinstance(answered, Answered):
        await query.answer(getattr(texts, REFUSALS[answered]))
        return
    toast, edit = _reply(answered)
    await query.answer(toast)
    await edit_screen(query, edit)
    if answered.today is not None and message is not None:
        await send_today(message, deps, answered.today)


def _reply(answered: Answered) -> tuple[str | None, str]:
    """The toast and the reminder's new text."""
    if answered.snoozed_until is not None:
        until = answered.snoozed_until
        text = texts.reminder_snoozed(texts.clock(until.hour, until.minute))
        return text, text
    if answered.answer is ReminderAnswer.SKIPPED:
        return texts.REMINDER_SKIPPED, texts.REMINDER_SKIPPED
    return None, texts.REMINDER_STARTED
