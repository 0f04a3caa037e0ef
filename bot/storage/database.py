"""Engine and session factory for SQLite and PostgreSQL.

SQLite needs three adjustments to behave like a real server for this bot: foreign keys are off
by default (cascading deletes would silently do nothing); concurrent writers need a busy
timeout instead of failing at once; and transactions must take the write lock when they begin
(BEGIN IMMEDIATE), because a read transaction that later tries to write fails at once, without
waiting, if another writer committed in between. One process per SQLite file is the rule, so
serialising transactions costs little; the pool holds a single connection so that waiting
transactions queue fairly in the pool (first come, first served) instead of polling in
SQLite's busy handler, whose back-off let some presses wait seconds under load. The price
is a rule for callers: never wait for the network, or open a second session, while a session
is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Executable, event
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry

from bot.storage.tallies import Tally

SessionFactory = async_sessionmaker[AsyncSession]

_OBSERVER = "footbot.observer"
_PENDING = "footbot.tally"


Observer = Callable[[Sequence[Tally]], None]
"""Told what a transaction applied, once it has committed (the operator's metrics)."""


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url,
            connect_args={"timeout": 30},
            poolclass=AsyncAdaptedQueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=60,
            **kwargs,
        )
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        event.listen(engine.sync_engine, "begin", _begin_immediate)
        return engine
    # Recycling old connections instead of pinging before every checkout: a ping is one more
    # round trip on every button press. A pool big enough for a burst of concurrent handlers:
    # overflow connections are closed on return, and opening one costs more than the query.
    return create_async_engine(url, pool_size=20, max_overflow=10, pool_recycle=1800, **kwargs)


def create_session_factory(engine: AsyncEngine, observer: Observer | None = None) -> SessionFactory:
    """Sessions; with `observer`, what storage notes with `count_event` reaches it on commit."""
    info = {_OBSERVER: observer} if observer is not None else None
    return async_sessionmaker(engine, expire_on_commit=False, info=info)


def count_event(session: AsyncSession, name: str, *labels: str, value: float = 1.0) -> None:
    """Note an event of this transaction: counted when (and only if) it commits, so a rolled
    back claim or a handler retried after a failure is never counted twice."""
    if observed(session):
        session.info.setdefault(_PENDING, []).append(Tally(name, labels, value))


def observed(session: AsyncSession) -> bool:
    """Whether `count_event` counts anything here (skip queries made only for the figures)."""
    return session.info.get(_OBSERVER) is not None


@event.listens_for(Session, "after_commit")
def _report_committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    observer = session.info.get(_OBSERVER)
    if pending and observer is not None:
        observer(pending)


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


async def affected_rows(session: AsyncSession, statement: Executable) -> int:
    """Run an UPDATE or DELETE (without RETURNING) and say how many rows it touched.

    For such statements the session returns a CursorResult, which has `rowcount`, but
    `AsyncSession.execute` is typed as returning a plain Result: the cast says so once, here.
    """
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount


# The DBAPI connection is aiosqlite's adapter, which SQLAlchemy types only as a protocol that
# lacks `isolation_level`: Any is the honest type here.
def _configure_sqlite(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin_immediate).
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
