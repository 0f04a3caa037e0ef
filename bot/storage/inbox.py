"""Inbox rows: store updates once, take the oldest pending row of each lane under a lease.

Taking a row is one short transaction that writes a lease; the handler then runs in its own
transactions and the row is settled in another. On PostgreSQL `FOR UPDATE SKIP LOCKED` keeps
two processes from taking the same row; SQLite ignores the clause (one process per file).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.inbox import Envelope, InboxStatus
from bot.storage.database import affected_rows, count_event
from bot.storage.models import InboxUpdate
from bot.storage.tallies import UPDATE_RECEIVED

_table = InboxUpdate.__table__


@dataclass(frozen=True, slots=True)
class Taken:
    """A row a worker now holds: run it, then settle it."""

    update_id: int
    kind: str
    user_id: int | None
    payload: dict[str, Any]
    attempts: int


async def store(
    session: AsyncSession, updates: Sequence[tuple[Envelope, dict[str, Any]]], now: datetime
) -> None:
    """Insert each update unless its update_id is already there (a redelivery: no-op)."""
    if not updates:
        return
    rows = [
        {
            "update_id": envelope.update_id,
            "kind": envelope.kind,
            "lane": envelope.lane,
            "chat_id": envelope.chat_id,
            "user_id": envelope.user_id,
            "payload": raw,
            "status": InboxStatus.PENDING,
            "attempts": 0,
            "received_at": now,
        }
        for envelope, raw in updates
    ]
    insert = postgres_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(_table).values(rows).on_conflict_do_nothing(index_elements=["update_id"])
    await session.execute(statement)
    for kind, count in Counter(envelope.kind for envelope, _ in updates).items():
        count_event(session, UPDATE_RECEIVED, kind, value=count)


async def last_update_id(session: AsyncSession) -> int | None:
    """The newest stored update: polling resumes after it."""
    return await session.scalar(select(func.max(InboxUpdate.update_id)))


async def take(
    session: AsyncSession, now: datetime, lease_until: datetime, limit: int
) -> list[Taken]:
    """Lease up to `limit` rows: in each lane only the oldest pending row, and only if free.

    A row under a live lease still counts as the oldest of its lane, so the next update of that
    chat waits for it; done and parked rows never hold anyone up.
    """
    older = aliased(InboxUpdate)
    blocked = (
        select(older.update_id)
        .where(
            older.lane == InboxUpdate.lane,
            older.status == InboxStatus.PENDING,
            older.update_id < InboxUpdate.update_id,
        )
        .exists()
    )
    query = (
        select(
            InboxUpdate.update_id,
            InboxUpdate.kind,
            InboxUpdate.user_id,
            InboxUpdate.payload,
            InboxUpdate.attempts,
        )
        .where(
            InboxUpdate.status == InboxStatus.PENDING,
            (InboxUpdate.lease_until.is_(None)) | (InboxUpdate.lease_until < now),
            ~blocked,
        )
        .order_by(InboxUpdate.update_id)
        .limit(limit)
        .with_for_update(of=InboxUpdate, skip_locked=True)
    )
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    ids = [row.update_id for row in rows]
    await session.execute(
        update(_table)
        .where(_table.c.update_id.in_(ids))
        .values(lease_until=lease_until, attempts=_table.c.attempts + 1)
    )
    return [
        Taken(row.update_id, row.kind, row.user_id, row.payload, row.attempts + 1) for row in rows
    ]


async def finish(session: AsyncSession, update_id: int, now: datetime) -> None:
    """Done: keep the id (a redelivery stays a no-op) and drop everything about the person."""
    await session.execute(
        update(_table)
        .where(_table.c.update_id == update_id)
        .values(
            status=InboxStatus.DONE,
            done_at=now,
            lease_until=None,
            error=None,
            payload={},
            user_id=None,
            chat_id=None,
            lane=None,
        )
    )


async def retry_later(
    session: AsyncSession, update_id: int, error: str, not_before: datetime
) -> None:
    """Leave the row pending, with its error, untouchable until `not_before`."""
    await session.execute(
        update(_table)
        .where(_table.c.update_id == update_id)
        .values(lease_until=not_before, error=error)
    )


async def park(session: AsyncSession, update_id: int, error: str, now: datetime) -> None:
    """Dead letter: kept with its error for the operator, never taken again."""
    await session.execute(
        update(_table)
        .where(_table.c.update_id == update_id)
        .values(status=InboxStatus.PARKED, done_at=now, lease_until=None, error=error)
    )


async def prune(session: AsyncSession, before: datetime) -> int:
    """Delete done rows settled before `before`; how many went."""
    statement = delete(_table).where(_table.c.status == InboxStatus.DONE, _table.c.done_at < before)
    return await affected_rows(session, statement)


async def parked(session: AsyncSession) -> list[tuple[int, str, str | None]]:
    """The dead letters, oldest first: update id, kind and error (for the operator)."""
    query = (
        select(InboxUpdate.update_id, InboxUpdate.kind, InboxUpdate.error)
        .where(InboxUpdate.status == InboxStatus.PARKED)
        .order_by(InboxUpdate.update_id)
    )
    return [(row.update_id, row.kind, row.error) for row in await session.execute(query)]
