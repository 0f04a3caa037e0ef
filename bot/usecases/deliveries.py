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
from typing import Generic, TypeVar

from bot.domain.report import Overview, overview
from bot.storage import deliveries, reminders, summaries
from bot.storage.database import SessionFactory
from bot.storage.deliveries import BLOCKED, Due, Limits, Slot
from bot.storage.history import load_history

T = TypeVar("T")

__all__ = [
    "Batch",
    "Blocked",
    "Due",
    "Failed",
    "Limits",
    "Recorded",
    "Report",
    "Sent",
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


@dataclass(frozen=True, slots=True)
class Sent:
    delivery_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class Failed:
    """Given up on (a refusal, or retries used up): recorded, never retried."""

    delivery_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class Blocked:
    """The person blocked the bot: they get nothing more until they come back with /start."""

    delivery_id: int
    user_id: int


Report = Sent | Failed | Blocked


@dataclass(frozen=True, slots=True)
class Recorded:
    sent: int
    failed: int
    blocked: int


async def claim_reminders(sessions: SessionFactory, now: datetime, limits: Limits) -> Batch[Due]:
    async with sessions.begin() as session:
        claim = await reminders.claim(
            session, now, batch=limits.batch, catchup=limits.catchup, lease=limits.lease
        )
    return Batch(tuple(claim.due), claim.more)


async def claim_summaries(
    sessions: SessionFactory, now: datetime, limits: Limits
) -> Batch[WeeklySummary]:
    """Claim due summaries and read each person's week for them, in one transaction."""
    async with sessions.begin() as session:
        claim = await summaries.claim(
            session, now, batch=limits.batch, catchup=limits.catchup, lease=limits.lease
        )
        due = [
            WeeklySummary(summary, overview(await load_history(session, summary.user_id), now))
            for summary in claim.due
        ]
    return Batch(tuple(due), claim.more)


async def record_sends(
    sessions: SessionFactory, now: datetime, reports: Sequence[Report]
) -> Recorded:
    """Write every send's result back in one transaction, in bulk."""
    sent = [(r.delivery_id, r.message_id) for r in reports if isinstance(r, Sent)]
    failed = [(r.delivery_id, r.reason) for r in reports if isinstance(r, Failed)]
    blocked = [r for r in reports if isinstance(r, Blocked)]
    failed += [(r.delivery_id, BLOCKED) for r in blocked]
    async with sessions.begin() as session:
        await deliveries.mark_sent(session, sent, now)
        await deliveries.mark_failed(session, failed)
        await deliveries.mark_users_inactive(session, [r.user_id for r in blocked])
    return Recorded(sent=len(sent), failed=len(failed) - len(blocked), blocked=len(blocked))
