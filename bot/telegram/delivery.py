"""Sending claimed deliveries (reminders, weekly summaries) and handing back what happened.

Every kind goes through the one Sender, so they share one rate limit. The claiming and the
recording are use cases (:mod:`bot.usecases.deliveries`); this module only loops over them,
sends, and translates Telegram's answers into reports.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup

from bot.storage.database import SessionFactory
from bot.telegram.sender import SendResult
from bot.telegram.services import Services
from bot.usecases.deliveries import Batch, Limits, Report, record_sends

log = logging.getLogger(__name__)
T = TypeVar("T")

ClaimUseCase = Callable[[SessionFactory, datetime, Limits], Awaitable[Batch[T]]]


async def drain(
    deps: Services,
    claim: ClaimUseCase[T],
    deliver: Callable[[Sequence[T]], Awaitable[None]],
) -> None:
    """Claim a batch (committed), then send and record; again while a claim says there is more.

    (Claiming the next batch while sending the previous one was measured: no gain on two
    cores, where the local server takes the other one; so the loop stays sequential.)
    """
    settings = deps.settings
    limits = Limits(
        batch=settings.reminder_batch,
        catchup=settings.reminder_catchup,
        lease=timedelta(seconds=settings.reminder_lease_seconds),
    )
    while not deps.sender.closed:  # stopping: claim nothing more
        batch = await claim(deps.sessions, deps.clock(), limits)
        if batch.due:
            await deliver(batch.due)
        if not batch.more:
            return


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
        *(
            deps.sender.send(bot, item.chat_id, item.text, item.markup, releasable=True)
            for item in outgoing
        ),
        return_exceptions=True,
    )
    reports = [
        report
        for item, result in zip(outgoing, results, strict=True)
        if (report := _report(item, result)) is not None
    ]
    await record_sends(deps.sessions, deps.clock(), reports)


def _report(item: Outgoing, result: SendResult | BaseException) -> Report | None:
    if not isinstance(result, SendResult):
        # Left claimed on purpose: the lease runs out and a later tick tries again.
        log.error("sending delivery %s failed", item.delivery_id, exc_info=result)
        return None
    return Report(item.delivery_id, item.user_id, result.outcome, result.message_id, result.error)
