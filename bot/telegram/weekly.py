"""The weekly summary: claimed by the reminder tick, rendered from the history, sent calmly.

Same discipline as the daily reminders: claim and commit first, then send through the shared
`Sender` (one rate limit for everything the bot sends unprompted), then record the results.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot

from bot.domain.report import overview
from bot.storage import summaries
from bot.storage.history import load_history
from bot.storage.summaries import DueSummary
from bot.telegram import texts
from bot.telegram.delivery import ClaimLimits, Outgoing, drain, send_all
from bot.telegram.services import Services

log = logging.getLogger(__name__)


async def send_due(bot: Bot, deps: Services) -> None:
    async def claim_batch(
        session: AsyncSession, limits: ClaimLimits
    ) -> tuple[Sequence[DueSummary], bool]:
        claim = await summaries.claim(
            session, limits.now, batch=limits.batch, catchup=limits.catchup, lease=limits.lease
        )
        return claim.summaries, claim.more

    await drain(deps, claim_batch, lambda due: _deliver(bot, deps, due))


async def _deliver(bot: Bot, deps: Services, due: Sequence[DueSummary]) -> None:
    now = deps.clock()
    async with deps.sessions() as session:
        outgoing = [
            Outgoing(s.delivery_id, s.user_id, s.chat_id, await render(session, s, now))
            for s in due
        ]
    await send_all(bot, deps, outgoing)


async def render(session: AsyncSession, summary: DueSummary, now: datetime) -> str:
    history = await load_history(session, summary.user_id)
    report = overview(history, now)
    return texts.weekly_summary(
        summary.first_name, report.days_done_week, report.streak, report.adherence_week
    )
