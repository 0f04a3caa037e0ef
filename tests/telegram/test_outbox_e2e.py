"""Answers survive a Bot API that misbehaves: each arrives exactly once, never beside a "Sorry".

The sandbox server injects the faults over real HTTP (`bot.sandbox.faults`): server errors and
connection drops for a few seconds, flood waits, answers that arrive after the bot's timeout
although Telegram acted, and edits Telegram refuses. The fault windows are short so the suite
stays quick; the bot's own bounds stay at their production values (30 s, 60 s), except the
read timeout, shortened so a "slow answer" needs no 10 s wait.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.telegram import http, texts
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.telegram.chat import Chat, Message
from tests.telegram.test_onboarding_e2e import press_and_wait
from tests.telegram.test_settings_e2e import subscribe

USER = 11_001
READ_TIMEOUT = 1.0
PATIENCE = 15.0
"""How long a test waits for an answer to get through a fault (the bot's bounds are longer)."""


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[BotProcess]:
    monkeypatch.setattr(http, "DEFAULT_TIMEOUT", READ_TIMEOUT)
    process = BotProcess(make_settings(sandbox.url, sqlite_url), clock)
    await process.start()
    yield process
    await process.stop()


@pytest.fixture
async def chat(bot: BotProcess, client: SandboxClient) -> Chat:
    return await Chat(client, USER).setup()


async def say_through(chat: Chat, text: str, contains: str) -> Message:
    """Send `text`; wait (patiently) for the one bot answer that contains `contains`."""
    before = max((m["message_id"] for m in await chat.transcript()), default=0)
    await chat.client.send_text(chat.user_id, text)

    def answered(transcript: list[Message]) -> Message | None:
        fresh = [m for m in transcript if m["from_bot"] and m["message_id"] > before]
        return next((m for m in fresh if contains in m["text"]), None)

    found: Message = await chat.wait_for(answered, repr(contains), seconds=PATIENCE)
    return found


async def settle_and_check(chat: Chat, contains: str, *, expected: int = 1) -> None:
    """Give a wrong second copy or a late "Sorry" time to show, then count."""
    await asyncio.sleep(READ_TIMEOUT + 0.5)
    bot_texts = [m["text"] for m in await chat.bot_messages()]
    assert sum(contains in text for text in bot_texts) == expected, bot_texts
    assert texts.SORRY not in bot_texts
    answers = await chat.client.calls("answerCallbackQuery")
    assert all(call["params"].get("text") != texts.SORRY for call in answers)


async def test_500s_for_a_while_delay_the_answer_but_do_not_lose_it(
    chat: Chat, client: SandboxClient
) -> None:
    await client.add_fault("sendMessage", error_code=500, seconds=2.0)
    started = time.monotonic()
    await say_through(chat, "calf raises", "Calf raises")
    assert time.monotonic() - started >= 1.5
    await settle_and_check(chat, "Calf raises")


async def test_502s_on_every_call_of_a_press_are_outlasted(
    bot: BotProcess, chat: Chat, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    question = await chat.say_one("/stop")
    await client.add_fault(None, error_code=502, seconds=2.0)
    pressed = await chat.tap(question, "No, keep them")  # the answer itself is retried
    assert pressed.get("text") != texts.SORRY
    kept = await chat.wait_edit(question["message_id"], texts.STOP_KEPT)
    assert kept["message_id"] == question["message_id"]
    await settle_and_check(chat, texts.STOP_KEPT)


async def test_a_flood_wait_is_waited_out_and_the_answer_sent_once(
    chat: Chat, client: SandboxClient
) -> None:
    await client.add_fault("sendMessage", error_code=429, retry_after=3, count=1)
    started = time.monotonic()
    await say_through(chat, "calf raises", "Calf raises")
    assert time.monotonic() - started >= 3.0
    await settle_and_check(chat, "Calf raises")
    floods = [c for c in await client.calls("sendMessage") if c.get("error_code") == 429]
    assert len(floods) == 1


async def test_a_slow_answer_that_was_delivered_is_not_sent_again_nor_apologised_for(
    chat: Chat, client: SandboxClient
) -> None:
    await client.add_fault("sendMessage", delay_after=READ_TIMEOUT + 1.0)
    await say_through(chat, "calf raises", "Calf raises")
    await asyncio.sleep(1.0)  # the bot's call has timed out by now
    await settle_and_check(chat, "Calf raises")
    assert len(await client.calls("sendMessage")) == 1


async def test_slow_edits_and_callback_answers_are_safe_to_repeat(
    bot: BotProcess, chat: Chat, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    question = await chat.say_one("/stop")
    await client.add_fault("answerCallbackQuery", delay_after=READ_TIMEOUT + 1.0)
    await client.add_fault("editMessageText", delay_after=READ_TIMEOUT + 1.0)
    await chat.tap(question, "No, keep them")
    await chat.wait_edit(question["message_id"], texts.STOP_KEPT)
    await asyncio.sleep(1.5)
    await settle_and_check(chat, texts.STOP_KEPT)


async def test_a_connection_outage_is_outlasted(chat: Chat, client: SandboxClient) -> None:
    await client.add_fault(None, disconnect=True, seconds=2.0)
    started = time.monotonic()
    await say_through(chat, "calf raises", "Calf raises")
    assert time.monotonic() - started >= 1.5
    await settle_and_check(chat, "Calf raises")


async def test_a_refused_edit_sends_the_screen_anew_and_its_buttons_work(
    bot: BotProcess, chat: Chat, client: SandboxClient
) -> None:
    await subscribe(bot, USER)
    overview = await chat.say_one("/settings")
    await client.add_fault(
        "editMessageText", error_code=400, description="Bad Request: message can't be edited"
    )
    await chat.tap(overview, "Time")
    (time_screen,) = await chat.wait_new(overview["message_id"])
    assert "When would you like" in time_screen["text"]
    updated = await press_and_wait(chat, time_screen, "20:00", "Your settings")
    assert "Reminder: 20:00" in updated["text"]
    assert texts.SORRY not in [m["text"] for m in await chat.bot_messages()]


async def test_a_press_answered_too_late_still_moves_the_screen(
    bot: BotProcess, chat: Chat, client: SandboxClient, sandbox: SandboxServer
) -> None:
    """Presses queued while the bot was slow: Telegram refuses their answers as too old, and
    the screen must move on all the same, without an apology."""
    await subscribe(bot, USER)
    question = await chat.say_one("/stop")
    sandbox.world.callback_ttl = -1.0
    await chat.client.press(chat.user_id, question["message_id"], button_text="No, keep them")
    await chat.wait_edit(question["message_id"], texts.STOP_KEPT)
    await settle_and_check(chat, texts.STOP_KEPT)
