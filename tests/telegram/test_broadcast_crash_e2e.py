"""A broadcast to 2,000 people survives `kill -9` half-way: each gets it exactly once.

The bot runs as production runs it, `python -m bot run` in its own process, polling the
sandbox server that lives in the test's process. It is killed with SIGKILL (no shutdown code
runs) while the broadcast is half sent, then started again: the job finds the broadcast in
the database, gives up any message that was being sent at the moment of the kill (at most
once: "maybe delivered"), resends the rows that were claimed but never begun once their lease
runs out, and finishes. People who blocked the bot are counted and never retried.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.sandbox.client import SandboxClient
from bot.storage.broadcasts import MAYBE_DELIVERED
from bot.storage.database import create_engine, create_session_factory
from bot.storage.migrate import upgrade
from bot.storage.models import Broadcast, Delivery, Subscription, User
from bot.telegram import texts
from tests.conftest import TOKEN
from tests.telegram.chat import Chat

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = range(500_000, 502_000)
BLOCKED = frozenset(PEOPLE[::40])  # 50 people who blocked the bot
OPERATOR = 499_999
RATE = 150
LEASE_SECONDS = 3
TEXT = "The clinic is closed on Friday; your reminders carry on as usual."


async def seed(url: str) -> None:
    """2,000 active subscribers, straight into the database (no reminder due: no schedule)."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        now = datetime.now(UTC)
        async with create_session_factory(engine).begin() as session:
            await session.execute(
                insert(User), [{"id": i, "first_name": f"P{i}", "language": "en"} for i in PEOPLE]
            )
            await session.execute(
                insert(Subscription),
                [
                    {"user_id": i, "status": "active", "created_at": now, "updated_at": now}
                    for i in PEOPLE
                ],
            )
    finally:
        await engine.dispose()


class BotSubprocess:
    """`python -m bot run` against the sandbox, started again by `start`, killed by `kill`."""

    def __init__(self, api_url: str, database_url: str, log: Path) -> None:
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api_url,
            "DATABASE_URL": database_url,
            "ADMIN_IDS": str(OPERATOR),
            "REMINDER_TICK_SECONDS": "0.5",
            "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
            "REMINDER_RATE": str(RATE),
            "INBOX_IDLE_SECONDS": "0.2",
            "LOG_LEVEL": "WARNING",
        }
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("a") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=ROOT, env=self.env, stdout=out, stderr=out
            )

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


@pytest.fixture
async def bot_process(sandbox: Any, tmp_path: Path) -> AsyncIterator[tuple[BotSubprocess, str]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'footbot.db'}"
    await seed(url)
    process = BotSubprocess(sandbox.url, url, tmp_path / "bot.log")
    yield process, url
    await process.stop()


def _chat(call: dict[str, Any]) -> int:
    return int(str(call["params"].get("chat_id")))


async def deliveries(client: SandboxClient) -> tuple[Counter[int], Counter[int]]:
    """sendMessage calls per chat: (accepted, refused)."""
    accepted: Counter[int] = Counter()
    refused: Counter[int] = Counter()
    for call in await client.calls("sendMessage"):
        if call["params"].get("text") == TEXT:
            (accepted if call["ok"] else refused)[_chat(call)] += 1
    return accepted, refused


async def until(what: str, seconds: float, probe: Any) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := await probe():
            return result
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


async def test_a_broadcast_killed_half_way_reaches_everyone_once(
    bot_process: tuple[BotSubprocess, str], client: SandboxClient
) -> None:
    bot, url = bot_process
    for start in range(0, len(PEOPLE), 200):
        await asyncio.gather(*(client.create_user(i, f"P{i}") for i in PEOPLE[start : start + 200]))
    for user_id in BLOCKED:
        await client.block(user_id)
    operator = await Chat(client, OPERATOR, "Op").setup()
    await bot.start()

    await client.send_text(OPERATOR, f"/admin broadcast {TEXT}")
    (preview,) = await operator.wait_for(  # the new process takes a few seconds to start
        lambda t: [m for m in t if m["from_bot"]], "the preview", seconds=60
    )
    # numbers are grouped as the operator's language writes them: "2,000" in English
    assert f"{len(PEOPLE):,} active subscribers" in preview["text"]
    await operator.tap(preview, texts.ADMIN_BROADCAST_SEND)

    async def half_way() -> bool:
        accepted, _ = await deliveries(client)
        return sum(accepted.values()) >= len(PEOPLE) // 2

    await until("half of the broadcast", 120, half_way)
    await bot.kill()
    accepted, _ = await deliveries(client)
    at_kill = sum(accepted.values())
    assert at_kill < len(PEOPLE) - len(BLOCKED), "killed too late to prove anything"
    progress_edits = [
        call
        for call in await client.calls("editMessageText")
        if str(call["params"].get("message_id")) == str(preview["message_id"])
    ]
    assert progress_edits, "the progress message was never edited before the kill"

    await bot.start()

    async def finished() -> bool:
        last = (await operator.bot_messages())[-1]["text"]
        return last.startswith("Broadcast finished")

    await until("the final count", 180, finished)
    await bot.stop()

    accepted, refused = await deliveries(client)
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            audit = await session.scalar(select(Broadcast))
            given_up = set(
                (
                    await session.scalars(
                        select(Delivery.user_id).where(Delivery.reason == MAYBE_DELIVERED)
                    )
                ).all()
            )
            inactive = set(
                (await session.scalars(select(User.id).where(User.active.is_(False)))).all()
            )
    finally:
        await engine.dispose()
    print(
        f"\nbroadcast to {len(PEOPLE)}: {at_kill} delivered when killed, "
        f"{len(given_up)} given up as maybe delivered "
        f"(of which the server had in fact accepted {len(given_up & set(accepted))})"
    )
    reachable = set(PEOPLE) - BLOCKED
    assert max(accepted.values()) == 1, "somebody got the broadcast twice"
    missing = reachable - set(accepted)
    assert missing <= given_up, f"never reached and not accounted for: {sorted(missing)[:10]}"
    assert len(given_up) <= 50  # at most the sends in flight at the kill
    # A blocked person whose send was in flight at the kill is given up like anyone else: their
    # 403 may have come back to a process that no longer existed, so it was never recorded.
    settled_blocked = BLOCKED - given_up
    assert settled_blocked <= set(refused) <= BLOCKED, "a blocked person was never tried"
    assert max(refused.values()) == 1, "a blocked person retried"
    assert not set(accepted) & BLOCKED
    assert settled_blocked <= inactive <= BLOCKED
    assert audit is not None and audit.state == "done"
    assert audit.recipients == len(PEOPLE)
    assert audit.blocked == len(settled_blocked)
    assert audit.sent == len(reachable - given_up)
    assert audit.failed == len(given_up)
    final = texts.broadcast_finished(audit.sent, audit.blocked, audit.failed, 0)
    assert (await operator.bot_messages())[-1]["text"] == final
