"""The terminal chat of `footbot sandbox`, driven by scripted lines against the real bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.sandbox.terminal import USER_ID, TerminalChat
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


async def test_the_terminal_user_has_the_language_of_lang(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    """`footbot sandbox --lang pt-br`: the user the bot sees reports that language_code."""
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    output: list[str] = []
    chat = TerminalChat(client, lines.get, output.append, language_code="pt-br")
    running = asyncio.create_task(chat.run())
    await lines.put("/start")
    await _until(lambda: any("bot:" in chunk for chunk in output))
    assert sandbox.world.users[USER_ID]["language_code"] == "pt-br"
    assert any("language_code is 'pt-br'" in chunk for chunk in output)
    await lines.put(None)
    await asyncio.wait_for(running, 5)
