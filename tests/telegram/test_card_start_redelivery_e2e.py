""" "Start" on an exercise card is safe to handle twice: the press is remembered by its id."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.content import Catalogue
from bot.domain.inbox import InboxStatus
from bot.sandbox.client import SandboxClient
from bot.storage.database import SessionFactory
from bot.storage.models import InboxUpdate, Walkthrough
from bot.usecases import walkthrough as usecase
from bot.usecases.people import Person
from tests.conftest import BotProcess
from tests.telegram.chat import Chat, buttons

NOW = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


async def _walkthroughs(sessions: SessionFactory) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(Walkthrough)) or 0


async def _done(bot: BotProcess, update_id: int) -> bool:
    async with bot.sessions() as session:
        row = await session.get(InboxUpdate, update_id)
        return row is not None and row.status == InboxStatus.DONE and row.attempts >= 1


async def test_a_redelivered_start_press_starts_nothing_new(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 9801).setup()
    card = await chat.say_one("toe extensor stretch")
    data = next(d for text, d in buttons(card) if "Start" in text)
    pressed = await client.press(chat.user_id, card["message_id"], callback_data=data)
    (step,) = await chat.wait_new(card["message_id"])
    for _ in range(200):
        if await _done(bot, pressed["update_id"]):
            break
        await asyncio.sleep(0.02)
    assert await _walkthroughs(bot.sessions) == 1

    # Telegram delivers the same press again (the inbox row is pruned, or the worker died
    # after the start was stored): the same walkthrough, no second screen.
    async with bot.sessions.begin() as session:
        await session.execute(
            InboxUpdate.__table__.delete().where(
                InboxUpdate.__table__.c.update_id == pressed["update_id"]
            )
        )
    await client.redeliver(pressed["update_id"])
    for _ in range(200):
        if await _done(bot, pressed["update_id"]):
            break
        await asyncio.sleep(0.02)
    assert await _done(bot, pressed["update_id"])
    await chat.say_one("/help")  # everything before it has been answered
    assert await _walkthroughs(bot.sessions) == 1
    assert [m["message_id"] for m in await chat.bot_messages()][:2] == [
        card["message_id"],
        step["message_id"],
    ]
    assert len(await chat.bot_messages()) == 3  # card, step, help


async def test_the_same_press_finds_its_walkthrough_and_a_new_press_starts_one(
    sessions: SessionFactory, catalogue: Catalogue
) -> None:
    async def start(key: str) -> usecase.Started:
        started = await usecase.start_exercise(
            sessions,
            catalogue,
            person=Person(1, "Ada", "en"),
            chat_id=1,
            exercise_id="wall_calf_stretch",
            now=NOW,
            start_key=key,
        )
        assert isinstance(started, usecase.Started)
        return started

    first = await start("press-1")
    again = await start("press-1")
    assert (again.run.id, again.again, first.again) == (first.run.id, True, False)
    assert again.run.message_id is None  # never shown: the handler shows it this time
    await usecase.attach_message(sessions, first.run.id, 10)
    assert (await start("press-1")).run.message_id == 10
    other = await start("press-2")  # the person pressed Start again: a new walkthrough
    assert other.run.id != first.run.id and not other.again
    assert await _walkthroughs(sessions) == 2
