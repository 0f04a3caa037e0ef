"""What the clock does: claim what is due, and record what became of it once it was sent.

Each claim is one transaction that commits before anything is sent: the delivery rows exist
(and the schedules have moved on) first, so a crash between the commit and the send loses
nothing; the lease runs out and a later claim takes the row again. The sends' results come
back in one more transaction per batch. Nothing here waits on Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from bot.domain.report import Overview, overview
from bot.storage import deliveries, reminders, summaries
from bot.storage.database import SessionFactory
from bot.storage.deliveries import BLOCKED, Due, Limits, Slot
from bot.storage.history import load_history

T = TypeVar("T")

__all__ = [
    "Batch",
    "Due",
    "Limits",
    "Recorded",
    "Report",
    "SendOutcome",
    "Slot",
    "WeeklySummary",
    "claim_reminders",
    "claim_summaries",
    "record_sends",
]


@dataclass(frozen=True, slots=True)
class Batch(Generic[T]):
    """One claim's worth of deliveries; `more` says to claim again right away."""

    due: tuple[T, ...]
    more: bool


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """A claimed summary and the person's figures it reports, as of the claim."""

    due: Due
    week: Overview


class SendOutcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # 403: blocked by the user or account deactivated
    FAILED = "failed"  # gave up: bad request, chat not found, or retries used up
    RELEASED = "released"  # not sent because the process is stopping: due again at once


@dataclass(frozen=True, slots=True)
class Report:
    """What became of one delivery's send, as the Sender saw it."""

    delivery_id: int
    user_id: int
    outcome: SendOutcome
    message_id: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    sent: int
    failed: int
    blocked: int
    released: int = 0


async def claim_reminders(sessions: SessionFactory, now: datetime, limits: Limits) -> Batch[Due]:
    async with sessions.begin() as session:
        claim = await reminders.claim(session, now, limits)
    return Batch(tuple(claim.due), claim.more)


async def claim_summaries(
    sessions: SessionFactory, now: datetime, limits: Limits
) -> Batch[WeeklySummary]:
    """Claim due summaries and read each person's week for them, in one transaction."""
    async with sessions.begin() as session:
        claim = await summaries.claim(session, now, limits)
        due = [
            WeeklySummary(summary, overview(await load_history(session, summary.user_id), now))
            for summary in claim.due
        ]
    return Batch(tuple(due), claim.more)


async def record_sends(
    sessions: SessionFactory, now: datetime, reports: Sequence[Report]
) -> Recorded:
    """Write every send's result back in one transaction, in bulk.

    Sent: with its message id. Blocked: failed for good, and the person marked inactive so
    nothing more goes to them until they come back with /start. Anything else: failed with
    Telegram's reason (given up, never retried; a send that raised is not reported at all and
    stays claimed until its lease runs out). Released (never sent, the process is stopping):
    its lease ends now, so another process's next claim takes it instead of waiting for it.
    """
    sent: list[tuple[int, int]] = []
    failed: list[tuple[int, str]] = []
    blocked: list[int] = []
    released: list[int] = []
    for report in reports:
        if report.outcome is SendOutcome.RELEASED:
            released.append(report.delivery_id)
        elif report.outcome is SendOutcome.SENT and report.message_id is not None:
            sent.append((report.delivery_id, report.message_id))
        elif report.outcome is SendOutcome.BLOCKED:
            failed.append((report.delivery_id, BLOCKED))
            blocked.append(report.user_id)
        else:
            failed.append((report.delivery_id, report.error or "failed"))
    async with sessions.begin() as session:
        await deliveries.mark_sent(session, sent, now)
        await deliveries.mark_failed(session, failed)
        await deliveries.mark_users_inactive(session, blocked)
        await deliveries.release(session, released, now)
    return Recorded(
        sent=len(sent),
        failed=len(failed) - len(blocked),
        blocked=len(blocked),
        released=len(released),
    )
