"""/forget over HTTP: one confirmation, then no row about the person in any table."""

from __future__ import annotations

import asyncio

from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.storage.history_rows import a_whole_life
from tests.storage.subscribers import subscribe
from tests.storage.test_forget import rows_about
from tests.telegram.chat import Chat, buttons
from tests.telegram.test_onboarding_e2e import press_and_wait

USER, OTHER = 7301, 7302


async def _two_people(bot: BotProcess, client: SandboxClient) -> Chat:
    for user_id in (USER, OTHER):
        await subscribe(bot.sessions, user_id, bot.clock.now)
        await a_whole_life(bot.sessions, user_id, bot.clock.now)
    return await Chat(client, USER).setup()


async def test_forget_asks_then_deletes_everything_and_start_is_new(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _two_people(bot, client)
    before = await rows_about(bot.sessions, USER)
    assert all(before.values())
    others = await rows_about(bot.sessions, OTHER)

    question = await chat.say_one("/forget")
    assert question["text"].startswith("Delete everything I know about you?")
    await press_and_wait(chat, question, "No, keep it", texts.FORGET_KEPT)
    assert await rows_about(bot.sessions, USER) == before

    question = await chat.say_one("/forget")
    assert await rows_about(bot.sessions, USER) == before  # asking wrote nothing
    done = await press_and_wait(chat, question, "Yes, delete", texts.FORGOTTEN)
    assert done["reply_markup"] in (None, {})
    assert set((await rows_about(bot.sessions, USER)).values()) == {0}
    assert await rows_about(bot.sessions, OTHER) == others

    # Pressing yes again (a double tap arriving late) is harmless.
    yes = next(d for label, d in buttons(question) if label == texts.FORGET_YES)
    answer = await chat.press_data(question["message_id"], yes, forge=True)
    assert answer.get("text") is None
    assert set((await rows_about(bot.sessions, USER)).values()) == {0}

    replies = await chat.say("/start", replies=3)
    assert "Hello, Ada!" in replies[0]["text"]
    assert replies[1]["text"] == texts.ONBOARDING_INTRO


async def test_two_yes_presses_at_once_both_get_an_answer(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _two_people(bot, client)
    question = await chat.say_one("/forget")
    yes = next(d for label, d in buttons(question) if label == texts.FORGET_YES)
    await asyncio.gather(
        chat.press_data(question["message_id"], yes),
        chat.press_data(question["message_id"], yes, forge=True),
    )
    await chat.wait_edit(question["message_id"], texts.FORGOTTEN)
    assert set((await rows_about(bot.sessions, USER)).values()) == {0}
    assert all((await rows_about(bot.sessions, OTHER)).values())
