"""Webhook mode over real HTTP: the sandbox server posts updates to the bot's own endpoint.

The bot calls setWebhook at start; every answer below went through the inbox, stored before
the endpoint said 200.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.inbox.webhook import SECRET_HEADER
from bot.sandbox import actions
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.models import InboxUpdate
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.telegram.chat import Chat

SECRET = "s3cret-token_for-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sqlite_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    port = free_port()
    settings = make_settings(sandbox.url, sqlite_url).model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_secret": SECRET,
            "webhook_listen": "127.0.0.1",
            "port": port,
        }
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def stored(bot: BotProcess) -> int:
    async with bot.sessions() as session:
        return await session.scalar(select(func.count()).select_from(InboxUpdate)) or 0


async def test_start_and_a_button_arrive_by_webhook_and_are_answered(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    assert sandbox.world.webhook is not None
    assert sandbox.world.webhook.secret_token == SECRET
    chat = await Chat(client, 9101).setup()
    replies = await chat.say("/start", replies=3)  # hello, reminder note, safety check
    screen = replies[-1]
    assert screen.get("reply_markup"), "the welcome has buttons"
    label = screen["reply_markup"]["inline_keyboard"][0][0]["text"]
    before = len(await chat.bot_messages())
    await chat.tap(screen, label)
    await chat.wait_for(
        lambda t: len([m for m in t if m["from_bot"]]) > before or any(m["edits"] > 0 for m in t),
        "an answer to the press",
    )
    assert await stored(bot) >= 2


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}])
async def test_a_missing_or_wrong_secret_gets_401_and_stores_nothing(
    bot: BotProcess, headers: dict[str, str]
) -> None:
    url = bot.settings.webhook_url
    assert url is not None
    update = {"update_id": 777, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}
    async with aiohttp.ClientSession() as http, http.post(url, json=update, headers=headers) as r:
        assert r.status == 401
    async with aiohttp.ClientSession() as http:
        right = {SECRET_HEADER: SECRET}
        async with http.post(url, data=b"{not json", headers=right) as r:
            assert r.status == 400
    assert await stored(bot) == 0


async def test_the_same_update_delivered_twice_is_handled_once(
    bot: BotProcess, client: SandboxClient, sandbox: SandboxServer
) -> None:
    chat = await Chat(client, 9102).setup()
    (first,) = await chat.say("/help")
    sent = actions.user_message(sandbox.world, chat.user_id, "/help")
    await chat.wait_for(lambda t: len([m for m in t if m["from_bot"]]) >= 2, "the second help")
    await client.redeliver(sent["update_id"])
    await chat.say("calf raises")
    await asyncio.sleep(0.1)
    helps = [m for m in await chat.bot_messages() if m["text"] == first["text"]]
    assert len(helps) == 2
