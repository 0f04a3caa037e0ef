"""The aiohttp transport under PTB's Bot, against the local server: bodies, uploads, errors."""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.telegram.http import AiohttpRequest
from bot.telegram.outbox import Patience
from tests.conftest import TOKEN


@pytest.fixture
async def ptb_bot(sandbox: SandboxServer) -> AsyncIterator[Bot]:
    bot = Bot(TOKEN, base_url=f"{sandbox.url}/bot", request=AiohttpRequest())
    async with bot:
        yield bot


async def test_messages_with_keyboards_arrive(ptb_bot: Bot, client: SandboxClient) -> None:
    await client.create_user(3001, "Ada")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="v1:go:calf_raises")]])
    sent = await ptb_bot.send_message(
        3001, "<b>Hi</b> &amp; welcome", parse_mode="HTML", reply_markup=markup
    )
    (message,) = await client.transcript(3001)
    assert (message["message_id"], message["text"]) == (sent.message_id, "Hi & welcome")
    assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "v1:go:calf_raises"


async def test_uploads_go_as_multipart(ptb_bot: Bot, client: SandboxClient) -> None:
    await client.create_user(3002, "Ada")
    sent = await ptb_bot.send_document(3002, b"foot,notes\n1,2\n", filename="notes.csv")
    assert sent.document is not None
    assert await client.file_bytes(sent.document.file_id) == b"foot,notes\n1,2\n"


async def test_errors_map_like_ptbs_own_transport(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    await client.create_user(3003, "Ada")
    await client.add_fault("sendMessage", error_code=500)
    request = AiohttpRequest(patience=Patience.none())
    async with Bot(TOKEN, base_url=f"{sandbox.url}/bot", request=request) as ptb_bot:
        await _errors_map(ptb_bot, client)


async def _errors_map(ptb_bot: Bot, client: SandboxClient) -> None:
    with pytest.raises(NetworkError):
        await ptb_bot.send_message(3003, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await ptb_bot.send_message(999_999, "hi")
    await client.block(3003)
    with pytest.raises(Forbidden):
        await ptb_bot.send_message(3003, "hi")
    await client.unblock(3003)
    await client.add_fault("sendMessage", delay=1.0)
    with pytest.raises(TimedOut):
        await ptb_bot.send_message(3003, "hi", read_timeout=0.2)


async def test_without_a_timeout_per_call_the_transports_own_applies(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    await client.create_user(3004, "Ada")
    impatient = AiohttpRequest(read_timeout=0.2)
    async with Bot(TOKEN, base_url=f"{sandbox.url}/bot", request=impatient) as bot:
        await client.add_fault("sendMessage", delay=1.0)
        with pytest.raises(TimedOut):
            await bot.send_message(3004, "hi")
        assert (await bot.send_message(3004, "hi again")).text == "hi again"


async def test_server_trouble_and_flood_waits_are_retried_below_the_bot(
    ptb_bot: Bot, client: SandboxClient
) -> None:
    await client.create_user(3005, "Ada")
    await client.add_fault("sendMessage", error_code=502, count=2)
    await client.add_fault("sendMessage", error_code=429, retry_after=1)
    assert (await ptb_bot.send_message(3005, "hi")).text == "hi"
    (message,) = await client.transcript(3005)
    assert message["text"] == "hi"


async def test_a_timed_out_send_is_not_repeated_but_a_timed_out_edit_is(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    await client.create_user(3006, "Ada")
    impatient = AiohttpRequest(read_timeout=0.2)
    async with Bot(TOKEN, base_url=f"{sandbox.url}/bot", request=impatient) as bot:
        await client.add_fault("sendMessage", delay_after=0.5)
        with pytest.raises(TimedOut):
            await bot.send_message(3006, "hi")
        (message,) = await client.transcript(3006)
        await client.add_fault("editMessageText", delay_after=0.5)
        await bot.edit_message_text("hello", chat_id=3006, message_id=message["message_id"])
        (message,) = await client.transcript(3006)
        assert message["text"] == "hello"


async def test_a_callback_answer_refused_as_too_old_counts_as_done(
    ptb_bot: Bot, client: SandboxClient, sandbox: SandboxServer
) -> None:
    await client.create_user(3007, "Ada")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    sent = await ptb_bot.send_message(3007, "pick", reply_markup=markup)
    pressed = await client.press(3007, sent.message_id, callback_data="go")
    sandbox.world.callback_ttl = -1.0
    assert await ptb_bot.answer_callback_query(pressed["callback_query_id"]) is True


def test_the_bot_uses_only_ptbs_public_api() -> None:
    """`telegram._*` modules are PTB's internals: they move between minor releases."""
    package = Path(__file__).parents[2] / "bot"
    private: list[str] = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            parts = [name.split(".") for name in names]
            private += [
                f"{path.relative_to(package)}: {'.'.join(p)}"
                for p in parts
                if p[0] == "telegram" and any(part.startswith("_") for part in p[1:])
            ]
    assert private == []
