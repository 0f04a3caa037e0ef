"""Benchmark: the morning peak of the reminder engine, through the real sending path.

Run with ``python tests/bench/bench_reminders.py``. It prints its figures; the targets are
at least 1,000 reminders/s through claim + render + send with the rate limiter off, resident
memory under 150 MB that does not grow with the number of subscribers, and at least 97% of
25 messages/s with the limiter on.

Layout: the local Bot API server runs in its own process (so bot and server use two cores),
the database files are filled by this parent process with bulk inserts, and each measured run
is a fresh child process, so its peak memory (VmHWM) belongs to that run alone. A child builds
the real Application (PTB's Bot, the Sender, the settings) and calls the reminder tick once
with a clock set to the due minute; the tick claims, renders, sends over HTTP and marks sent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
from _harness import ROOT, sandbox_server, wait_for_server
from sqlalchemy import create_engine, insert, select

TOKEN = "123456:BENCH-footbot-token-0123456789"
DUE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "UTC")
RUNS = (
    # (label, subscribers, due, rate)
    ("10k subscribers, 10k due, limiter off", 10_000, 10_000, 0.0),
    ("100k subscribers, 10k due, limiter off", 100_000, 10_000, 0.0),
    ("limiter at 25/s, 250 due", 1_000, 250, 25.0),
)
SANDBOX_USERS = 10_000


# --- the parent: server process, database files, child runs ------------------------------------


def main() -> None:
    with sandbox_server() as (url, _pid):
        asyncio.run(_prepare_sandbox(url))
        with tempfile.TemporaryDirectory() as folder:
            results = []
            for label, subscribers, due, rate in RUNS:
                path = Path(folder) / f"bench-{subscribers}-{due}.db"
                started = time.perf_counter()
                _fill_database(path, subscribers, due)
                filled = time.perf_counter() - started
                result = _child(url, path, rate)
                result.update(label=label, subscribers=subscribers, due=due, fill_s=filled)
                results.append(result)
                _print_run(result)
            _print_summary(results)


async def _prepare_sandbox(url: str) -> None:
    """Wait for the server, then create the people the reminders go to."""
    async with aiohttp.ClientSession() as session:
        await wait_for_server(session, url)
        limit = asyncio.Semaphore(64)

        async def create(user_id: int) -> None:
            async with (
                limit,
                session.post(
                    f"{url}/sandbox/users", json={"id": user_id, "first_name": f"Person {user_id}"}
                ) as response,
            ):
                response.raise_for_status()

        await asyncio.gather(*(create(user_id) for user_id in range(1, SANDBOX_USERS + 1)))


def _fill_database(path: Path, subscribers: int, due: int) -> None:
    """Schema by the real migrations, rows by bulk insert: `due` people due in one minute."""
    from bot.storage.database import create_engine as create_async_engine
    from bot.storage.migrate import upgrade
    from bot.storage.models import Subscription, User

    async def migrate() -> None:
        engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(migrate())
    rng = random.Random(7)
    created = DUE - timedelta(days=30)
    users, subscriptions = [], []
    for user_id in range(1, subscribers + 1):
        zone = ZONES[user_id % len(ZONES)]
        # The due ones all at the same minute (reminder times are whole minutes, so this is
        # what a popular 08:00 looks like); the rest spread over the coming day.
        offset = timedelta(0) if user_id <= due else timedelta(minutes=rng.randrange(1, 1440))
        next_due = DUE + offset
        local = next_due.astimezone(ZoneInfo(zone))
        users.append({"id": user_id, "first_name": f"Person {user_id}", "language": "en"})
        subscriptions.append(
            {
                "user_id": user_id,
                "status": "active",
                "editing": False,
                "safety_flags": [],
                "complaints": ["heel_pain"],
                "equipment": ["chair"],
                "reminder_minute": local.hour * 60 + local.minute,
                "time_zone": zone,
                "weekdays": 0b1111111,
                "session_minutes": 10,
                "next_due_at": next_due,
                "created_at": created,
                "updated_at": created,
            }
        )
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), users)
        connection.execute(insert(Subscription.__table__), subscriptions)
        count = connection.execute(select(Subscription.user_id).limit(1)).all()
        assert count
    engine.dispose()


def _child(url: str, path: Path, rate: float) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", url, str(path), str(rate)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def _print_run(result: dict) -> None:
    print(f"\n== {result['label']} ==")
    print(f"  database filled in {result['fill_s']:.1f} s (not timed)")
    print(
        f"  sent {result['sent']} of {result['due']} in {result['seconds']:.2f} s: "
        f"{result['per_second']:,.0f} reminders/s (claim + render + send + mark sent)"
    )
    print(
        f"  RSS: {result['rss_start_mb']:.1f} MB before the tick, "
        f"{result['rss_end_mb']:.1f} MB after, peak {result['peak_mb']:.1f} MB "
        f"(VmHWM of the tick's process; ru_maxrss {result['maxrss_mb']:.1f} MB also counts the "
        "parent's pages at fork and the call log read afterwards)"
    )
    if result["rate"]:
        print(
            f"  limiter {result['rate']:.0f}/s: achieved {result['server_rate']:.2f}/s between "
            f"first and last send ({result['server_rate'] / result['rate']:.1%} of the limit), "
            f"{result['per_second']:.2f}/s over the whole tick "
            f"({result['per_second'] / result['rate']:.1%})"
        )


def _print_summary(results: list[dict]) -> None:
    small, large, limited = results
    print("\n== summary ==")
    print(f"  throughput (100k subscribers, 10k due): {large['per_second']:,.0f} reminders/s")
    print(
        f"  peak RSS: {small['peak_mb']:.1f} MB with 10k subscribers, "
        f"{large['peak_mb']:.1f} MB with 100k subscribers"
    )
    print(
        f"  rate limit: {limited['server_rate']:.2f}/s of {limited['rate']:.0f}/s "
        f"({limited['server_rate'] / limited['rate']:.1%})"
    )


# --- a child: one measured tick ------------------------------------------------------------------


def child(url: str, path: str, rate: float) -> None:
    result = asyncio.run(_measure(url, path, rate))
    print(json.dumps(result))


async def _measure(url: str, path: str, rate: float) -> dict:
    import logging

    from sqlalchemy import func
    from telegram.ext import CallbackContext

    from bot.app import create_application
    from bot.config import load_settings
    from bot.storage.models import Delivery
    from bot.telegram import reminders

    logging.basicConfig(level=logging.ERROR)
    settings = load_settings(
        _env_file=None,
        TELEGRAM_API_URL=url,
        DATABASE_URL=f"sqlite+aiosqlite:///{path}",
        TELEGRAM_BOT_TOKEN=TOKEN,
        REMINDER_RATE=rate,
    )
    application = create_application(settings, TOKEN, clock=lambda: DUE + timedelta(seconds=30))
    services = application.bot_data["services"]
    async with aiohttp.ClientSession() as control:
        async with control.delete(f"{url}/sandbox/calls"):
            pass
        async with application:
            rss_start = _rss_mb("VmRSS")
            started = time.perf_counter()
            await reminders.tick(CallbackContext(application))
            seconds = time.perf_counter() - started
            rss_end = _rss_mb("VmRSS")
            peak = _rss_mb("VmHWM")  # before reading the call log below, which is large
        async with control.get(
            f"{url}/sandbox/calls", params={"method": "sendMessage"}
        ) as response:
            calls = await response.json()
    async with services.sessions() as session:
        sent = await session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.state == "sent")
        )
    await services.sessions.kw["bind"].dispose()
    ok_times = sorted(call["time"] for call in calls if call["ok"])
    server_rate = (len(ok_times) - 1) / (ok_times[-1] - ok_times[0]) if len(ok_times) > 1 else 0.0
    return {
        "rate": rate,
        "sent": sent,
        "seconds": seconds,
        "per_second": (sent or 0) / seconds,
        "server_rate": server_rate,
        "rss_start_mb": rss_start,
        "rss_end_mb": rss_end,
        "peak_mb": peak,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, metavar=("URL", "DATABASE", "RATE"))
    arguments = parser.parse_args()
    if arguments.child:
        url, database, rate = arguments.child
        child(url, database, float(rate))
    else:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        main()
