"""A person in a private chat with the bot, driven through the sandbox's control API.

Waiting is polling with a deadline: the bot answers in milliseconds, and a test that fails
shows the transcript instead of hanging.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from bot.sandbox.client import SandboxClient

Message = dict[str, Any]
TIMEOUT = 5.0


def buttons(message: Message) -> list[tuple[str, str]]:
    """(label, callback data or url) of every inline button, row by row."""
    markup = message.get("reply_markup") or {}
    return [
        (button["text"], button.get("callback_data") or button.get("url", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def labels(message: Message) -> list[str]:
    return [label for label, _ in buttons(message)]


class Chat:
    def __init__(self, client: SandboxClient, user_id: int, first_name: str = "Ada") -> None:
        self.client = client
        self.user_id = user_id
        self.first_name = first_name

    async def setup(self) -> Chat:
        await self.client.create_user(self.user_id, self.first_name)
        return self

    async def transcript(self) -> list[Message]:
        return await self.client.transcript(self.user_id)

    async def bot_messages(self) -> list[Message]:
        return [m for m in await self.transcript() if m["from_bot"] and not m.get("deleted")]

    async def say(self, text: str, *, replies: int = 1) -> list[Message]:
        """Send text and return the bot's new messages once `replies` have arrived."""
        before = await self._last_id()
        await self.client.send_text(self.user_id, text)
        return await self.wait_new(before, replies)

    async def say_one(self, text: str) -> Message:
        return (await self.say(text))[0]

    async def tap(self, message: Message, label: str) -> dict[str, Any]:
        """Press the button whose label contains `label`; return the callback answer."""
        data = next((d for text, d in buttons(message) if label in text), None)
        assert data is not None, f"no button {label!r} in {labels(message)}"
        return await self.press_data(message["message_id"], data)

    async def press_data(
        self, message_id: int, data: str, *, forge: bool = False
    ) -> dict[str, Any]:
        pressed = await self.client.press(self.user_id, message_id, callback_data=data, forge=forge)
        return await self.client.wait_for_callback_answer(pressed["callback_query_id"])

    async def message(self, message_id: int) -> Message:
        return next(m for m in await self.transcript() if m["message_id"] == message_id)

    async def wait_for(
        self, predicate: Callable[[list[Message]], Any], what: str, seconds: float = TIMEOUT
    ) -> Any:
        deadline = time.monotonic() + seconds
        while True:
            transcript = await self.transcript()
            result = predicate(transcript)
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; transcript: {transcript}")
            await asyncio.sleep(0.01)

    async def wait_edit(self, message_id: int, contains: str) -> Message:
        def edited(transcript: list[Message]) -> Message | None:
            return next(
                (m for m in transcript if m["message_id"] == message_id and contains in m["text"]),
                None,
            )

        return await self.wait_for(edited, f"message {message_id} to show {contains!r}")

    async def wait_new(self, after: int, count: int = 1) -> list[Message]:
        def new(transcript: list[Message]) -> list[Message] | None:
            fresh = [m for m in transcript if m["from_bot"] and m["message_id"] > after]
            return fresh if len(fresh) >= count else None

        return await self.wait_for(new, f"{count} new bot message(s)")

    async def _last_id(self) -> int:
        transcript = await self.transcript()
        return max((m["message_id"] for m in transcript), default=0)
