"""A rate limit shared by every bot process on one PostgreSQL: one row per limit.

The row holds `next_at`, the first instant nobody has reserved yet (a virtual schedule, the
"generic cell rate algorithm"). Reserving `n` slots is one atomic statement that moves it on
by `n / rate` seconds from `max(next_at, now())` and returns where the reserved block ends.
The row lock lasts for that one statement's transaction only, so processes never wait on each
other for longer than a single UPDATE, there is no leader to elect or lose, and a process
that dies holds nothing: at worst the slots it reserved go unused. Time is the database's
`now()`, so the processes' clocks need not agree. An idle limit restarts from `now()`: no
burst after a quiet spell, the same evenly spaced sends as the in-process bucket.

Each process asks for as many slots as it has senders waiting (up to one second's worth), so
a process sending at the full rate costs a few statements a second, not one per message.
SQLite means one process by design: there the in-process bucket is enough and this is unused.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from sqlalchemy import Float, String, bindparam, text
from sqlalchemy.ext.asyncio import AsyncEngine

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

REMINDERS = "reminders"
"""The limit every unprompted message (reminders, weekly summaries) goes through."""

_RESERVE = text(
    """
    INSERT INTO rate_limits (name, next_at)
    VALUES (:name, now() + make_interval(secs => :span))
    ON CONFLICT (name) DO UPDATE
        SET next_at = GREATEST(rate_limits.next_at, now()) + make_interval(secs => :span)
    RETURNING CAST(EXTRACT(EPOCH FROM (rate_limits.next_at - now())) AS DOUBLE PRECISION)
    """
).bindparams(bindparam("name", type_=String()), bindparam("span", type_=Float()))


class SharedBucket:
    """`rate` slots per second for all processes using the same `name` on one database."""

    def __init__(
        self,
        engine: AsyncEngine,
        rate: float,
        *,
        name: str = REMINDERS,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self._engine = engine
        self._name = name
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._slots: deque[float] = deque()
        """Reserved slots of this process not handed out yet, as local monotonic instants."""
        self._waiting = 0
        self._most = max(int(rate), 1)

    async def acquire(self) -> None:
        """Wait for this process's next reserved slot, reserving more when none is left."""
        if self.rate <= 0:
            return
        self._waiting += 1
        try:
            async with self._lock:
                if not self._slots:
                    await self._reserve(min(self._waiting, self._most))
                slot = self._slots.popleft()
        finally:
            self._waiting -= 1
        delay = slot - self._monotonic()
        if delay > 0:
            await self._sleep(delay)

    async def _reserve(self, count: int) -> None:
        span = count / self.rate
        async with self._engine.begin() as connection:
            ends_in = float(
                (
                    await connection.execute(_RESERVE, {"name": self._name, "span": span})
                ).scalar_one()
            )
        first = self._monotonic() + ends_in - span
        self._slots.extend(first + index / self.rate for index in range(count))


def shared_bucket(engine: AsyncEngine, rate: float) -> SharedBucket | None:
    """The reminders' limit shared through PostgreSQL; None on SQLite (one process)."""
    if engine.dialect.name != "postgresql" or rate <= 0:
        return None
    return SharedBucket(engine, rate)
