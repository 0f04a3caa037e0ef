"""An operator's broadcast: draft, preview, confirm or cancel, then send through the engine.

Each step is one transaction and keeps its state in the `broadcasts` row, never in memory: a
restart between the preview and the press, or in the middle of sending, picks up where the
row says. Sending reuses the delivery engine's claim (insert-or-ignore, lease, reclaim) and
`record_sends` (403 marks the person inactive, as for reminders).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.storage import broadcasts
from bot.storage.broadcasts import NO_CATCHUP, BroadcastState, Counts
from bot.storage.database import SessionFactory
from bot.storage.deliveries import Due, Limits
from bot.usecases.deliveries import Batch
from bot.usecases.people import Person, register

__all__ = [
    "Batch",
    "BroadcastState",
    "Counts",
    "Draft",
    "NotClaimed",
    "Refusal",
    "Sending",
    "begin_send",
    "cancel_broadcast",
    "claim_broadcast",
    "confirm_broadcast",
    "draft_broadcast",
    "finish_broadcast",
    "progress",
    "sending_broadcasts",
    "take_broadcast_text",
]


class NotClaimed(Exception):
    """The delivery is no longer this process's claim: its message must not go out."""


@dataclass(frozen=True, slots=True)
class Draft:
    broadcast_id: int
    text: str | None
    """None: waiting for the operator's next text message."""
    recipients: int
    """Active subscribers now; the count is fixed again when the operator confirms."""


class Refusal(StrEnum):
    STALE = "stale"  # confirmed, cancelled or replaced already, or someone else's


@dataclass(frozen=True, slots=True)
class Sending:
    broadcast_id: int
    text: str
    chat_id: int
    progress_message_id: int | None
    recipients: int


async def draft_broadcast(
    sessions: SessionFactory,
    admin_id: int,
    chat_id: int,
    text: str | None,
    now: datetime,
    *,
    operator: Person | None = None,
) -> Draft:
    """Open a broadcast. `operator` is registered (as any first contact is), so the clock's
    progress and final count find the operator's language even before any /start."""
    async with sessions.begin() as session:
        if operator is not None:
            await register(session, operator)
        broadcast_id = await broadcasts.open_broadcast(session, admin_id, chat_id, text, now)
        recipients = await broadcasts.count_recipients(session, now)
    return Draft(broadcast_id, text, recipients)


async def take_broadcast_text(
    sessions: SessionFactory, admin_id: int, text: str, now: datetime
) -> Draft | None:
    """The operator's text message, if a broadcast waits for one; None otherwise."""
    async with sessions.begin() as session:
        broadcast_id = await broadcasts.take_composing(session, admin_id, text)
        if broadcast_id is None:
            return None
        recipients = await broadcasts.count_recipients(session, now)
    return Draft(broadcast_id, text, recipients)


async def confirm_broadcast(
    sessions: SessionFactory, broadcast_id: int, admin_id: int, message_id: int, now: datetime
) -> Sending | Refusal:
    async with sessions.begin() as session:
        recipients = await broadcasts.confirm(session, broadcast_id, admin_id, message_id, now)
        row = await broadcasts.get(session, broadcast_id) if recipients is not None else None
        if recipients is None or row is None or row.text is None:
            return Refusal.STALE
        return Sending(broadcast_id, row.text, row.chat_id, message_id, recipients)


async def cancel_broadcast(
    sessions: SessionFactory, broadcast_id: int, admin_id: int
) -> bool | Refusal:
    async with sessions.begin() as session:
        cancelled = await broadcasts.cancel(session, broadcast_id, admin_id)
    return True if cancelled else Refusal.STALE


async def sending_broadcasts(sessions: SessionFactory) -> tuple[Sending, ...]:
    async with sessions.begin() as session:
        rows = await broadcasts.sending(session)
        return tuple(
            Sending(row.id, row.text or "", row.chat_id, row.progress_message_id, row.recipients)
            for row in rows
        )


async def claim_broadcast(
    sessions: SessionFactory, broadcast_id: int, now: datetime, batch: int, lease: float
) -> Batch[Due]:
    limits = Limits(batch=batch, catchup=NO_CATCHUP, lease=_seconds(lease))
    async with sessions.begin() as session:
        claim = await broadcasts.claim(session, broadcast_id, now, limits)
    return Batch(tuple(claim.due), claim.more)


async def begin_send(sessions: SessionFactory, delivery_id: int) -> None:
    """Record that this delivery's message is about to go out (raises NotClaimed when the
    row is no longer ours): after a crash it is given up, never sent twice."""
    async with sessions.begin() as session:
        if not await broadcasts.begin_send(session, delivery_id):
            raise NotClaimed(delivery_id)


async def progress(sessions: SessionFactory, broadcast_id: int, recipients: int) -> Counts:
    async with sessions.begin() as session:
        return await broadcasts.counts(session, broadcast_id, recipients)


async def finish_broadcast(
    sessions: SessionFactory, broadcast_id: int, now: datetime
) -> Counts | None:
    """The final counts, written to the audit row once every delivery is settled; None while
    some are not (or another process finished it)."""
    async with sessions.begin() as session:
        return await broadcasts.finish(session, broadcast_id, now)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
