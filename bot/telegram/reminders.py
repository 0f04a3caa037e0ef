"""The reminder engine's Telegram side: the periodic tick, the message, and its buttons.

The tick is only a trigger (DESIGN.md: the database is the schedule). Each round claims a
batch and commits before anything is sent, so a crash after the commit loses nothing: the
claim's lease runs out and another tick sends it. Results are written back in bulk.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from telegram.ext import ContextTypes

from bot.domain.schedule import local_now
from bot.storage import reminders
from bot.storage.reminders import DAILY, DueReminder
from bot.telegram import texts, weekly
from bot.telegram.delivery import ClaimLimits, Outgoing, drain, send_all
from bot.telegram.keyboards import reminder_keyboard
from bot.telegram.services import Services, services

log = logging.getLogger(__name__)


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Claim, commit, send, record; again while a claim says there is more.

    (Claiming the next batch while sending the previous one was measured: no gain on two
    cores, where the local server takes the other one; so the loop stays sequential.)
    """
    deps = services(context)

    async def claim_batch(
        session: AsyncSession, limits: ClaimLimits
    ) -> tuple[Sequence[DueReminder], bool]:
        claim = await reminders.claim(
            session, limits.now, batch=limits.batch, catchup=limits.catchup, lease=limits.lease
        )
        return claim.reminders, claim.more

    await drain(deps, claim_batch, lambda due: deliver(context.bot, deps, due))
    await weekly.send_due(context.bot, deps)


async def deliver(bot: Bot, deps: Services, due: Sequence[DueReminder]) -> None:
    outgoing = [
        Outgoing(r.delivery_id, r.user_id, r.chat_id, render(r), reminder_keyboard(r.delivery_id))
        for r in due
    ]
    await send_all(bot, deps, outgoing)


def render(reminder: DueReminder) -> str:
    """The reminder text, dated and greeted by the person's own wall clock."""
    day = reminder.local_date
    day_text = texts.long_date(day.year, day.month, day.day, day.weekday())
    hour = local_now(reminder.due_at, reminder.zone).hour
    return texts.reminder(reminder.first_name, day_text, hour, again=reminder.slot != DAILY)
