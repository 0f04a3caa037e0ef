"""Bad input and failing calls: the person always gets an answer, the bot keeps going."""

from __future__ import annotations

import logging

import pytest

from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import TOKEN, BotProcess
from tests.telegram.chat import Chat


@pytest.fixture
async def chat(bot: BotProcess, client: SandboxClient) -> Chat:
    return await Chat(client, 4001).setup()


async def test_a_location_outside_the_zone_question_gets_a_pointer(
    chat: Chat, client: SandboxClient
) -> None:
    await client.send_location(chat.user_id, 52.52, 13.40)
    (reply,) = await chat.wait_new(0)
    assert reply["text"] == texts.LOCATION_OUTSIDE_SETUP


async def test_a_failed_send_is_logged_without_the_token_and_the_bot_goes_on(
    chat: Chat, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    # Telegram's final word (a 400 that is no edit refusal) reaches the error handler.
    await client.add_fault("sendMessage", error_code=400, description="Bad Request: odd", count=1)
    with caplog.at_level(logging.ERROR):
        sorry = await chat.say_one("calf raises")
    assert sorry["text"] == texts.SORRY
    assert any("error while handling update" in r.getMessage() for r in caplog.records)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)

    card = await chat.say_one("calf raises")
    assert "Calf raises" in card["text"]


async def test_a_failing_button_still_gets_an_answer(chat: Chat, client: SandboxClient) -> None:
    card = await chat.say_one("ball massage")
    await client.add_fault("sendMessage", error_code=400, description="Bad Request: odd", count=1)
    answer = await chat.tap(card, "Start")
    assert answer.get("text") in (None, "", texts.SORRY)
    # The walkthrough row exists; starting again works once the server behaves.
    await chat.tap(card, "Start")
    await chat.wait_for(
        lambda t: any("step 1 of" in m["text"] for m in t if m["from_bot"]), "step 1"
    )
