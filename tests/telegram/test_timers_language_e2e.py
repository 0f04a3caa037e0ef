"""A timer's end speaks the person's stored language, though the clock, not an update, sends
it: the rest's end and a hold's end (with the next foot and set) in Russian, exercise content
included, through the sandbox."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import use_language
from bot.sandbox.client import SandboxClient
from bot.telegram import texts
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, Message, labels


async def _ends(bot: BotProcess, chat: Chat, seconds: int) -> Message:
    before = max(m["message_id"] for m in await chat.transcript())
    bot.clock.advance(timedelta(seconds=seconds))
    (new,) = await chat.wait_new(before)
    return new


async def test_rest_and_hold_ends_arrive_in_russian(bot: BotProcess, client: SandboxClient) -> None:
    await client.create_user(3101, "Аня", language_code="ru")
    chat = Chat(client, 3101, "Аня")
    with use_language("ru"):
        start, next_, stop = texts.START_BUTTON, texts.NEXT_BUTTON, texts.STOP_BUTTON
    card = await chat.say_one("подъёмы на носки")
    await chat.tap(card, start)
    (step,) = await chat.wait_new(card["message_id"])
    assert "Подход 1 из 2" in step["text"]
    await chat.tap(step, next_)
    step = await chat.wait_edit(step["message_id"], "шаг 2 из 3")
    await chat.tap(step, next_)
    rest = await chat.wait_edit(step["message_id"], "подход 1 из 2 готов")
    assert "Отдых 30 с" in rest["text"]

    step = await _ends(bot, chat, 31)
    assert "Отдых окончен." in step["text"] and "Подход 2 из 2" in step["text"]
    assert stop in labels(step)
    await chat.wait_edit(rest["message_id"], "⏸ Отдых окончен.")

    assert "Подъёмы на носки" in step["text"]  # the content too, not only the frame
    assert "Calf raises" not in step["text"]


async def test_hold_ends_name_the_next_foot_and_set_in_russian(
    bot: BotProcess, client: SandboxClient
) -> None:
    await client.create_user(3102, "Аня", language_code="ru")
    chat = Chat(client, 3102, "Аня")
    with use_language("ru"):
        start, next_, start_now = texts.START_BUTTON, texts.NEXT_BUTTON, texts.HOLD_NOW_BUTTON
    card = await chat.say_one("равновесие на одной ноге")
    await chat.tap(card, start)
    (step,) = await chat.wait_new(card["message_id"])
    await chat.tap(step, next_)
    step = await chat.wait_edit(step["message_id"], "Правая стопа")
    await chat.tap(step, next_)
    step = await chat.wait_edit(step["message_id"], "шаг 3 из 3")
    # the hold starts by itself after its "get ready"; "Start now" skips the wait
    assert "удержание 30 с начнётся через 10 с" in step["text"]
    await chat.tap(step, start_now)
    step = await chat.wait_edit(step["message_id"], "Держим 30 с")

    new = await _ends(bot, chat, 36)
    assert "Время вышло:" in new["text"] and "30 с позади" in new["text"]
    assert "Теперь левая стопа." in new["text"] and "Подход 1 из 2 · Левая стопа" in new["text"]
    assert "Равновесие на одной ноге" in new["text"]
    await chat.wait_edit(step["message_id"], "Удержание закончено.")

    last = await _ends(bot, chat, 36)
    assert "Теперь: подход 2 из 2, правая стопа." in last["text"]
