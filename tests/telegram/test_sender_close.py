"""SIGTERM and the Sender: a send waiting for its slot or for a retry comes back RELEASED."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.telegram.sender import Sender, SendOutcome

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@dataclass
class _Message:
    message_id: int


class SlowBot:
    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> _Message:
        self.calls += 1
        await asyncio.sleep(0.05)
        if self.errors:
            raise self.errors.pop(0)
        return _Message(self.calls)


async def test_closing_releases_the_sends_still_waiting_for_a_slot() -> None:
    sender = Sender(10)  # one every 0.1 s: 20 sends would take 2 s
    bot = SlowBot()
    sends = [
        asyncio.create_task(sender.send(bot, 1, "hi", releasable=True))  # type: ignore[arg-type]
        for _ in range(20)
    ]
    await asyncio.sleep(0.25)
    sender.close()
    results = await asyncio.wait_for(asyncio.gather(*sends), timeout=1.0)
    outcomes = [result.outcome for result in results]
    sent = outcomes.count(SendOutcome.SENT)
    assert 1 <= sent <= 5 and sent == bot.calls  # those on the wire finished
    assert outcomes.count(SendOutcome.RELEASED) == 20 - sent
    assert sender.closed


async def test_closing_cuts_a_flood_wait_short() -> None:
    sender = Sender(0)
    bot = SlowBot(RetryAfter(30))
    send = asyncio.create_task(sender.send(bot, 1, "hi", releasable=True))  # type: ignore[arg-type]
    await asyncio.sleep(0.2)
    sender.close()
    result = await asyncio.wait_for(send, timeout=1.0)
    assert result.outcome is SendOutcome.RELEASED and bot.calls == 1


async def test_a_message_nobody_can_hand_back_still_goes_out_after_closing() -> None:
    sender = Sender(20)
    bot = SlowBot()
    await sender.send(bot, 1, "first")  # type: ignore[arg-type]
    sender.close()
    result = await asyncio.wait_for(sender.send(bot, 1, "a timer's end"), timeout=1.0)  # type: ignore[arg-type]
    assert result.outcome is SendOutcome.SENT and bot.calls == 2
