"""The inbox's use cases: receive a batch of updates, take work, settle it, prune.

Each opens one short transaction. Receiving commits before the caller acknowledges the batch
to Telegram, so an update the bot has confirmed is always in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.domain.inbox import Unreadable, Verdict, envelope, verdict
from bot.storage import inbox
from bot.storage.database import SessionFactory
from bot.storage.inbox import Taken

__all__ = ["Received", "Settled", "Taken", "prune", "receive", "resume_after", "settle", "take"]


@dataclass(frozen=True, slots=True)
class Received:
    stored: int
    """Updates handed to the database (a redelivered update_id is among them, as a no-op)."""
    next_offset: int | None
    """The getUpdates offset that confirms the whole batch; None for an empty batch."""
    unreadable: int
    """Updates without an update_id: nothing to store, skipped by the offset."""


@dataclass(frozen=True, slots=True)
class Settled:
    verdict: Verdict
    attempts: int


async def receive(
    sessions: SessionFactory, raws: Sequence[dict[str, Any]], now: datetime
) -> Received:
    rows = []
    unreadable = 0
    for raw in raws:
        try:
            rows.append((envelope(raw), raw))
        except Unreadable:
            unreadable += 1
    if rows:
        async with sessions.begin() as session:
            await inbox.store(session, rows, now)
    ids = [row[0].update_id for row in rows]
    return Received(len(rows), max(ids) + 1 if ids else None, unreadable)


async def resume_after(sessions: SessionFactory) -> int | None:
    """The offset to poll from after a restart: just past the newest stored update."""
    async with sessions() as session:
        last = await inbox.last_update_id(session)
    return None if last is None else last + 1


async def take(
    sessions: SessionFactory, now: datetime, lease: timedelta, limit: int
) -> list[Taken]:
    async with sessions.begin() as session:
        return await inbox.take(session, now, now + lease, limit)


async def settle(
    sessions: SessionFactory,
    taken: Taken,
    now: datetime,
    *,
    error: str | None = None,
    retryable: bool = True,
    max_attempts: int,
    retry_delay: timedelta,
) -> Settled:
    """Mark a row done, leave it for another attempt, or park it (see `domain.inbox.verdict`)."""
    decided = verdict(
        failed=error is not None,
        retryable=retryable,
        attempts=taken.attempts,
        max_attempts=max_attempts,
    )
    async with sessions.begin() as session:
        if decided is Verdict.DONE:
            await inbox.finish(session, taken.update_id, now)
        elif decided is Verdict.RETRY:
            assert error is not None
            await inbox.retry_later(session, taken.update_id, error, now + retry_delay)
        else:
            await inbox.park(session, taken.update_id, error or "failed", now)
    return Settled(decided, taken.attempts)


async def prune(sessions: SessionFactory, now: datetime, retention: timedelta) -> int:
    async with sessions.begin() as session:
        return await inbox.prune(session, now - retention)
