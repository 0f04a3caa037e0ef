"""The terminal chat of `footbot sandbox`, driven by scripted lines against the real bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.sandbox.client import SandboxClient
from bot.sandbox.terminal import TerminalChat
from tests.conftest import BotProcess


async def _until(predicate: Callable[[], bool]) -> None:
    for _ in range(250):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")


async def test_typing_and_pressing_buttons_by_number(
    bot: BotProcess, client: SandboxClient
) -> None:
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    output: list[str] = []
    chat = TerminalChat(client, lines.get, output.append)
    running = asyncio.create_task(chat.run())

    def shown(text: str) -> bool:
        return any(text in chunk for chunk in output)

    await lines.put("/start")
    await _until(lambda: shown("Hello, You!"))
    await lines.put("calf raises")
    await _until(lambda: shown("[1] ▶️ Start"))
    await lines.put("1")
    await _until(lambda: shown("step 1 of 3"))
    await lines.put("9")
    await _until(lambda: shown("(no button 9"))
    await lines.put("@ball")
    await _until(lambda: shown("inline results: Ball massage"))
    await lines.put(None)
    await asyncio.wait_for(running, 5)
