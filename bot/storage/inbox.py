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

from sqlalchemy import Row, Update, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

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


# The hot path (store, take, settle) runs prebuilt Core statements on the session's connection:
# building a statement and going through the ORM's execution cost more CPU per update than the
# database's own work (measured by `tests/bench/bench_replicas.py --parts alone --profile`).
_INSERTS = {
    dialect: insert(_table).on_conflict_do_nothing(index_elements=["update_id"])
    for dialect, insert in (("postgresql", postgres_insert), ("sqlite", sqlite_insert))
}

_FINISH = (
    update(_table)
    .where(_table.c.update_id.in_(bindparam("ids", expanding=True)))
    .values(
        status=InboxStatus.DONE,
        done_at=bindparam("now"),
        lease_until=None,
        error=None,
        payload={},
        user_id=None,
        chat_id=None,
        lane=None,
    )
)


def _take_statement(*, finishing: bool) -> Update:
    """Lease the runnable rows, returning them. `finishing`: the rows `ids` are being marked
    done by the same statement (PostgreSQL: a WITH clause), so they count as done already:
    every part of one statement reads the same snapshot, which does not show its own writes."""
    candidate = _table.alias("candidate")
    older = _table.alias("older")
    blocking = [
        older.c.lane == candidate.c.lane,
        older.c.status == InboxStatus.PENDING,
        # An older row waits its turn; any other row running under a live lease holds the whole
        # lane, even a newer one (an update stored late, after its successor was taken): two
        # updates of one chat never run at once.
        (older.c.update_id < candidate.c.update_id)
        | (
            (older.c.update_id != candidate.c.update_id) & (older.c.lease_until >= bindparam("now"))
        ),
    ]
    chosen = [
        candidate.c.status == InboxStatus.PENDING,
        candidate.c.lease_until.is_(None) | (candidate.c.lease_until < bindparam("now")),
    ]
    if finishing:
        blocking.append(older.c.update_id.not_in(bindparam("ids", expanding=True)))
        chosen.append(candidate.c.update_id.not_in(bindparam("ids", expanding=True)))
    runnable = (
        select(candidate.c.update_id)
        .where(*chosen, ~select(older.c.update_id).where(*blocking).exists())
        .order_by(candidate.c.update_id)
        .limit(bindparam("limit"))
        .with_for_update(of=candidate, skip_locked=True)
    )
    statement = (
        update(_table)
        .where(_table.c.update_id.in_(runnable.scalar_subquery()))
        .values(lease_until=bindparam("lease_until"), attempts=_table.c.attempts + 1)
        .returning(
            _table.c.update_id,
            _table.c.kind,
            _table.c.user_id,
            _table.c.payload,
            _table.c.attempts,
        )
    )
    if finishing:
        statement = statement.add_cte(_FINISH.returning(_table.c.update_id).cte("finished"))
    return statement


_TAKE = _take_statement(finishing=False)
_FINISH_AND_TAKE = _take_statement(finishing=True)
_RETRY_LATER = (
    update(_table)
    .where(_table.c.update_id == bindparam("b_id"))
    .values(lease_until=bindparam("not_before"), error=bindparam("error"))
)
_PARK = (
    update(_table)
    .where(_table.c.update_id == bindparam("b_id"))
    .values(
        status=InboxStatus.PARKED,
        done_at=bindparam("now"),
        lease_until=None,
        error=bindparam("error"),
    )
)


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
    connection = await session.connection()
    await connection.execute(_INSERTS[connection.dialect.name], rows)
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
    chat waits for it; done and parked rows never hold anyone up. One statement: the rows are
    chosen (locked, skipping those another process holds) and leased in the same UPDATE.
    """
    connection = await session.connection()
    result = await connection.execute(
        _TAKE, {"now": now, "limit": limit, "lease_until": lease_until}
    )
    return _taken(result.all())


def _taken(rows: Sequence[Row[Any]]) -> list[Taken]:
    ordered = sorted(rows, key=lambda row: int(row.update_id))  # RETURNING has no order
    return [
        Taken(row.update_id, row.kind, row.user_id, row.payload, row.attempts) for row in ordered
    ]


async def finish(session: AsyncSession, update_ids: Sequence[int], now: datetime) -> None:
    """Done: keep the ids (a redelivery stays a no-op) and drop everything about the person."""
    if update_ids:
        connection = await session.connection()
        await connection.execute(_FINISH, {"ids": list(update_ids), "now": now})


async def finish_and_take(
    session: AsyncSession,
    update_ids: Sequence[int],
    now: datetime,
    lease_until: datetime,
    limit: int,
) -> list[Taken]:
    """`finish` these rows, then `take`: on PostgreSQL in one statement (one round trip less
    per round of the worker), elsewhere in two."""
    connection = await session.connection()
    if not update_ids or limit <= 0 or connection.dialect.name != "postgresql":
        await finish(session, update_ids, now)
        return await take(session, now, lease_until, limit) if limit > 0 else []
    params = {"ids": list(update_ids), "now": now, "limit": limit, "lease_until": lease_until}
    return _taken((await connection.execute(_FINISH_AND_TAKE, params)).all())


async def retry_later(
    session: AsyncSession, update_id: int, error: str, not_before: datetime
) -> None:
    """Leave the row pending, with its error, untouchable until `not_before`."""
    connection = await session.connection()
    await connection.execute(
        _RETRY_LATER, {"b_id": update_id, "not_before": not_before, "error": error}
    )


async def park(session: AsyncSession, update_id: int, error: str, now: datetime) -> None:
    """Dead letter: kept with its error for the operator, never taken again."""
    connection = await session.connection()
    await connection.execute(_PARK, {"b_id": update_id, "error": error, "now": now})


async def release(session: AsyncSession, taken: Sequence[Taken]) -> None:
    """Hand rows back untouched (their process is stopping): pending, no lease, the attempt
    not counted, so the next worker anywhere takes them at once. A row another worker has
    taken since (its attempts moved on) is left alone."""
    if not taken:
        return
    statement = (
        update(_table)
        .where(
            _table.c.update_id == bindparam("b_id"),
            _table.c.attempts == bindparam("b_attempts"),
            _table.c.status == InboxStatus.PENDING,
        )
        .values(lease_until=None, attempts=_table.c.attempts - 1)
    )
    params = [{"b_id": row.update_id, "b_attempts": row.attempts} for row in taken]
    await (await session.connection()).execute(statement, params)


async def extend(session: AsyncSession, taken: Sequence[Taken], until: datetime) -> None:
    """Keep the leases of rows whose handlers are still running (a long flood wait, a slow
    answer): no other worker, here or in another process, may take them meanwhile. A row
    another worker has taken since (its attempts moved on) is left alone."""
    if not taken:
        return
    statement = (
        update(_table)
        .where(
            _table.c.update_id == bindparam("b_id"),
            _table.c.attempts == bindparam("b_attempts"),
            _table.c.status == InboxStatus.PENDING,
        )
        .values(lease_until=bindparam("until"))
    )
    params = [{"b_id": row.update_id, "b_attempts": row.attempts, "until": until} for row in taken]
    await (await session.connection()).execute(statement, params)


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
