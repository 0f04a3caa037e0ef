"""Benchmark: FootBot in webhook mode with 1, 2 and 3 processes on one PostgreSQL.

Run with ``python tests/bench/bench_replicas.py`` (PostgreSQL required:
``FOOTBOT_TEST_POSTGRES_URL``). Five parts; all but part 4 against one sandbox server:

1. The echo bot beside it: ``bench_presses.py``'s PTB echo bot with FootBot's messages, polling,
   under the same closed-loop load (PEOPLE people alternating Next and Back, each pressing again
   once the answer and the edit arrived; latency timed inside the server).
2. The inbox's own cost on PostgreSQL: ``bench_inbox.py``'s bot polling with the inbox and with
   PTB's Updater (no inbox), same load; the difference in the bot's CPU per press is the inbox's.
3. Webhook mode, 1, 2 and 3 replicas (``python -m bot run --webhook``, each on its own PORT)
   behind the sandbox's round-robin delivery: presses/s, p50/p99, CPU ms per press of all
   replicas together and of the server.
4. The inbox alone on PostgreSQL (``--parts alone``, in this process, no handlers, no
   server): each update stored and leased in one transaction, settled in the next, as the
   webhook path does; the process's CPU per update is the inbox's own cost with no load noise
   from a bot or a server (``--profile`` prints where it goes, by cProfile).
5. The full multi-process proof: 200 people tapping through walkthroughs plus 10,000 due
   reminders on three replicas, then the same with one replica SIGKILLed mid-way (the scenario
   of ``tests/telegram/test_replicas_e2e.py``, which runs it scaled down).

Parts 1-3 run the server in its own process (``_harness.sandbox_server``); part 5 runs it in
this process, because its checks read the server's world directly.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from _harness import ROOT, bot_child, cpu_seconds, sandbox_server, wait_for_server
from bench_presses import (
    DEFAULT_POSTGRES_URL,
    Result,
    _fill_database,
    _open,
    _postgres,
    _run,
)
from bench_presses import TOKEN as CHILD_TOKEN
from sqlalchemy import text

from tests.telegram.replicas import (
    TOKEN,
    Plan,
    Replica,
    add_subscribers,
    not_due_soon,
    run_scenario,
    start_replica,
    stop_replicas,
    wait_listening,
)

PEOPLE = 20
WARM_UP = 300
PRESSES = 2_000
PROCESS_COUNTS = (1, 2, 3)
FULL = Plan(people=200, presses=10, reminders=10_000)
INBOX_COST_GOAL_MS = 1.0


@contextmanager
def postgres_database(tag: str) -> Iterator[str]:
    base = os.environ.get("FOOTBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"footbot_bench_{tag}_{os.getpid()}"
    asyncio.run(_postgres(base, f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_postgres(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def closed_loop(
    url: str, users: range, warm_up: int, presses: int, pids: dict[str, list[int]]
) -> Result:
    """People open /today, warm up, then press; CPU ms per press per group of processes."""
    connector = aiohttp.TCPConnector(limit=len(users) + 4)
    async with aiohttp.ClientSession(connector=connector) as session:
        await wait_for_server(session, url)
        people = await asyncio.gather(*(_open(session, url, u, "/today") for u in users))
        await _run(session, url, people, warm_up)
        before = {name: sum(cpu_seconds(p) for p in group) for name, group in pids.items()}
        result = await _run(session, url, people, presses)
        result.cpu_ms = {
            name: (sum(cpu_seconds(p) for p in group) - before[name]) * 1000 / presses
            for name, group in pids.items()
        }
        return result


def line(label: str, result: Result) -> str:
    cpu = ", ".join(f"{name} {ms:.2f}" for name, ms in result.cpu_ms.items())
    return (
        f"{label}: {result.per_second:.0f} presses/s, p50 {result.percentile(0.5):.1f} ms, "
        f"p99 {result.percentile(0.99):.1f} ms; CPU ms per press: {cpu}"
    )


def part_polling(url: str, server: int, people: int, warm_up: int, presses: int) -> None:
    """The echo bot, then FootBot polling with and without the inbox, on PostgreSQL."""
    bench = Path(__file__).resolve().parent
    first = 700_001
    with tempfile.TemporaryDirectory() as folder:
        sqlite = f"sqlite+aiosqlite:///{Path(folder) / 'echo.db'}"
        with bot_child(str(bench / "bench_presses.py"), "echo-same-size", url, sqlite) as bot:
            users = range(first, first + people)
            pids = {"bot": [bot], "server": [server]}
            echo = asyncio.run(closed_loop(url, users, warm_up, presses, pids))
        print(line("echo bot, FootBot's messages (polling)", echo), flush=True)
    costs = {}
    for run, variant in enumerate(("inbox", "updater"), start=1):
        users = range(first + run * 10_000, first + run * 10_000 + people)
        with postgres_database(variant) as database:
            asyncio.run(_fill_database(database, users))
            with bot_child(str(bench / "bench_inbox.py"), variant, url, database) as bot:
                pids = {"bot": [bot], "server": [server]}
                costs[variant] = asyncio.run(closed_loop(url, users, warm_up, presses, pids))
        print(line(f"footbot polling, PostgreSQL, {variant}", costs[variant]), flush=True)
    cost = costs["inbox"].cpu_ms["bot"] - costs["updater"].cpu_ms["bot"]
    verdict = "met" if cost < INBOX_COST_GOAL_MS else "MISSED"
    print(
        f"the inbox's own CPU on PostgreSQL: {cost:.2f} ms per update "
        f"(goal < {INBOX_COST_GOAL_MS:.0f} ms: {verdict}); "
        f"FootBot/echo CPU per press {costs['inbox'].cpu_ms['bot'] / echo.cpu_ms['bot']:.1f}x",
        flush=True,
    )


def part_webhook(url: str, server: int, people: int, warm_up: int, presses: int) -> None:
    """1, 2 and 3 webhook replicas behind the server's round-robin."""
    for count in PROCESS_COUNTS:
        first = 800_001 + count * 10_000
        users = range(first, first + people)
        with postgres_database(f"webhook{count}") as database, tempfile.TemporaryDirectory() as d:
            asyncio.run(_prepare(database, users))
            replicas = [start_replica(url, database, Path(d)) for _ in range(count)]
            try:
                asyncio.run(_targets(url, replicas))
                pids = {"bots": [r.process.pid for r in replicas], "server": [server]}
                result = asyncio.run(closed_loop(url, users, warm_up, presses, pids))
            finally:
                stop_replicas(replicas)
            asyncio.run(_targets(url, []))
        print(line(f"footbot webhook, PostgreSQL, {count} process(es)", result), flush=True)


async def _prepare(database: str, users: range) -> None:
    from bot.storage.database import create_engine, create_session_factory
    from bot.storage.migrate import upgrade

    engine = create_engine(database)
    await upgrade(engine)
    now = datetime.now(UTC)
    await add_subscribers(create_session_factory(engine), users, now, due=not_due_soon(now))
    await engine.dispose()


async def _targets(url: str, replicas: list[Replica]) -> None:
    """Point the server's webhook delivery at the replicas ([]: back to polling)."""
    from bot.sandbox.client import SandboxClient

    async with SandboxClient(url) as client:
        if replicas:
            await wait_listening(replicas)
            await client.set_webhook_targets([r.url for r in replicas])
            return
        await client.set_webhook_targets([])
    async with aiohttp.ClientSession() as session:
        for token in (TOKEN, CHILD_TOKEN):
            async with session.post(f"{url}/bot{token}/deleteWebhook") as response:
                await response.read()


def part_full(kill: bool) -> None:
    """200 people and 10,000 due reminders on three replicas (one killed mid-way with `kill`)."""
    tag = "kill" if kill else "full"
    with postgres_database(tag) as database, tempfile.TemporaryDirectory() as folder:
        asyncio.run(_full(database, Path(folder), kill))


async def _full(database: str, folder: Path, kill: bool) -> None:
    from bot.sandbox.client import SandboxClient
    from bot.sandbox.server import SandboxServer
    from bot.storage.database import create_engine, create_session_factory
    from bot.storage.migrate import upgrade

    engine = create_engine(database)
    await upgrade(engine)
    async with SandboxServer() as sandbox, SandboxClient(sandbox.url) as client:
        plan = replace(FULL, kill=kill)
        sessions = create_session_factory(engine)
        outcome = await run_scenario(plan, sandbox, client, database, sessions, folder)
    await engine.dispose()
    print(outcome.describe(), flush=True)


def part_alone(updates: int, profile: bool) -> None:
    """The inbox's use cases alone, in this process: CPU per update (receive+take, settle)."""
    with postgres_database("alone") as database:
        asyncio.run(_alone(database, 200))  # warm up: statement caches, connections
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
        cpu, wall = asyncio.run(_alone(database, updates))
        if profile:
            profiler.disable()
            order = os.environ.get("BENCH_SORT", "cumulative")
            pstats.Stats(profiler).sort_stats(order).print_stats(40)
    print(
        f"the inbox alone on PostgreSQL ({updates} updates, one at a time, no batching): "
        f"{cpu:.3f} ms of CPU per update, {wall:.2f} ms wall per update",
        flush=True,
    )


async def _alone(database: str, updates: int) -> tuple[float, float]:
    import time

    from bot.storage.database import create_engine, create_session_factory
    from bot.storage.migrate import upgrade
    from bot.usecases import inbox

    engine = create_engine(database)
    await upgrade(engine)
    sessions = create_session_factory(engine, observer=lambda tallies: None)
    lease = timedelta(seconds=60)
    async with engine.begin() as connection:
        first = await connection.scalar(
            text("SELECT coalesce(max(update_id), 0) + 1 FROM inbox_updates")
        )
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for number in range(first, first + updates):
        now = datetime.now(UTC)
        received = await inbox.receive(sessions, [_press(number)], now, lease=lease, take=8)
        finished = [inbox.Attempt(taken) for taken in received.taken]
        await inbox.settle_and_take(
            sessions,
            finished,
            now,
            lease=lease,
            limit=8 - len(received.taken) + len(finished),
            max_attempts=5,
            retry_delay=timedelta(seconds=10),
        )
        assert len(finished) == 1, "each update runs at once"
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started_wall
    await engine.dispose()
    return cpu * 1000 / updates, wall * 1000 / updates


def _press(update_id: int) -> dict[str, object]:
    """A button press as Telegram sends it (20 people take turns)."""
    user = {"id": 900_000 + update_id % 20, "is_bot": False, "first_name": "Bench"}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user,
            "chat_instance": "1",
            "data": "walk:next",
            "message": {
                "message_id": 7,
                "date": 1_700_000_000,
                "chat": {"id": user["id"], "type": "private"},
                "text": "Step 1",
            },
        },
    }


def main(people: int, warm_up: int, presses: int, parts: set[str], profile: bool) -> None:
    os.chdir(ROOT)
    try:
        with postgres_database("probe"):
            pass
    except (OSError, ImportError) as error:
        print(f"bench_replicas: PostgreSQL needed, skipped: {error}")
        return
    if parts & {"polling", "webhook"}:
        with sandbox_server() as (url, server):
            if "polling" in parts:
                part_polling(url, server, people, warm_up, presses)
            if "webhook" in parts:
                part_webhook(url, server, people, warm_up, presses)
    if "alone" in parts:
        part_alone(presses, profile)
    if "full" in parts:
        part_full(kill=False)
        part_full(kill=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--warm-up", type=int, default=WARM_UP)
    parser.add_argument("--presses", type=int, default=PRESSES)
    parser.add_argument(
        "--parts",
        default="polling,webhook,alone,full",
        help="comma-separated: polling,webhook,alone,full",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the 'alone' part")
    arguments = parser.parse_args()
    main(
        arguments.people,
        arguments.warm_up,
        arguments.presses,
        set(arguments.parts.split(",")),
        arguments.profile,
    )
