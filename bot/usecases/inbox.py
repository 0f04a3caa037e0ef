"""The inbox's use cases: receive a batch of updates, take work, settle it, prune.

Each opens one short transaction. Receiving commits before the caller acknowledges the batch
to Telegram, so an update the bot has confirmed is always in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.inbox import Unreadable, Verdict, envelope, verdict
from bot.storage import inbox
from bot.storage.database import SessionFactory
from bot.storage.inbox import Taken

__all__ = [
    "Attempt",
    "Received",
    "Round",
    "Settled",
    "Taken",
    "prune",
    "receive",
    "release",
    "resume_after",
    "settle",
    "settle_and_take",
    "take",
]


@dataclass(frozen=True, slots=True)
class Received:
    stored: int
    """Updates handed to the database (a redelivered update_id is among them, as a no-op)."""
    next_offset: int | None
    """The getUpdates offset that confirms the whole batch; None for an empty batch."""
    unreadable: int
    """Updates without an update_id: nothing to store, skipped by the offset."""
    taken: tuple[Taken, ...] = ()
    """Rows leased in the same transaction, for the caller's worker to run at once."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """How running one taken row went: `error` None means handled."""

    taken: Taken
    error: str | None = None
    retryable: bool = True


@dataclass(frozen=True, slots=True)
class Round:
    settled: tuple[tuple[Attempt, Verdict], ...]
    taken: tuple[Taken, ...]


@dataclass(frozen=True, slots=True)
class Settled:
    verdict: Verdict
    attempts: int


async def receive(
    sessions: SessionFactory,
    raws: Sequence[dict[str, Any]],
    now: datetime,
    *,
    lease: timedelta = timedelta(0),
    take: int = 0,
) -> Received:
    """Store the batch; with `take`, also lease up to that many runnable rows in the same
    transaction (one commit instead of two for an update that can run at once)."""
    rows = []
    unreadable = 0
    for raw in raws:
        try:
            rows.append((envelope(raw), raw))
        except Unreadable:
            unreadable += 1
    taken: list[Taken] = []
    if rows:
        async with sessions.begin() as session:
            await inbox.store(session, rows, now)
            if take > 0:
                taken = await inbox.take(session, now, now + lease, take)
    ids = [row[0].update_id for row in rows]
    return Received(len(rows), max(ids) + 1 if ids else None, unreadable, tuple(taken))


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
    async with sessions.begin() as session:
        ((_, decided),), done = await _settle(
            session, [Attempt(taken, error, retryable)], now, max_attempts, retry_delay
        )
        await inbox.finish(session, done, now)
    return Settled(decided, taken.attempts)


async def settle_and_take(
    sessions: SessionFactory,
    attempts: Sequence[Attempt],
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    max_attempts: int,
    retry_delay: timedelta,
) -> Round:
    """Settle what the worker finished and lease what it can run next, in one transaction:
    under load many rows share one commit, and a chat's next update is taken the moment its
    previous one is marked done."""
    async with sessions.begin() as session:
        settled, done = await _settle(session, attempts, now, max_attempts, retry_delay)
        taken = await inbox.finish_and_take(session, done, now, now + lease, limit)
    return Round(tuple(settled), tuple(taken))


async def _settle(
    session: AsyncSession,
    attempts: Sequence[Attempt],
    now: datetime,
    max_attempts: int,
    retry_delay: timedelta,
) -> tuple[list[tuple[Attempt, Verdict]], list[int]]:
    """Retry or park the rows that failed (rare, one by one); the ids of those handled, which
    the caller marks done in one statement."""
    settled = []
    done = []
    for attempt in attempts:
        decided = verdict(
            failed=attempt.error is not None,
            retryable=attempt.retryable,
            attempts=attempt.taken.attempts,
            max_attempts=max_attempts,
        )
        update_id = attempt.taken.update_id
        if decided is Verdict.DONE:
            done.append(update_id)
        elif decided is Verdict.RETRY:
            await inbox.retry_later(session, update_id, attempt.error or "", now + retry_delay)
        else:
            await inbox.park(session, update_id, attempt.error or "failed", now)
        settled.append((attempt, decided))
    return settled, done


async def release(sessions: SessionFactory, taken: Sequence[Taken]) -> None:
    """Give back rows whose handlers were stopped (SIGTERM): due again at once, elsewhere."""
    async with sessions.begin() as session:
        await inbox.release(session, taken)


async def extend(
    sessions: SessionFactory, taken: Sequence[Taken], now: datetime, lease: timedelta
) -> None:
    """Renew the leases of rows still being handled in this process."""
    async with sessions.begin() as session:
        await inbox.extend(session, taken, now + lease)


async def prune(sessions: SessionFactory, now: datetime, retention: timedelta) -> int:
    async with sessions.begin() as session:
        return await inbox.prune(session, now - retention)
