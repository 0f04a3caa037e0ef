"""Benchmark: FootBot polling through the durable inbox vs PTB's own Updater, on SQLite.

Run with ``python tests/bench/bench_inbox.py``. Goal: the inbox costs no more than 30% of the
throughput without it. The load is the one of ``bench_presses.py`` (people alternating Next
and Back in today's routine, closed loop, latency timed inside the server); the same bot code
runs twice, differing only in how updates reach the handlers. The inbox's own CPU cost per
update is the bot process's CPU per press with the inbox minus without it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

from _harness import bot_child, sandbox_server
from bench_presses import NOW, TOKEN, Measured, _fill_database, _load

PEOPLE = 20
WARM_UP = 300
PRESSES = 2_000
GOAL = 0.7
VARIANTS = {"inbox": True, "updater": False}


def main(people: int, warm_up: int, presses: int) -> None:
    figures: dict[str, Measured] = {}
    with sandbox_server() as (url, server), tempfile.TemporaryDirectory() as folder:
        for run, (variant, _) in enumerate(VARIANTS.items()):
            database = f"sqlite+aiosqlite:///{Path(folder) / f'{variant}.db'}"
            first = 30_001 + run * 100_000
            users = range(first, first + people)
            asyncio.run(_fill_database(database, users))
            with bot_child(__file__, variant, url, database) as bot:
                processes = {"bot": bot, "server": server, "load": os.getpid()}
                figures[variant] = asyncio.run(
                    _load(url, users, "/today", warm_up, presses, processes)
                )
            _print(variant, figures[variant])
    inbox, updater = figures["inbox"].crowd, figures["updater"].crowd
    ratio = inbox.per_second / updater.per_second
    cost = inbox.cpu_ms["bot"] - updater.cpu_ms["bot"]
    print(
        f"inbox/updater throughput {ratio:.2f} (goal >= {GOAL}: "
        f"{'met' if ratio >= GOAL else 'MISSED'}); the inbox's own CPU: {cost:.2f} ms per update"
    )


def _print(variant: str, measured: Measured) -> None:
    crowd, alone = measured.crowd, measured.alone
    print(
        f"{variant}: {crowd.per_second:.0f} presses/s, p50 {crowd.percentile(0.5):.1f} ms, "
        f"p99 {crowd.percentile(0.99):.1f} ms, bot CPU {crowd.cpu_ms['bot']:.2f} ms per press; "
        f"one person alone p50 {alone.percentile(0.5):.1f} ms, p99 {alone.percentile(0.99):.1f}"
    )


async def _serve(variant: str, url: str, database: str) -> None:
    from bot.app import running_bot
    from bot.config import load_settings

    settings = load_settings(
        _env_file=None, TELEGRAM_API_URL=url, DATABASE_URL=database, TELEGRAM_BOT_TOKEN=TOKEN
    )
    async with running_bot(settings, TOKEN, clock=lambda: NOW, inbox=VARIANTS[variant]):
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, metavar=("VARIANT", "URL", "DATABASE"))
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--warm-up", type=int, default=WARM_UP)
    parser.add_argument("--presses", type=int, default=PRESSES)
    arguments = parser.parse_args()
    if arguments.child:
        import logging

        logging.basicConfig(level=logging.WARNING)
        asyncio.run(_serve(*arguments.child))
    else:
        main(arguments.people, arguments.warm_up, arguments.presses)
