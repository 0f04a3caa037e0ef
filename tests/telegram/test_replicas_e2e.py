"""Three webhook processes on one PostgreSQL behind the sandbox's round-robin delivery.

Scaled down for CI on two cores (30 people, 600 due reminders); `tests/bench/bench_replicas.py`
runs the full 200 people and 10,000 reminders with the same code. Assertions come from the
database (inbox rows, delivery rows) and from the sandbox's record of what each chat got.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory, create_engine, create_session_factory
from bot.storage.migrate import upgrade
from tests.telegram.replicas import (
    Crowd,
    Replica,
    Tally,
    add_subscribers,
    delivery_states,
    inbox_figures,
    not_due_soon,
    now_utc,
    read_world,
    start_replica,
    stop_replicas,
    wait_listening,
)

PEOPLE = 30
PRESSES = 6
REMINDERS = 600
FIRST_PERSON = 500_001
FIRST_REMINDED = 600_001
LEASE_SECONDS = 10
REPLICA_ENV = {
    "REMINDER_TICK_SECONDS": "0.5",
    "REMINDER_RATE": "0",  # no shared limiter yet: one process's limit would not hold for three
    "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
    "INBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    "INBOX_IDLE_SECONDS": "0.5",
    "REMINDER_BATCH": "50",  # small claims, so that every replica takes a share
}


@pytest.fixture
async def sessions(postgres_url: str) -> AsyncIterator[SessionFactory]:
    engine = create_engine(postgres_url)
    await upgrade(engine)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.mark.parametrize("kill", [False, True], ids=["all-alive", "one-killed"])
async def test_three_replicas_lose_nothing_and_handle_everything_once(
    kill: bool,
    sandbox: SandboxServer,
    client: SandboxClient,
    postgres_url: str,
    sessions: SessionFactory,
    tmp_path: Path,
) -> None:
    now = now_utc()
    people = range(FIRST_PERSON, FIRST_PERSON + PEOPLE)
    reminded = range(FIRST_REMINDED, FIRST_REMINDED + REMINDERS)
    await add_subscribers(sessions, people, now, due=not_due_soon(now))
    for user_id in reminded:
        sandbox.world.add_user(user_id)
    replicas = [start_replica(sandbox.url, postgres_url, tmp_path, **REPLICA_ENV) for _ in range(3)]
    killed: Replica | None = None
    try:
        await wait_listening(replicas)
        await client.set_webhook_targets([r.url for r in replicas])
        tally = Tally()
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=PEOPLE + 8)) as http:
            crowd = Crowd(http, sandbox.url, tally)
            rng = random.Random(11)
            load = asyncio.gather(*(crowd.person(u, PRESSES, rng) for u in people))
            if kill:
                # Mid-way, with reminders falling due and every Bot API answer late (the
                # call is done, its response stalls), so the victim dies holding inbox rows
                # and claimed reminders whose sends went out but were never marked.
                killed = replicas[0]
                await _when(lambda: tally.presses >= PEOPLE * PRESSES // 3)
                await add_subscribers(sessions, reminded, now, due=now - timedelta(minutes=1))
                await client.add_fault(delay_after=0.3, seconds=4)
                await asyncio.sleep(1.5)
                killed.process.kill()
            else:
                await add_subscribers(sessions, reminded, now, due=now - timedelta(minutes=1))
            await asyncio.wait_for(load, 120)
        await _when_all_settled(sessions, sandbox, tally, reminded)
        inbox = await inbox_figures(sessions)
        states = await delivery_states(sessions, reminded)
        seen = read_world(sandbox, tally, reminded)
    finally:
        codes = stop_replicas(replicas)
    spread = await client.webhook_targets()
    print(
        f"\nreplicas{' (one killed)' if kill else ''}: {len(tally.update_ids)} updates, "
        f"{tally.presses} presses, {REMINDERS} reminders; inbox {inbox}; deliveries "
        f"{dict(states)}; sandbox {seen}; refused presses {tally.refused}; spread {spread}; "
        f"logs {[r.log_summary() for r in replicas]}"
    )
    for replica in replicas:
        if replica.log_summary().get("ERROR"):
            print(replica.tail(60))
    # Nothing lost: every update stored and done, every press answered, every reminder sent.
    assert inbox.rows == len(tally.update_ids) == inbox.done, inbox
    assert inbox.parked == 0
    assert seen.lost_presses == 0
    assert seen.reminders_missed == 0
    assert states["sent"] == REMINDERS and states["extra"] == 0, states
    # Per-chat order: each person's typed commands answered in the order typed.
    assert seen.bursts_out_of_order == 0
    if not kill:
        assert inbox.retried == 0
        assert seen.double_answers == seen.burst_doubles == seen.reminders_doubled == 0
        assert tally.refused == 0
        assert codes == [0, 0, 0]
        assert spread is not None and all(n > 0 for n in spread["delivered"].values())
        return
    # One killed: doubles only for what it held when it died, re-run once its lease ran out.
    assert codes[0] == -9 and codes[1:] == [0, 0]
    doubles = seen.double_answers + seen.burst_doubles + seen.reminders_doubled
    print(
        f"after SIGKILL: {inbox.retried} inbox rows retried after the {LEASE_SECONDS} s lease, "
        f"{doubles} doubled effects ({seen.double_answers} press answers, "
        f"{seen.burst_doubles} command answers, {seen.reminders_doubled} reminders; gaps "
        f"{sorted(set(seen.double_gaps))} s)"
    )
    assert seen.double_answers + seen.burst_doubles <= inbox.retried
    assert all(gap <= LEASE_SECONDS + 5 for gap in seen.double_gaps)


async def _when(condition: object, seconds: float = 60) -> None:
    assert callable(condition)
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the load did not get far enough")


async def _when_all_settled(
    sessions: SessionFactory, sandbox: SandboxServer, tally: Tally, reminded: range
) -> None:
    """Wait for the inbox to drain and every reminder to be marked (leases included)."""
    for _ in range(int(60 / 0.25)):
        inbox = await inbox_figures(sessions)
        states = await delivery_states(sessions, reminded)
        if (
            inbox.rows >= len(tally.update_ids)
            and inbox.done + inbox.parked == inbox.rows
            and states["sent"] + states["failed"] >= len(reminded)
            and not sandbox.world.updates.pending_count
        ):
            await asyncio.sleep(0.5)  # answers of the last settled rows reach the sandbox
            return
        await asyncio.sleep(0.25)
