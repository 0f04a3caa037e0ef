"""Several real webhook bot processes on one PostgreSQL, behind the sandbox's round-robin.

Shared by `test_replicas_e2e.py` (a scaled-down run) and `tests/bench/bench_replicas.py` (the
full 200 people and 10,000 reminders). Each replica is `python -m bot run --webhook`, the way
`footbot run --webhook` starts, with its own PORT and the same WEBHOOK_SECRET; the sandbox
server, in the caller's process, spreads webhook deliveries over them. The load is simulated
people: a burst of typed commands whose answers must come in order, then `/today` and
Next/Back presses on its first exercise, each press waiting for its answer and edit; beside
them, subscribers whose reminder is due.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, insert, select

from bot.content import shipped_flags
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory
from bot.storage.models import Delivery, InboxUpdate, Subscription, User
from bot.telegram import texts

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:REPLICAS-footbot-token-0123456789"
SECRET = "replicas-secret_0123"
PUBLIC_URL = "https://footbot.example/telegram"
"""What every replica gives setWebhook: the load balancer's address, not its own."""
BURST = ("/help", "/nope")
WAIT_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Replica:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def log_summary(self) -> dict[str, int]:
        """Log lines by level (the replicas log WARNING and up). On a busy machine the 0.5 s
        ticks of the tests log APScheduler's "skipped: maximum number of running instances"."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        levels = Counter(
            level
            for line in text.splitlines()
            for level in ("WARNING", "ERROR", "CRITICAL")
            if f" {level} " in line
        )
        return dict(levels)

    def errors(self, limit: int = 5) -> list[str]:
        """The first ERROR and CRITICAL lines of the replica's log."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        found = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]
        return found[:limit]


def start_replica(api_url: str, database_url: str, folder: Path, **env: str) -> Replica:
    """`python -m bot run --webhook` with its own PORT; logs to a file in `folder`."""
    port = free_port()
    log = folder / f"replica-{port}.log"
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_url,
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": PUBLIC_URL,
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
        **env,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--webhook"],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Replica(port, process, log)


async def wait_listening(replicas: list[Replica], seconds: float = 60) -> None:
    """Return once every replica accepts connections (it calls setWebhook right after)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    for replica in replicas:
        while True:
            if replica.process.poll() is not None:
                raise RuntimeError(f"replica on {replica.port} exited:\n{replica.tail()}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", replica.port)
                writer.close()
                break
            except OSError as error:
                if loop.time() > deadline:
                    message = f"replica on {replica.port} not up:\n{replica.tail()}"
                    raise RuntimeError(message) from error
                await asyncio.sleep(0.1)


def stop_replicas(replicas: list[Replica]) -> list[int | None]:
    """SIGTERM the living ones and wait; their exit codes (-9 for one killed before)."""
    for replica in replicas:
        if replica.process.poll() is None:
            replica.process.send_signal(signal.SIGTERM)
    codes = []
    for replica in replicas:
        try:
            codes.append(replica.process.wait(timeout=30))
        except subprocess.TimeoutExpired:
            replica.process.kill()
            codes.append(replica.process.wait())
    return codes


# --- the database ------------------------------------------------------------------------------


def _subscription_row(user_id: int, now: datetime, due: datetime) -> dict[str, Any]:
    local = due.astimezone(UTC)
    return {
        "user_id": user_id,
        "status": "active",
        "onboarding_step": None,
        "editing": False,
        "safety_flags": [],
        "complaints": ["heel_pain"],
        "equipment": ["towel", "small_ball"],
        "reminder_minute": local.hour * 60 + local.minute,
        "time_zone": "UTC",
        "weekdays": 0b1111111,
        "session_minutes": 10,
        "summary_weekday": None,
        "next_summary_at": None,
        "next_due_at": due,
        "paused_until": None,
        "created_at": now,
        "updated_at": now,
        "safety_version": shipped_flags().version,
    }


async def add_subscribers(
    sessions: SessionFactory, user_ids: range, now: datetime, *, due: datetime
) -> None:
    """Active subscribers (UTC, heel pain) whose next reminder is `due`, in bulk inserts."""
    ids = list(user_ids)
    async with sessions.begin() as session:
        for start in range(0, len(ids), 1_000):
            chunk = ids[start : start + 1_000]
            await session.execute(
                insert(User),
                [
                    {"id": u, "first_name": f"Person {u}", "language": "en", "active": True}
                    for u in chunk
                ],
            )
            await session.execute(
                insert(Subscription), [_subscription_row(u, now, due) for u in chunk]
            )


def not_due_soon(now: datetime) -> datetime:
    """A reminder instant twelve hours away: people pressing buttons get no reminder."""
    return (now + timedelta(hours=12)).replace(second=0, microsecond=0)


@dataclass
class InboxFigures:
    rows: int
    done: int
    parked: int
    retried: int  # rows taken more than once (a crash left them leased)


async def inbox_figures(sessions: SessionFactory) -> InboxFigures:
    async with sessions() as session:
        rows = (await session.execute(select(InboxUpdate.status, InboxUpdate.attempts))).all()
    return InboxFigures(
        rows=len(rows),
        done=sum(1 for r in rows if r.status == "done"),
        parked=sum(1 for r in rows if r.status == "parked"),
        retried=sum(1 for r in rows if r.attempts > 1),
    )


async def delivery_states(sessions: SessionFactory, user_ids: range) -> Counter[str]:
    """Reminder delivery rows of these people by state, plus 'rows per person > 1' as 'extra'."""
    async with sessions() as session:
        rows = (
            await session.execute(
                select(Delivery.user_id, Delivery.state).where(
                    Delivery.user_id.between(user_ids.start, user_ids.stop - 1),
                    Delivery.slot == "daily",
                )
            )
        ).all()
        people = await session.scalar(
            select(func.count(func.distinct(Delivery.user_id))).where(
                Delivery.user_id.between(user_ids.start, user_ids.stop - 1)
            )
        )
    states = Counter(row.state for row in rows)
    states["extra"] = len(rows) - (people or 0)
    return states


# --- the people ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the load saw; everything else is read from the sandbox world afterwards."""

    presses: int = 0
    query_ids: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    refused: int = 0  # presses answered with a refusal or a fresh screen (after a crash only)
    burst_sent: dict[int, list[str]] = field(default_factory=dict)
    update_ids: list[int] = field(default_factory=list)


class Crowd:
    """Simulated people talking to the bot through the sandbox's control API over HTTP."""

    def __init__(self, session: aiohttp.ClientSession, url: str, tally: Tally) -> None:
        self.session = session
        self.url = url
        self.tally = tally

    async def control(self, method: str, path: str, body: Any = None) -> Any:
        async with self.session.request(method, f"{self.url}/sandbox/{path}", json=body) as resp:
            payload = await resp.json()
            if resp.status != 200:
                raise RuntimeError(f"{method} {path}: {resp.status} {payload}")
            return payload

    async def say(self, user_id: int, text: str) -> None:
        sent = await self.control("POST", "messages", {"user_id": user_id, "text": text})
        self.tally.update_ids.append(int(sent["update_id"]))

    async def bot_messages(self, user_id: int) -> list[dict[str, Any]]:
        transcript = await self.control("GET", f"chats/{user_id}/transcript")
        return [m for m in transcript if m["from_bot"]]

    async def wait_messages(self, user_id: int, count: int) -> list[dict[str, Any]]:
        for _ in range(int(WAIT_SECONDS / 0.05)):
            shown = await self.bot_messages(user_id)
            if len(shown) >= count:
                return shown
            await asyncio.sleep(0.05)
        raise RuntimeError(f"{user_id}: {count} answers expected, got {shown}")

    async def person(self, user_id: int, presses: int, rng: random.Random) -> None:
        """A burst of commands without waiting, then /today and `presses` Next/Back taps."""
        await self.control("POST", "users", {"id": user_id})
        burst = [rng.choice(BURST) for _ in range(4)]
        self.tally.burst_sent[user_id] = burst
        for text in burst:
            await self.say(user_id, text)
        await self.wait_messages(user_id, len(burst))
        await self.say(user_id, "/today")
        shown = await self.wait_messages(user_id, len(burst) + 1)
        message = shown[-1]
        forward = True
        for _ in range(presses):
            message = await self.press(user_id, message, forward)
            forward = not forward

    async def press(self, user_id: int, message: dict[str, Any], forward: bool) -> dict[str, Any]:
        suffix = ":n" if forward else ":b"
        data = next(
            (
                b["callback_data"]
                for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                for b in row
                if b.get("callback_data", "").endswith(suffix)
            ),
            None,
        )
        if data is None:  # a screen without that button: take the latest screen and go on
            self.tally.refused += 1
            return (await self.bot_messages(user_id))[-1]
        body = {
            "user_id": user_id,
            "message_id": message["message_id"],
            "callback_data": data,
            "wait": WAIT_SECONDS,
        }
        pressed = await self.control("POST", "press", body)
        self.tally.presses += 1
        self.tally.query_ids.append(pressed["callback_query_id"])
        self.tally.update_ids.append(int(pressed["update_id"]))
        answer, shown = pressed["answer"], pressed["message"]
        if answer is not None:
            self.tally.latencies.append(float(answer["latency_ms"]))
        if answer is None or answer.get("text") or shown["edits"] <= message["edits"]:
            self.tally.refused += 1
            latest = await self.bot_messages(user_id)
            return latest[-1]
        return dict(shown)


# --- what the sandbox saw ----------------------------------------------------------------------


@dataclass
class Seen:
    lost_presses: int  # presses never answered
    double_answers: int  # presses answered more than once
    bursts_out_of_order: int  # people whose typed commands were answered out of order
    burst_doubles: int  # extra answers to typed commands
    extra_screens: int  # screens sent beyond the one /today showed (a press re-run or re-shown)
    extra_edits: int  # edits beyond one per press
    reminders_missed: int
    reminders_doubled: int
    double_gaps: list[int]  # seconds between the two copies of a doubled reminder


def expected_reply(text: str) -> str:
    return texts.help_text() if text == "/help" else texts.UNKNOWN_COMMAND


def read_world(sandbox: SandboxServer, tally: Tally, reminded: range) -> Seen:
    world = sandbox.world
    answers = [len(world.callback_answers.get(q, [])) for q in tally.query_ids]
    out_of_order = doubles = screens = edits = 0
    for user_id, burst in tally.burst_sent.items():
        chat = world.chats[user_id]
        shown = [m for m in chat.messages.values() if m.from_bot and m.message.get("reply_markup")]
        screens += max(len(shown) - 1, 0)
        edits += sum(m.edits for m in shown)
        replies = [
            m.message.get("text")
            for m in chat.messages.values()
            if m.from_bot and not m.message.get("reply_markup")
        ]
        wanted = [_plain(expected_reply(text)) for text in burst]
        got = [_plain(text or "") for text in replies]
        if got[: len(wanted)] != wanted:
            out_of_order += 1
        doubles += max(len(got) - len(wanted), 0)
    missed = doubled = 0
    gaps = []
    for user_id in reminded:
        chat = world.chats.get(user_id)
        sent = [m.message for m in chat.messages.values() if m.from_bot] if chat else []
        missed += not sent
        if len(sent) > 1:
            doubled += len(sent) - 1
            gaps.append(int(sent[-1]["date"]) - int(sent[0]["date"]))
    return Seen(
        lost_presses=sum(1 for a in answers if a == 0),
        double_answers=sum(a - 1 for a in answers if a > 1),
        bursts_out_of_order=out_of_order,
        burst_doubles=doubles,
        extra_screens=screens,
        extra_edits=edits - tally.presses,
        reminders_missed=missed,
        reminders_doubled=doubled,
        double_gaps=gaps,
    )


def _plain(html: str) -> str:
    """The first line of a text without markup: what the sandbox stores is the rendered text."""
    plain = unescape(re.sub(r"<[^>]+>", "", html)).strip()
    return plain.splitlines()[0] if plain else ""


def now_utc() -> datetime:
    return datetime.now(UTC)


def elapsed(started: float) -> float:
    return time.perf_counter() - started


# --- one whole run -----------------------------------------------------------------------------


@dataclass
class Plan:
    people: int
    presses: int
    reminders: int
    kill: bool = False
    lease_seconds: int = 10
    batch: int = 50  # REMINDER_BATCH: small claims, so that every replica takes a share
    first_person: int = 500_001
    first_reminded: int = 600_001

    def env(self) -> dict[str, str]:
        return {
            "REMINDER_TICK_SECONDS": "0.5",
            # One bucket in PostgreSQL for all three (test_replica_rate_e2e checks the rate
            # itself); high enough that the test's reminders go out in a few seconds.
            "REMINDER_RATE": "300",
            "REMINDER_LEASE_SECONDS": str(self.lease_seconds),
            "INBOX_LEASE_SECONDS": str(self.lease_seconds),
            "INBOX_IDLE_SECONDS": "0.5",
            "REMINDER_BATCH": str(self.batch),
        }


@dataclass
class Outcome:
    plan: Plan
    tally: Tally
    inbox: InboxFigures
    states: Counter[str]
    seen: Seen
    exit_codes: list[int | None]
    spread: dict[str, Any] | None
    logs: list[dict[str, int]]
    seconds: float
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        plan, seen, inbox = self.plan, self.seen, self.inbox
        text = (
            f"\n3 replicas{' (one SIGKILLed mid-way)' if plan.kill else ''}, {self.seconds:.0f} s: "
            f"{plan.people} people, {len(self.tally.update_ids)} updates "
            f"({self.tally.presses} presses), {plan.reminders} reminders\n"
            f"  inbox rows {inbox.rows}: done {inbox.done}, parked {inbox.parked}, "
            f"retried after a lease {inbox.retried}\n"
            f"  reminder deliveries {dict(self.states)}\n"
            f"  lost: presses {seen.lost_presses}, reminders {seen.reminders_missed}; "
            f"out of order: {seen.bursts_out_of_order} people\n"
            f"  doubled: press answers {seen.double_answers}, command answers "
            f"{seen.burst_doubles}, screens {seen.extra_screens}, edits {seen.extra_edits}, "
            f"reminders {seen.reminders_doubled} (gaps "
            f"{sorted(set(seen.double_gaps))} s); presses refused or re-shown {self.tally.refused}"
            f"\n  spread {self.spread}\n  exit codes {self.exit_codes}, log lines {self.logs}"
        )
        for line in self.errors:
            text += f"\n  log: {line[:300]}"
        return text


async def run_scenario(
    plan: Plan,
    sandbox: SandboxServer,
    client: SandboxClient,
    database_url: str,
    sessions: SessionFactory,
    folder: Path,
) -> Outcome:
    """Three replicas, the crowd and the due reminders; optionally SIGKILL one mid-way."""
    started = time.perf_counter()
    now = now_utc()
    people = range(plan.first_person, plan.first_person + plan.people)
    reminded = range(plan.first_reminded, plan.first_reminded + plan.reminders)
    await add_subscribers(sessions, people, now, due=not_due_soon(now))
    for user_id in reminded:
        sandbox.world.add_user(user_id)
    replicas = [start_replica(sandbox.url, database_url, folder, **plan.env()) for _ in range(3)]
    tally = Tally()
    try:
        await wait_listening(replicas)
        await client.set_webhook_targets([r.url for r in replicas])
        connector = aiohttp.TCPConnector(limit=plan.people + 8)
        async with aiohttp.ClientSession(connector=connector) as http:
            crowd = Crowd(http, sandbox.url, tally)
            rng = random.Random(11)
            load = asyncio.gather(*(crowd.person(u, plan.presses, rng) for u in people))
            due = now - timedelta(minutes=1)
            if plan.kill:
                # Mid-way, with reminders falling due and every Bot API answer late (the
                # call is done, its response stalls), so the victim dies holding inbox rows
                # and claimed reminders whose sends went out but were never marked.
                await _when(lambda: tally.presses >= plan.people * plan.presses // 3)
                await add_subscribers(sessions, reminded, now, due=due)
                await client.add_fault(delay_after=0.3, seconds=4)
                await asyncio.sleep(1.5)
                replicas[0].process.kill()
            else:
                await add_subscribers(sessions, reminded, now, due=due)
            await asyncio.wait_for(load, 600)
        await _when_all_settled(sessions, sandbox, tally, reminded)
        inbox = await inbox_figures(sessions)
        states = await delivery_states(sessions, reminded)
        seen = read_world(sandbox, tally, reminded)
    finally:
        codes = stop_replicas(replicas)
    return Outcome(
        plan,
        tally,
        inbox,
        states,
        seen,
        codes,
        await client.webhook_targets(),
        [r.log_summary() for r in replicas],
        elapsed(started),
        [line for r in replicas for line in r.errors()],
    )


async def _when(condition: Callable[[], bool], seconds: float = 120) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the load did not get far enough")


async def _when_all_settled(
    sessions: SessionFactory, sandbox: SandboxServer, tally: Tally, reminded: range
) -> None:
    """Wait for the inbox to drain and every reminder to be marked (leases included)."""
    for _ in range(int(300 / 0.25)):
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
