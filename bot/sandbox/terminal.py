"""`footbot sandbox`: the local Bot API server, the real bot, and a chat in the terminal.

A newcomer without a Telegram token types messages and presses buttons by number. The bot
runs unchanged: it long-polls the local server over HTTP exactly as it would poll Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from bot.app import running_bot
from bot.config import Settings
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer

SANDBOX_TOKEN = "1234567890:sandbox-local-token-not-a-secret"
USER_ID = 100_001
POLL_SECONDS = 0.05

INTRO = """\
FootBot sandbox: you are chatting with the real bot through a local Bot API server.
Type a message and press Enter. Buttons are numbered: type the number to press one.
Type @<words> for an inline query (e.g. @calf), and quit (or Ctrl-D) to leave.
Try: /start, /exercises, calf raises
"""

ReadLine = Callable[[], Awaitable[str | None]]
Write = Callable[[str], None]
Message = dict[str, Any]


class TerminalChat:
    """Prints what the bot says, and turns typed lines into messages and button presses."""

    def __init__(
        self, client: SandboxClient, read_line: ReadLine, write: Write, language: str | None = None
    ) -> None:
        self._client = client
        self._language = language
        self._read_line = read_line
        self._write = write
        self._seen: dict[int, tuple[str, Any]] = {}
        self._buttons: list[tuple[int, dict[str, Any]]] = []

    async def run(self) -> None:
        await self._client.create_user(USER_ID, "You", language_code=self._language)
        self._write(INTRO)
        watcher = asyncio.create_task(self._watch())
        try:
            while (line := await self._read_line()) is not None:
                line = line.strip()
                if line in ("quit", "exit"):
                    break
                if line:
                    await self.handle(line)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    async def handle(self, line: str) -> None:
        if line.isdigit() and self._buttons:
            await self._press(int(line))
        elif line.startswith("@"):
            await self._inline(line[1:].strip())
        else:
            await self._client.send_text(USER_ID, line)

    async def show_changes(self) -> None:
        """Print every bot message that is new or changed since the last look."""
        for message in await self._client.transcript(USER_ID):
            if not message["from_bot"] or message.get("deleted"):
                continue
            key = (message["text"], message.get("reply_markup"))
            if self._seen.get(message["message_id"]) == key:
                continue
            edited = message["message_id"] in self._seen
            self._seen[message["message_id"]] = key
            self._write(self._render(message, edited))

    async def _watch(self) -> None:
        while True:
            await self.show_changes()
            await asyncio.sleep(POLL_SECONDS)

    async def _press(self, number: int) -> None:
        if not 1 <= number <= len(self._buttons):
            self._write(f"(no button {number}; buttons go from 1 to {len(self._buttons)})")
            return
        message_id, button = self._buttons[number - 1]
        if "callback_data" not in button:
            self._write(f"(that button opens {button.get('url', 'a link')})")
            return
        pressed = await self._client.press(
            USER_ID, message_id, callback_data=button["callback_data"]
        )
        answer = await self._client.wait_for_callback_answer(pressed["callback_query_id"])
        if answer.get("text"):
            self._write(f"  [{answer['text']}]")

    async def _inline(self, query: str) -> None:
        query_id = await self._client.inline_query(USER_ID, query)
        answer = await self._client.wait_for_inline_answer(query_id)
        titles = [result.get("title", "?") for result in answer.get("results", [])]
        self._write("inline results: " + (", ".join(titles) or "(none)"))

    def _render(self, message: Message, edited: bool) -> str:
        header = "bot (edited):" if edited else "bot:"
        lines = [header, *("  " + line for line in message["text"].splitlines())]
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        if rows:
            self._buttons = []
            for row in rows:
                cells = []
                for button in row:
                    self._buttons.append((message["message_id"], button))
                    cells.append(f"[{len(self._buttons)}] {button['text']}")
                lines.append("  " + "   ".join(cells))
        return "\n".join(lines) + "\n"


async def _stdin_line() -> str | None:
    try:
        return await asyncio.to_thread(input, "> ")
    except EOFError:
        return None


def _stdout(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def run_sandbox(settings: Settings, *, port: int = 0, language: str | None = None) -> None:
    """`language`: the Telegram language_code of the person you play ("es", "ru", "pt-br")."""
    async with SandboxServer(host="127.0.0.1", port=port) as server:
        local = settings.model_copy(update={"telegram_api_url": server.url})
        async with (
            running_bot(local, SANDBOX_TOKEN, poll_timeout=5),
            SandboxClient(server.url) as client,
        ):
            await TerminalChat(client, _stdin_line, _stdout, language).run()
