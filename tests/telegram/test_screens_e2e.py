"""No walkthrough screen is a dead end, over real HTTP against the sandbox server.

Telegram refuses to edit a message that is too old or gone, and refuses to answer a press that
came too late. The screen then comes as a new message, the walkthrough learns it, and every
button on it works; a press on a message that is no longer the screen shows the current one
once, never a refusal in a loop.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.domain.walkthrough import Status
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.models import Walkthrough
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, Message, buttons

USER = 11_501
CANNOT_EDIT = "Bad Request: message can't be edited"


@pytest.fixture
async def chat(bot: BotProcess, client: SandboxClient) -> Chat:
    return await Chat(client, USER).setup()


async def _open(chat: Chat) -> Message:
    card = await chat.say_one("toe extensor stretch")
    await chat.tap(card, "Start")
    (step,) = await chat.wait_new(card["message_id"])
    assert "step 1 of 3" in step["text"]
    return step


async def _row(bot: BotProcess) -> Walkthrough:
    async with bot.sessions() as session:
        (row,) = list(await session.scalars(select(Walkthrough)))
        return row


async def _last_id(chat: Chat) -> int:
    return max(m["message_id"] for m in await chat.transcript())


async def _tap_here(chat: Chat, message: Message, label: str, shows: str) -> Message:
    await chat.tap(message, label)
    return await chat.wait_edit(message["message_id"], shows)


async def _quiet(chat: Chat, after: int) -> list[Message]:
    """The bot's messages after `after`, once the bot has had time to send any more."""
    await asyncio.sleep(0.5)
    return [m for m in await chat.bot_messages() if m["message_id"] > after]


async def _data(message: Message, label: str) -> str:
    return next(data for text, data in buttons(message) if label in text)


async def test_a_late_press_whose_edit_is_refused_gets_a_new_screen_that_works(
    bot: BotProcess, chat: Chat, client: SandboxClient, sandbox: SandboxServer
) -> None:
    step = await _open(chat)
    sandbox.world.callback_ttl = -1.0  # queued while the bot was down: too late to answer
    await client.add_fault("editMessageText", error_code=400, description=CANNOT_EDIT)
    before = await _last_id(chat)
    await client.press(USER, step["message_id"], callback_data=await _data(step, "Next"))
    (moved,) = await chat.wait_new(before)
    assert "step 2 of 3" in moved["text"]
    sandbox.world.callback_ttl = 900.0
    row = await _row(bot)
    assert (row.step, row.message_id) == (1, moved["message_id"])

    # every button on the new screen works, in place
    moved = await _tap_here(chat, moved, "Next", "step 3 of 3")
    moved = await _tap_here(chat, moved, "Back", "step 2 of 3")
    asked = await _tap_here(chat, moved, "Stop", "why stop?")
    await _tap_here(chat, asked, texts.SKIP_REASON_LABELS["no_time"], "stopped")
    assert (await _row(bot)).status == Status.SKIPPED
    answers = await client.calls("answerCallbackQuery")
    assert all(call["params"].get("text") != texts.BUTTON_STALE for call in answers)
    assert texts.SORRY not in [m["text"] for m in await chat.bot_messages()]


async def test_a_press_on_the_old_message_shows_the_current_screen_once(
    bot: BotProcess, chat: Chat, client: SandboxClient
) -> None:
    step = await _open(chat)
    await client.add_fault("editMessageText", error_code=400, description=CANNOT_EDIT)
    before = await _last_id(chat)
    await chat.tap(step, "Next")
    (moved,) = await chat.wait_new(before)

    # the old message still shows step 1 and its buttons: a press there re-shows step 2
    answer = await chat.tap(step, "Next")
    assert answer.get("text") != texts.BUTTON_STALE
    (again,) = await _quiet(chat, moved["message_id"])
    assert "step 2 of 3" in again["text"] and "Set 1 of 2 · Right foot" in again["text"]
    row = await _row(bot)
    assert (row.step, row.message_id) == (1, again["message_id"])  # nothing moved

    # the re-shown screen is the live one; nothing more arrives on its own
    again = await _tap_here(chat, again, "Next", "step 3 of 3")
    assert await _quiet(chat, again["message_id"]) == []
    assert (await _row(bot)).step == 2


async def test_a_second_press_on_an_out_of_date_screen_shows_it_in_place(
    bot: BotProcess, chat: Chat
) -> None:
    step = await _open(chat)
    old_next = await _data(step, "Next")
    step = await _tap_here(chat, step, "Next", "step 2 of 3")
    # a double tap: the first press's button again, on the same (current) message
    answer = await chat.press_data(step["message_id"], old_next, forge=True)
    assert answer.get("text") != texts.BUTTON_STALE
    assert await _quiet(chat, step["message_id"]) == []
    assert "step 2 of 3" in (await chat.message(step["message_id"]))["text"]
    assert (await _row(bot)).step == 1


async def test_a_press_on_a_deleted_message_moves_on_in_a_new_one(
    bot: BotProcess, chat: Chat, client: SandboxClient, sandbox: SandboxServer
) -> None:
    step = await _open(chat)
    stored = sandbox.world.find_message(sandbox.world.chats[USER], step["message_id"])
    assert stored is not None
    stored.deleted = True
    before = await _last_id(chat)
    await chat.press_data(step["message_id"], await _data(step, "Next"), forge=True)
    (moved,) = await chat.wait_new(before)
    assert "step 2 of 3" in moved["text"]
    assert (await _row(bot)).message_id == moved["message_id"]
    await _tap_here(chat, moved, "Back", "step 1 of 3")


async def test_a_timer_end_on_a_screen_that_cannot_be_edited_comes_as_a_new_one(
    bot: BotProcess, chat: Chat, client: SandboxClient
) -> None:
    step = await _open(chat)
    step = await _tap_here(chat, step, "Next", "step 2 of 3")
    await chat.tap(step, "Start now")  # the hold started by itself; no wait
    await chat.wait_edit(step["message_id"], "Holding for 30 s")
    await client.add_fault("editMessageText", error_code=400, description=CANNOT_EDIT)
    before = await _last_id(chat)
    bot.clock.advance(timedelta(seconds=31))
    (screen,) = await chat.wait_new(before)  # the end is the next screen, a new message anyway
    assert "30 s done" in screen["text"] and "Left foot" in screen["text"]
    assert (await _row(bot)).message_id == screen["message_id"]
    await _tap_here(chat, screen, "Next", "step 3 of 3")
