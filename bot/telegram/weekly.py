"""The weekly summary's Telegram side: its own periodic job, the message.

Same discipline as the daily reminders: claim and commit first (the claim also reads each
person's week, as figures), then send through the shared `Sender` (one rate limit for
everything the bot sends unprompted), then record the results.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot
from telegram.ext import ContextTypes

from bot.i18n import use_language
from bot.telegram import texts
from bot.telegram.delivery import Outgoing, drain, send_all
from bot.telegram.services import Services, services
from bot.usecases.deliveries import WeeklySummary, claim_summaries
from bot.usecases.language import languages_for


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Claim due summaries, commit, send, record; again while a claim says there is more."""
    deps = services(context)
    await drain(deps, claim_summaries, lambda due: deliver(context.bot, deps, due))


async def deliver(bot: Bot, deps: Services, due: Sequence[WeeklySummary]) -> None:
    languages = await languages_for(deps.sessions, {s.due.user_id for s in due})
    outgoing = []
    for s in due:
        with use_language(languages.get(s.due.user_id)):  # each in their own language
            outgoing.append(Outgoing(s.due.delivery_id, s.due.user_id, s.due.chat_id, render(s)))
    await send_all(bot, deps, outgoing)


def render(summary: WeeklySummary) -> str:
    week = summary.week
    return texts.weekly_summary(
        summary.due.first_name, week.days_done_week, week.streak, week.adherence_week
    )
