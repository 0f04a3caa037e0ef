"""The daily reminder's Telegram side: the periodic tick and the message.

The tick is only a trigger (DESIGN.md: the database is the schedule). Each round claims a
batch and commits before anything is sent, so a crash after the commit loses nothing: the
claim's lease runs out and another tick sends it. Results are written back in bulk.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot.domain.schedule import local_now
from bot.i18n import use_language
from bot.telegram import texts
from bot.telegram.delivery import Outgoing, drain, send_all
from bot.telegram.keyboards import reminder_keyboard
from bot.telegram.services import Services, services
from bot.usecases.deliveries import Due, Slot, claim_reminders
from bot.usecases.language import languages_for
from bot.usecases.reminder_answers import FULL_OFFER, SnoozeOffer, snooze_offers


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Claim, commit, send, record; again while a claim says there is more."""
    deps = services(context)
    await drain(deps, claim_reminders, lambda due: deliver(context.bot, deps, due))


async def deliver(bot: Bot, deps: Services, due: Sequence[Due]) -> None:
    offers = await snooze_offers(deps.sessions, due, deps.clock())
    languages = await languages_for(deps.sessions, {r.user_id for r in due})
    outgoing = []
    for r in due:
        with use_language(languages.get(r.user_id)):  # each recipient in their own language
            outgoing.append(
                Outgoing(r.delivery_id, r.user_id, r.chat_id, render(r), _keyboard(r, offers))
            )
    await send_all(bot, deps, outgoing)


def _keyboard(reminder: Due, offers: dict[int, SnoozeOffer]) -> InlineKeyboardMarkup:
    offer = offers.get(reminder.delivery_id, FULL_OFFER)
    return reminder_keyboard(reminder.delivery_id, offer.default, offer.choices)


def render(reminder: Due) -> str:
    """The reminder text, dated and greeted by the person's own wall clock."""
    day = reminder.local_date
    day_text = texts.long_date(day.year, day.month, day.day, day.weekday())
    hour = local_now(reminder.due_at, reminder.zone).hour
    return texts.reminder(reminder.first_name, day_text, hour, again=reminder.slot != Slot.DAILY)
