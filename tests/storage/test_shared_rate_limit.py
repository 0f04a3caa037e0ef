"""The reminders' rate limit holds for all processes together on one PostgreSQL.

Two limiters on two engines (as two processes would have), then two real processes, take
slots from one row as fast as they can: together they stay at the rate. Released claims (a
process stopping) are due again at once, not after their lease.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select

from bot.storage import deliveries
from bot.storage.database import create_engine, create_session_factory
from bot.storage.deliveries import DeliveryState, Limits
from bot.storage.migrate import upgrade
from bot.storage.models import Delivery
from bot.storage.ratelimit import SharedBucket, shared_bucket
from bot.usecases.deliveries import Report, SendOutcome, claim_reminders, record_sends
from tests.storage.subscribers import subscribe
from tests.storage.test_reminders import DUE, SIGNED_UP

RATE = 20
EACH = 30
JITTER = 0.12
"""Seconds of slack for the event loop waking late on a busy two-core machine."""


def assert_within_rate(stamps: Sequence[float], rate: int, jitter: float = JITTER) -> None:
    """No `rate + 1` sends inside any second (less the jitter): the limit held."""
    ordered = sorted(stamps)
    spans = [ordered[i + rate] - ordered[i] for i in range(len(ordered) - rate)]
    assert min(spans) >= 1.0 - jitter, f"{rate + 1} sends within {min(spans):.3f} s"
    whole = ordered[-1] - ordered[0]
    assert whole >= (len(ordered) - 1) / rate - jitter, whole


async def _take(bucket: SharedBucket, count: int) -> list[float]:
    async def one() -> float:
        await bucket.acquire()
        return time.monotonic()

    return list(await asyncio.gather(*(one() for _ in range(count))))


async def test_two_limiters_on_two_engines_share_one_rate(postgres_url: str) -> None:
    first, second = create_engine(postgres_url), create_engine(postgres_url)
    try:
        await upgrade(first)
        a, b = SharedBucket(first, RATE), SharedBucket(second, RATE)
        started = time.monotonic()
        stamps_a, stamps_b = await asyncio.gather(_take(a, EACH), _take(b, EACH))
        took = time.monotonic() - started
    finally:
        await first.dispose()
        await second.dispose()
    assert_within_rate([*stamps_a, *stamps_b], RATE)
    # Neither process starved the other, and together they did not go slower than the rate.
    assert took < 2 * EACH / RATE + 1.0
    assert max(stamps_a) - started > 0.5 * EACH / RATE
    assert max(stamps_b) - started > 0.5 * EACH / RATE


_PROCESS = """
import asyncio, json, sys, time
from bot.storage.database import create_engine
from bot.storage.ratelimit import SharedBucket

async def main():
    engine = create_engine(sys.argv[1])
    bucket = SharedBucket(engine, int(sys.argv[2]))
    start_at = float(sys.argv[4])
    await asyncio.sleep(max(start_at - time.time(), 0))
    async def one():
        await bucket.acquire()
        return time.time()
    stamps = await asyncio.gather(*(one() for _ in range(int(sys.argv[3]))))
    await engine.dispose()
    print(json.dumps(stamps))

asyncio.run(main())
"""


async def test_two_real_processes_share_one_rate(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    start_at = str(time.time() + 3.0)  # both have imported everything by then
    args = [sys.executable, "-c", _PROCESS, postgres_url, str(RATE), str(EACH), start_at]
    processes = [
        await asyncio.create_subprocess_exec(*args, stdout=subprocess.PIPE) for _ in range(2)
    ]
    outputs = await asyncio.gather(*(p.communicate() for p in processes))
    assert [p.returncode for p in processes] == [0, 0]
    stamps = [stamp for out, _ in outputs for stamp in json.loads(out)]
    assert len(stamps) == 2 * EACH
    assert_within_rate(stamps, RATE)


async def test_sqlite_keeps_the_in_process_limit(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        assert shared_bucket(engine, RATE) is None
    finally:
        await engine.dispose()


async def test_no_limit_means_no_database_round_trip(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        assert shared_bucket(engine, 0) is None
        await SharedBucket(engine, 0).acquire()  # no table needed: returns at once
    finally:
        await engine.dispose()


async def test_released_claims_are_due_again_at_once(database_url: str) -> None:
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)
    limits = Limits(batch=10, catchup=timedelta(hours=2), lease=timedelta(minutes=5))
    try:
        await upgrade(engine)
        for user_id in (1, 2):
            await subscribe(sessions, user_id, SIGNED_UP)
        now = DUE + timedelta(seconds=1)
        first = await claim_reminders(sessions, now, limits)
        assert len(first.due) == 2
        sent, released = first.due
        await record_sends(
            sessions,
            now,
            [
                Report(sent.delivery_id, sent.user_id, SendOutcome.SENT, message_id=7),
                Report(released.delivery_id, released.user_id, SendOutcome.RELEASED),
            ],
        )
        # Well inside the five-minute lease, another process's claim takes it.
        again = await claim_reminders(sessions, now + timedelta(seconds=1), limits)
        assert [due.delivery_id for due in again.due] == [released.delivery_id]
        async with sessions() as session:
            states = dict((await session.execute(select(Delivery.id, Delivery.state))).all())
        assert states == {sent.delivery_id: DeliveryState.SENT, released.delivery_id: "claimed"}
        assert deliveries.DeliveryState.CLAIMED == "claimed"
    finally:
        await engine.dispose()
