"""Three webhook processes on one PostgreSQL behind the sandbox's round-robin delivery.

Scaled down for CI on two cores (30 people, 600 due reminders); `tests/bench/bench_replicas.py`
runs the full 200 people and 10,000 reminders with the same code. Assertions come from the
database (inbox rows, delivery rows) and from the sandbox's record of what each chat got.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory, create_engine, create_session_factory
from bot.storage.migrate import upgrade
from tests.telegram.replicas import Plan, run_scenario

PEOPLE = 30
PRESSES = 6
REMINDERS = 600
LEASE_SECONDS = 10


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
    plan = Plan(PEOPLE, PRESSES, REMINDERS, kill=kill, lease_seconds=LEASE_SECONDS)
    outcome = await run_scenario(plan, sandbox, client, postgres_url, sessions, tmp_path)
    print(outcome.describe())
    inbox, states, seen, tally = outcome.inbox, outcome.states, outcome.seen, outcome.tally
    # Nothing lost: every update stored and done, every press answered, every reminder sent.
    assert inbox.rows == len(tally.update_ids) == inbox.done, inbox
    assert inbox.parked == 0
    assert seen.lost_presses == 0
    assert seen.reminders_missed == 0
    assert states["sent"] == REMINDERS and states["extra"] == 0, states
    # Per-chat order: each person's typed commands answered in the order typed.
    assert seen.bursts_out_of_order == 0
    spread = outcome.spread
    if not kill:
        assert inbox.retried == 0
        assert seen.double_answers == seen.burst_doubles == seen.reminders_doubled == 0
        assert seen.extra_screens == seen.extra_edits == 0
        assert tally.refused == 0
        assert outcome.exit_codes == [0, 0, 0]
        assert not outcome.errors, outcome.errors
        assert spread is not None and all(n > 0 for n in spread["delivered"].values())
        return
    # One killed: doubles only for what it held when it died, re-run once its lease ran out.
    assert outcome.exit_codes[0] == -9 and outcome.exit_codes[1:] == [0, 0]
    assert seen.double_answers + seen.burst_doubles <= inbox.retried
    # A press re-run after the lease is stale: it re-sends the current screen, and the person's
    # next press, on the screen that is no longer current, is answered the same way.
    assert seen.extra_screens <= 2 * inbox.retried
    assert seen.extra_edits <= inbox.retried
    # A reminder doubles only when the victim had sent it without marking it: at most what it
    # had claimed (ticks claim REMINDER_BATCH at a time), re-sent once its lease ran out.
    assert seen.reminders_doubled <= 2 * plan.batch
    assert all(gap <= LEASE_SECONDS + 5 for gap in seen.double_gaps)
