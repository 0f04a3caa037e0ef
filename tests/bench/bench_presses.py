"""Benchmark: a button press in today's routine, from update to answer, beside a PTB echo bot.

Run with ``python tests/bench/bench_presses.py``. Targets: at least 0.8 of the echo bot's
presses/s and a p99 press-to-answer latency under 25 ms.

Layout: the local Bot API server runs in its own process, each bot in another (a fresh child
per bot), and this parent process is the load generator. Latency is timed inside the server:
from the moment a press creates the callback_query update to the moment the bot's
answerCallbackQuery for it arrives (``latency_ms`` on the answer). Throughput is a closed
loop: PEOPLE simulated people each press again as soon as the server has seen the answer
and the edit of the pressed message (one ``/sandbox/press`` request with ``wait``), so every
press is on a current, valid button.

- FootBot: the real bot (``running_bot``), on a SQLite file and, where the local server answers,
  on a throw-away PostgreSQL database (``FOOTBOT_TEST_POSTGRES_URL``); every person is
  subscribed by direct insert, has opened today's routine with ``/today``, and alternates
  Next and Back on its first exercise, so each press moves the walkthrough in the database.
- The echo bot: a minimal PTB Application built with the same transport settings as
  ``bot/app.py`` (aiohttp requests, concurrent updates, the same polling helper), whose button
  handler makes the same two calls a routine press makes: answer, then edit the message.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

import aiohttp
from _harness import bot_child, cpu_seconds, sandbox_server, wait_for_server

TOKEN = "123456:BENCH-footbot-token-0123456789"
NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # a Monday morning in Berlin
PEOPLE = 20
WARM_UP = 400
PRESSES = 2_000
ALONE_PRESSES = 300
# Telegram lets a bot send about 30 messages a second in all, so 30 presses/s is a full bot.
PACED_RATES = (30, 100)
PACED_SECONDS = 10
WAIT_SECONDS = 60.0
LATENCY_TARGET_MS = 25.0
RATIO_TARGET = 0.8
FIRST_USER = {"footbot": 10_001, "echo": 20_001}
ECHOES = {
    "echo": "echo bot (small messages)",
    "echo-same-size": "echo bot (FootBot's messages)",
}
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


# --- the parent: server, one bot child at a time, the load ------------------------------------


@dataclass
class Result:
    presses: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    cpu_ms: dict[str, float] = field(default_factory=dict)  # per press, by process

    @property
    def per_second(self) -> float:
        return self.presses / self.seconds

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile of the server-side latencies, in ms."""
        ordered = sorted(self.latencies)
        return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass
class Measured:
    """One bot's figures: saturated, alone, and at fixed arrival rates."""

    crowd: Result  # closed loop, everyone at once: throughput
    alone: Result  # one person: latency without any queueing
    paced: dict[int, Result]  # open loop at each rate: latency under a given load


def main(people: int, warm_up: int, presses: int) -> None:
    """Both echo bots, then FootBot on SQLite and (where reachable) on PostgreSQL."""
    with sandbox_server() as (url, server), tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite+aiosqlite:///{Path(folder) / 'footbot.db'}"
        print(
            f"closed loop: {people} people pressing as fast as the bot answers "
            f"({warm_up} presses of warm-up per bot); open loop: presses arriving at "
            f"{' and '.join(f'{rate}/s' for rate in PACED_RATES)}; latency is timed in the server"
        )
        echoes = {}
        for run, (kind, label) in enumerate(ECHOES.items()):
            first = FIRST_USER["echo"] + run * 100_000
            with bot_child(__file__, kind, url, sqlite_url) as bot:
                processes = {"bot": bot, "server": server, "load": os.getpid()}
                load = _load(url, range(first, first + people), "hi", warm_up, presses, processes)
                echoes[kind] = asyncio.run(load)
            _print_figures(label, echoes[kind])
        for run, (database, database_url) in enumerate(_databases(sqlite_url)):
            # New people for every database: their chats start empty in the one server.
            first = FIRST_USER["footbot"] + run * 100_000
            users = range(first, first + people)
            asyncio.run(_fill_database(database_url, users))
            with bot_child(__file__, "footbot", url, database_url) as bot:
                processes = {"bot": bot, "server": server, "load": os.getpid()}
                footbot = asyncio.run(_load(url, users, "/today", warm_up, presses, processes))
            _print_figures(f"footbot ({database})", footbot)
            _print_verdict(footbot, echoes)


def _print_figures(label: str, measured: Measured) -> None:
    crowd, alone = measured.crowd, measured.alone
    paced = "; ".join(
        f"at {rate}/s p50 {result.percentile(0.5):.1f}, p99 {result.percentile(0.99):.1f}"
        for rate, result in measured.paced.items()
    )
    cpu = ", ".join(f"{name} {ms:.2f}" for name, ms in crowd.cpu_ms.items())
    print(
        f"{label}:\n"
        f"  closed loop: {crowd.per_second:.0f} presses/s, p50 {crowd.percentile(0.5):.1f} ms, "
        f"p99 {crowd.percentile(0.99):.1f} ms; CPU ms per press: {cpu}\n"
        f"  one person alone: p50 {alone.percentile(0.5):.1f} ms, "
        f"p99 {alone.percentile(0.99):.1f} ms; open loop (ms): {paced}"
    )


def _print_verdict(footbot: Measured, echoes: dict[str, Measured]) -> None:
    ratio = footbot.crowd.per_second / echoes["echo-same-size"].crowd.per_second
    small = footbot.crowd.per_second / echoes["echo"].crowd.per_second
    under = [f"{rate}/s" for rate, result in footbot.paced.items() if _p99_met(result)]
    print(
        f"  throughput {ratio:.2f} of the same-size echo bot's ({small:.2f} of the small "
        f"echo's); target >= {RATIO_TARGET}: {'met' if ratio >= RATIO_TARGET else 'MISSED'}\n"
        f"  p99 < {LATENCY_TARGET_MS:.0f} ms: alone "
        f"{'met' if _p99_met(footbot.alone) else 'MISSED'}, "
        f"open loop met at {', '.join(under) or 'no rate'}, "
        f"closed loop {'met' if _p99_met(footbot.crowd) else 'MISSED'}"
    )


def _p99_met(result: Result) -> bool:
    return result.percentile(0.99) < LATENCY_TARGET_MS


def _databases(sqlite_url: str) -> Iterator[tuple[str, str]]:
    """SQLite always; PostgreSQL in a throw-away database when the local server answers."""
    yield "sqlite", sqlite_url
    base = os.environ.get("FOOTBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"footbot_bench_{os.getpid()}"
    try:
        asyncio.run(_postgres(base, f'CREATE DATABASE "{name}"'))
    except (OSError, ImportError) as error:
        print(f"  (PostgreSQL skipped: {error})")
        return
    try:
        yield "postgresql", base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        asyncio.run(_postgres(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _postgres(url: str, statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _fill_database(url: str, users: range) -> None:
    """Schema by the real migrations; each person subscribed, as the tests do it."""
    from bot.storage.database import create_engine, create_session_factory
    from bot.storage.migrate import upgrade
    from tests.storage.subscribers import subscribe

    engine = create_engine(url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    for user_id in users:
        await subscribe(
            sessions,
            user_id,
            NOW,
            at=day_time(20, 0),  # no reminder falls due while the clock stands at NOW
            first_name=f"Person {user_id}",
            complaints=["heel_pain"],
            equipment=["towel", "small_ball"],
        )
    await engine.dispose()


@dataclass
class Person:
    user_id: int
    message: dict[str, Any]
    forward: bool = True


async def _load(
    url: str, users: range, opening: str, warm_up: int, presses: int, processes: dict[str, int]
) -> Measured:
    """The closed loop with everyone, one person alone, then the open loop at each rate."""
    connector = aiohttp.TCPConnector(limit=len(users) + 4)
    async with aiohttp.ClientSession(connector=connector) as session:
        await wait_for_server(session, url)
        people = await asyncio.gather(*(_open(session, url, u, opening) for u in users))
        await _run(session, url, people, warm_up)
        before = {name: cpu_seconds(pid) for name, pid in processes.items()}
        crowd = await _run(session, url, people, presses)
        crowd.cpu_ms = {
            name: (cpu_seconds(pid) - before[name]) * 1000 / presses
            for name, pid in processes.items()
        }
        alone = await _run(session, url, people[:1], ALONE_PRESSES)
        paced = {
            rate: await _paced(session, url, people, rate * PACED_SECONDS, rate)
            for rate in PACED_RATES
        }
        return Measured(crowd, alone, paced)


async def _control(session: aiohttp.ClientSession, method: str, url: str, body: Any = None) -> Any:
    async with session.request(method, url, json=body) as response:
        payload = await response.json()
        if response.status != 200:
            raise RuntimeError(f"{method} {url}: {response.status} {payload}")
        return payload


async def _open(session: aiohttp.ClientSession, url: str, user_id: int, text: str) -> Person:
    """The person writes `text` and waits for the bot's message with buttons (not timed)."""
    await _control(session, "POST", f"{url}/sandbox/users", {"id": user_id})
    await _control(session, "POST", f"{url}/sandbox/messages", {"user_id": user_id, "text": text})
    for _ in range(1_000):
        transcript = await _control(session, "GET", f"{url}/sandbox/chats/{user_id}/transcript")
        shown = [m for m in transcript if m["from_bot"] and m["reply_markup"]]
        if shown:
            return Person(user_id, shown[-1])
        await asyncio.sleep(0.01)
    raise RuntimeError(f"no message with buttons for {user_id}; transcript: {transcript}")


def _button(message: dict[str, Any], forward: bool) -> str:
    """Next (action n) or Back (action b): the data of the wanted button on the message."""
    suffix = ":n" if forward else ":b"
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            if button.get("callback_data", "").endswith(suffix):
                return str(button["callback_data"])
    raise RuntimeError(f"no {suffix} button on {message}")


async def _press(session: aiohttp.ClientSession, url: str, person: Person) -> float:
    """One press on the person's current message; its server-side latency in ms."""
    body = {
        "user_id": person.user_id,
        "message_id": person.message["message_id"],
        "callback_data": _button(person.message, person.forward),
        "wait": WAIT_SECONDS,
    }
    pressed = await _control(session, "POST", f"{url}/sandbox/press", body)
    answer, message = pressed["answer"], pressed["message"]
    if answer is None or message["edits"] <= person.message["edits"]:
        status = await _control(session, "GET", f"{url}/sandbox/status")
        raise RuntimeError(
            f"press not answered and shown within {WAIT_SECONDS} s: {pressed}; "
            f"server status {status}"
        )
    if answer["text"]:
        raise RuntimeError(f"the bot refused the press: {answer['text']!r}")
    person.message, person.forward = message, not person.forward
    return float(answer["latency_ms"])


async def _run(
    session: aiohttp.ClientSession, url: str, people: list[Person], presses: int
) -> Result:
    """Closed loop: each person presses again once the last press is answered and shown."""
    result = Result(presses, 0.0)
    remaining = presses

    async def person_loop(person: Person) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            result.latencies.append(await _press(session, url, person))

    started = time.perf_counter()
    await asyncio.gather(*(person_loop(person) for person in people))
    result.seconds = time.perf_counter() - started
    return result


async def _paced(
    session: aiohttp.ClientSession, url: str, people: list[Person], presses: int, rate: float
) -> Result:
    """Open loop: presses arrive `rate` times a second, whatever the bot's speed.

    Each arrival goes to a person whose last press has been answered (a real person cannot
    press a button the bot has not shown yet); with enough people that is never a wait.
    """
    result = Result(presses, 0.0)
    idle: asyncio.Queue[Person] = asyncio.Queue()
    for person in people:
        idle.put_nowait(person)

    async def one(person: Person) -> None:
        result.latencies.append(await _press(session, url, person))
        idle.put_nowait(person)

    loop = asyncio.get_running_loop()
    started = loop.time()
    tasks = []
    for index in range(presses):
        await asyncio.sleep(max(started + index / rate - loop.time(), 0))
        tasks.append(asyncio.create_task(one(await idle.get())))
    await asyncio.gather(*tasks)
    result.seconds = loop.time() - started
    return result


# --- a child: one bot, polling until stdin closes ---------------------------------------------


def child(kind: str, url: str, database: str) -> None:
    """One bot; with BENCH_PROFILE_DIR set, its whole run is profiled into that folder."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    folder = os.environ.get("BENCH_PROFILE_DIR")
    if not folder:
        asyncio.run(_serve(kind, url, database))
        return
    import cProfile

    profiler = cProfile.Profile()
    profiler.runcall(asyncio.run, _serve(kind, url, database))
    database_kind = database.split(":", 1)[0].split("+", 1)[0]
    profiler.dump_stats(Path(folder) / f"{kind}-{database_kind}-{os.getpid()}.prof")


async def _serve(kind: str, url: str, database: str) -> None:
    from bot.config import load_settings

    settings = load_settings(
        _env_file=None,
        TELEGRAM_API_URL=url,
        DATABASE_URL=database,
        TELEGRAM_BOT_TOKEN=TOKEN,
    )
    if kind == "footbot":
        from bot.app import running_bot

        async with running_bot(settings, TOKEN, clock=lambda: NOW):
            await _until_stdin_closes()
    else:
        from bot.app import polling

        async with polling(_echo_application(settings, same_size=kind == "echo-same-size")):
            await _until_stdin_closes()


async def _until_stdin_closes() -> None:
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


def _echo_application(settings: Any, *, same_size: bool) -> Any:
    """A minimal PTB bot with FootBot's builder settings: echo text, and answer + edit presses.

    With `same_size`, its messages are the ones FootBot shows on the first two steps of an
    exercise in a routine (rendered once, at start), so that both bots send and receive the
    same bytes and the difference between them is FootBot's own work.
    """
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (
        ApplicationBuilder,
        CallbackQueryHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    from bot.telegram.http import AiohttpRequest

    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Back", callback_data="echo:b"),
                InlineKeyboardButton("Next", callback_data="echo:n"),
            ]
        ]
    )
    first, second = _footbot_screens() if same_size else ((None, keyboard), (None, keyboard))

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        text, markup = first
        await update.effective_message.reply_text(
            text or update.effective_message.text or "", parse_mode="HTML", reply_markup=markup
        )

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer()
        text, markup = second if query.data.endswith(":n") else first
        await query.edit_message_text(
            text or f"Pressed {query.data}", parse_mode="HTML", reply_markup=markup
        )

    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_base_file_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(pool_size=1))
        .concurrent_updates(True)
        .build()
    )
    application.add_handlers([MessageHandler(filters.TEXT, echo), CallbackQueryHandler(press)])
    return application


def _footbot_screens() -> tuple[tuple[str, Any], tuple[str, Any]]:
    """Steps 1 and 2 of the first exercise of the benchmark person's routine, as FootBot shows
    them: the same text, markup and callback data sizes."""
    from bot.content.loader import default_content_dir, load_catalogue
    from bot.domain.routine import Profile, build_routine
    from bot.domain.walkthrough import Position, WalkthroughView
    from bot.telegram.runs import run_of, screen

    catalogue = load_catalogue(default_content_dir())
    profile = Profile(frozenset({"heel_pain"}), frozenset({"towel", "small_ball"}), frozenset(), 10)
    items = build_routine(list(catalogue), profile, (), NOW.date())
    exercise = catalogue.get(items[0].exercise_id)
    assert exercise is not None
    walkthrough = WalkthroughView(
        id=1_000_000,
        user_id=1,
        chat_id=1,
        exercise_id=exercise.id,
        version=12,
        position=Position(0, 1),
        routine_id=1,
        routine_position=0,
        routine_length=len(items),
    )
    run = run_of(exercise, walkthrough)
    steps = len(run.steps)
    first, second = (
        screen(replace(walkthrough, position=Position(step, steps)), run) for step in (0, 1)
    )
    return first, second


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=3, metavar=("KIND", "URL", "DATABASE"))
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--warm-up", type=int, default=WARM_UP)
    parser.add_argument("--presses", type=int, default=PRESSES)
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
    else:
        main(arguments.people, arguments.warm_up, arguments.presses)
