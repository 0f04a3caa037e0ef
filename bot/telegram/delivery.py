"""Sending claimed deliveries (reminders, weekly summaries) and recording what happened.

Both kinds go through the one Sender, so they share one rate limit, and their outcomes are
written back in bulk: sent with its message id, failed with a reason, blocked people marked
inactive so nothing more is sent to them until they come back with /start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, InlineKeyboardMarkup

from bot.storage import reminders
from bot.storage.reminders import BLOCKED
from bot.telegram.sender import SendOutcome, SendResult
from bot.telegram.services import Services

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ClaimLimits:
    now: datetime
    batch: int
    catchup: timedelta
    lease: timedelta


async def drain(
    deps: Services,
    claim_batch: Callable[[AsyncSession, ClaimLimits], Awaitable[tuple[Sequence[T], bool]]],
    deliver: Callable[[Sequence[T]], Awaitable[None]],
) -> None:
    """Claim a batch and commit, then send and record; again while a claim says there is more.

    Committing before sending is what makes a claim safe to repeat: the delivery rows exist
    (and the schedule has moved on) before anything goes out.
    """
    settings = deps.settings
    limits = ClaimLimits(
        now=deps.clock(),
        batch=settings.reminder_batch,
        catchup=settings.reminder_catchup,
        lease=timedelta(seconds=settings.reminder_lease_seconds),
    )
    while True:
        async with deps.sessions.begin() as session:
            due, more = await claim_batch(session, limits)
        if due:
            await deliver(due)
        if not more:
            return
        limits = replace(limits, now=deps.clock())


@dataclass(frozen=True, slots=True)
class Outgoing:
    delivery_id: int
    user_id: int
    chat_id: int
    text: str
    markup: InlineKeyboardMarkup | None = None


async def send_all(bot: Bot, deps: Services, outgoing: Sequence[Outgoing]) -> None:
    """Send concurrently (the Sender bounds it) and record every result in one transaction."""
    results = await asyncio.gather(
        *(deps.sender.send(bot, item.chat_id, item.text, item.markup) for item in outgoing),
        return_exceptions=True,
    )
    sent: list[tuple[int, int]] = []
    failed: list[tuple[int, str]] = []
    blocked: list[int] = []
    for item, result in zip(outgoing, results, strict=True):
        if not isinstance(result, SendResult):
            # Left claimed on purpose: the lease runs out and a later tick tries again.
            log.error("sending delivery %s failed", item.delivery_id, exc_info=result)
        elif result.outcome is SendOutcome.SENT and result.message_id is not None:
            sent.append((item.delivery_id, result.message_id))
        elif result.outcome is SendOutcome.BLOCKED:
            failed.append((item.delivery_id, BLOCKED))
            blocked.append(item.user_id)
        else:
            failed.append((item.delivery_id, result.error or "failed"))
    async with deps.sessions.begin() as session:
        await reminders.mark_sent(session, sent, deps.clock())
        await reminders.mark_failed(session, failed)
        await reminders.mark_users_inactive(session, blocked)
