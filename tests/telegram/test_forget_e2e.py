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
INBOX = "inbox_updates"


async def state_about(bot: BotProcess, user_id: int) -> dict[str, int]:
    """Rows about the person except the inbox, which gains a row with every update sent."""
    return {
        table: count
        for table, count in (await rows_about(bot.sessions, user_id)).items()
        if table != INBOX
    }


async def _two_people(bot: BotProcess, client: SandboxClient) -> Chat:
    for user_id in (USER, OTHER):
        await subscribe(bot.sessions, user_id, bot.clock.now)
        await a_whole_life(bot.sessions, user_id, bot.clock.now)
    return await Chat(client, USER).setup()


async def _inbox_forgets(bot: BotProcess, user_id: int) -> None:
    for _ in range(100):
        if (await rows_about(bot.sessions, user_id))[INBOX] == 0:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the inbox still holds a handled update of the person")


async def test_forget_asks_then_deletes_everything_and_start_is_new(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await _two_people(bot, client)
    assert all((await rows_about(bot.sessions, USER)).values())
    before = await state_about(bot, USER)
    others = await state_about(bot, OTHER)

    question = await chat.say_one("/forget")
    assert question["text"].startswith("Delete everything I know about you?")
    await press_and_wait(chat, question, "No, keep it", texts.FORGET_KEPT)
    assert await state_about(bot, USER) == before

    question = await chat.say_one("/forget")
    assert await state_about(bot, USER) == before  # asking wrote nothing
    done = await press_and_wait(chat, question, "Yes, delete", texts.FORGOTTEN)
    assert done["reply_markup"] in (None, {})
    assert set((await state_about(bot, USER)).values()) == {0}
    # The inbox kept only the "Yes" press, until it was handled: then it names nobody.
    await _inbox_forgets(bot, USER)
    assert await state_about(bot, OTHER) == others

    # Pressing yes again (a double tap arriving late) is harmless.
    yes = next(d for label, d in buttons(question) if label == texts.FORGET_YES)
    answer = await chat.press_data(question["message_id"], yes, forge=True)
    assert answer.get("text") is None
    assert set((await state_about(bot, USER)).values()) == {0}

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
    assert set((await state_about(bot, USER)).values()) == {0}
    assert all((await rows_about(bot.sessions, OTHER)).values())
