"""Bot processes for end-to-end tests: `python -m bot run`, exactly as deploy/ starts it."""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.storage.database import SessionFactory
from bot.storage.models import InboxUpdate
from tests.conftest import TOKEN
from tests.telegram.chat import Chat

_numbers = itertools.count(1)
START_SECONDS = 60.0
"""A cold start imports PTB, SQLAlchemy and the content: slow on a busy two-core machine."""


class BotSubprocess:
    """`python -m bot run` with its environment; its log goes to a file for failures."""

    def __init__(self, sandbox_url: str, database_url: str, folder: Path, **env: str) -> None:
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": sandbox_url,
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "INFO",
            "INBOX_IDLE_SECONDS": "0.1",
            **env,
        }
        self.folder = folder  # the working folder: no stray .env is read
        self.process: asyncio.subprocess.Process | None = None
        self.log = folder / f"bot-{next(_numbers)}.log"

    async def start(self, ping: Chat) -> None:
        """Start, and return once the bot answers `ping`'s /help (it polls and handles)."""
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=self.folder,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        before = len(await ping.bot_messages())
        await ping.client.send_text(ping.user_id, "/help")
        await ping.wait_for(
            lambda t: len([m for m in t if m["from_bot"]]) > before, "the bot", START_SECONDS
        )

    def send(self, signum: int) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    async def wait(self, seconds: float) -> int:
        assert self.process is not None
        try:
            return await asyncio.wait_for(self.process.wait(), seconds)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            raise AssertionError(
                f"still running after {seconds} s:\n{self.log.read_text()}"
            ) from None

    async def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def count(sessions: SessionFactory, model: Any, *where: Any) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where)) or 0


async def row(sessions: SessionFactory, update_id: int) -> InboxUpdate | None:
    async with sessions() as session:
        return await session.get(InboxUpdate, update_id)


async def until(check: Callable[[], Awaitable[Any]], what: str, seconds: float = 10) -> Any:
    deadline = time.monotonic() + seconds
    while not (result := await check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
