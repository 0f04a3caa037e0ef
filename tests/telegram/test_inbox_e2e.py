"""The inbox over real HTTP: a crash loses nothing, a redelivery does nothing, poison is parked.

The bot polls the sandbox server; updates are stored before the offset moves past them and
handled from the database, one at a time per chat.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import INBOX
from bot.domain.inbox import InboxStatus
from bot.inbox.worker import Worker
from bot.sandbox import actions
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.models import InboxUpdate, Subscription, User
from bot.telegram import commands
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.telegram.chat import Chat

LEASE_SECONDS = 0.5


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    """The bot with a short lease and quick retries, so a crash heals within a second."""
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={
            "inbox_lease_seconds": LEASE_SECONDS,
            "inbox_retry_seconds": 0.05,
            "inbox_max_attempts": 2,
            "inbox_idle_seconds": 0.1,
        }
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def crash(bot: BotProcess) -> None:
    """Stop as kill -9 would: running handlers vanish, nothing is marked done."""
    assert bot.app is not None
    worker = bot.app.bot_data[INBOX]
    assert isinstance(worker, Worker)
    worker.kill()
    await bot.stop()


async def count(bot: BotProcess, model: Any, **where: Any) -> int:
    async with bot.sessions() as session:
        query = select(func.count()).select_from(model).filter_by(**where)
        return await session.scalar(query) or 0


async def inbox_row(bot: BotProcess, update_id: int) -> InboxUpdate | None:
    async with bot.sessions() as session:
        return await session.get(InboxUpdate, update_id)


async def settled(bot: BotProcess, update_id: int, status: InboxStatus) -> InboxUpdate:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        row = await inbox_row(bot, update_id)
        if row is not None and row.status == status:
            return row
        await asyncio.sleep(0.02)
    raise AssertionError(f"update {update_id} never became {status}")


async def test_a_crash_during_a_handler_is_healed_once_after_the_lease(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    chat = await Chat(client, 8101).setup()
    # The first answer hangs, then fails: the handler has written the person and their
    # subscription, and is waiting on Telegram when the process dies.
    await client.add_fault("sendMessage", delay=1.0, error_code=500)
    sent = actions.user_message(sandbox.world, chat.user_id, "/start")
    update_id = sent["update_id"]
    deadline = time.monotonic() + 5
    while await count(bot, Subscription, user_id=chat.user_id) == 0:
        assert time.monotonic() < deadline, "the handler never wrote"
        await asyncio.sleep(0.01)
    await crash(bot)
    await bot.start()

    done = await settled(bot, update_id, InboxStatus.DONE)
    assert done.attempts == 2  # the dead process's attempt, then this one
    answers = await chat.bot_messages()
    assert answers, "the person never got an answer"
    assert len({m["text"] for m in answers}) == len(answers), "an answer came twice"
    assert await count(bot, User, id=chat.user_id) == 1
    assert await count(bot, Subscription, user_id=chat.user_id) == 1
    assert await count(bot, InboxUpdate, update_id=update_id) == 1


async def test_the_same_update_delivered_twice_is_handled_once(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    chat = await Chat(client, 8102).setup()
    (first,) = await chat.say("/help")
    sent = actions.user_message(sandbox.world, chat.user_id, "/help")
    await chat.wait_for(lambda t: len([m for m in t if m["from_bot"]]) >= 2, "the second help")
    await settled(bot, sent["update_id"], InboxStatus.DONE)
    # Telegram sends it again (as after a lost acknowledgement): stored once, handled once.
    await client.redeliver(sent["update_id"])
    await chat.say("calf raises")
    helps = [m for m in await chat.bot_messages() if m["text"] == first["text"]]
    assert len(helps) == 2


async def test_an_unparsable_update_is_parked_and_nobody_waits_for_it(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    ada = await Chat(client, 8103).setup()
    bob = await Chat(client, 8104, "Bob").setup()
    poison = sandbox.world.updates.push(
        "message", {"message_id": 1, "chat": {"id": ada.user_id}, "from": {"id": ada.user_id}}
    )
    started = time.monotonic()
    (help_text,) = await bob.say("/help")
    assert time.monotonic() - started < 1.0
    row = await settled(bot, poison["update_id"], InboxStatus.PARKED)
    assert row.attempts == 1 and row.error
    # Not even Ada's own next update waits for it.
    assert (await ada.say_one("/help"))["text"] == help_text["text"]


async def test_a_handler_that_always_raises_is_parked_after_its_attempts(
    sandbox: SandboxServer,
    client: SandboxClient,
    sqlite_url: str,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(update: object, context: object) -> None:
        raise RuntimeError("a bug in the handler")

    monkeypatch.setattr(commands, "unknown_command", broken)
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={"inbox_retry_seconds": 0.05, "inbox_max_attempts": 2, "inbox_idle_seconds": 0.1}
    )
    process = BotProcess(settings, clock)
    await process.start()
    try:
        ada = await Chat(client, 8105).setup()
        bob = await Chat(client, 8106, "Bob").setup()
        with caplog.at_level(logging.WARNING):
            sent = actions.user_message(sandbox.world, ada.user_id, "/nonsense")
            row = await settled(process, sent["update_id"], InboxStatus.PARKED)
            started = time.monotonic()
            assert "/today" in (await bob.say_one("/help"))["text"]
            assert time.monotonic() - started < 1.0
        assert (row.attempts, row.error) == (2, "RuntimeError: a bug in the handler")
        assert any("parked update" in r.getMessage() for r in caplog.records)
        assert all("/nonsense" not in r.getMessage() for r in caplog.records)
    finally:
        await process.stop()


async def test_updates_of_one_chat_are_handled_in_order(
    bot: BotProcess, client: SandboxClient
) -> None:
    chat = await Chat(client, 8107).setup()
    names = ["calf raises", "toe curls", "ball massage", "ankle circles", "toe spacers"]
    for name in names:
        await client.send_text(chat.user_id, name)
    replies = await chat.wait_new(0, len(names))
    firsts = [reply["text"].split("\n", 1)[0].lower() for reply in replies]
    for name, first in zip(names, firsts, strict=True):
        assert name.split()[0] in first, (name, first)


async def test_a_handler_slower_than_its_lease_keeps_its_row(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    """The answer takes four leases to arrive: the worker renews the lease meanwhile, so no
    worker (here or in another process) takes the row again while it runs."""
    chat = await Chat(client, 8107).setup()
    await client.add_fault("sendMessage", delay=4 * LEASE_SECONDS)
    sent = actions.user_message(sandbox.world, chat.user_id, "/help")
    done = await settled(bot, sent["update_id"], InboxStatus.DONE)
    assert done.attempts == 1
    assert len(await chat.bot_messages()) == 1
