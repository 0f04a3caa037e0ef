"""The weekly summary: claimed by the reminder tick, rendered from the history, sent calmly.

Same discipline as the daily reminders: claim and commit first, then send through the shared
`Sender` (one rate limit for everything the bot sends unprompted), then record the results.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot

from bot.domain.report import overview
from bot.storage import reminders, summaries
from bot.storage.history import load_history
from bot.storage.summaries import DueSummary
from bot.telegram import texts
from bot.telegram.sender import Outcome as Sent
from bot.telegram.sender import SendResult
from bot.telegram.services import Services

log = logging.getLogger(__name__)

BLOCKED = "blocked"


async def send_due(bot: Bot, deps: Services) -> None:
    """Claim, commit, send, record; again while a claim says there is more."""
    settings = deps.settings
    lease = timedelta(seconds=settings.reminder_lease_seconds)
    while True:
        async with deps.sessions.begin() as session:
            claim = await summaries.claim(
                session,
                deps.clock(),
                batch=settings.reminder_batch,
                catchup=settings.reminder_catchup,
                lease=lease,
            )
        if claim.summaries:
            await _deliver(bot, deps, claim.summaries)
        if not claim.more:
            return


async def _deliver(bot: Bot, deps: Services, due: Sequence[DueSummary]) -> None:
    now = deps.clock()
    async with deps.sessions() as session:
        rendered = [await render(session, summary, now) for summary in due]
    results = await asyncio.gather(
        *(deps.sender.send(bot, s.chat_id, text) for s, text in zip(due, rendered, strict=True)),
        return_exceptions=True,
    )
    sent: list[tuple[int, int]] = []
    failed: list[tuple[int, str]] = []
    blocked: list[int] = []
    for summary, result in zip(due, results, strict=True):
        if not isinstance(result, SendResult):
            # Left claimed: the lease runs out and a later tick tries again.
            log.error("sending summary %s failed", summary.delivery_id, exc_info=result)
        elif result.outcome is Sent.SENT and result.message_id is not None:
            sent.append((summary.delivery_id, result.message_id))
        elif result.outcome is Sent.BLOCKED:
            failed.append((summary.delivery_id, BLOCKED))
            blocked.append(summary.user_id)
        else:
            failed.append((summary.delivery_id, result.error or "failed"))
    async with deps.sessions.begin() as session:
        await reminders.mark_sent(session, sent, deps.clock())
        await reminders.mark_failed(session, failed)
        await reminders.mark_users_inactive(session, blocked)


async def render(session: AsyncSession, summary: DueSummary, now: datetime) -> str:
    history = await load_history(session, summary.user_id)
    report = overview(history, now)
    return texts.weekly_summary(
        summary.first_name, report.days_done_week, report.streak, report.adherence_week
    )
