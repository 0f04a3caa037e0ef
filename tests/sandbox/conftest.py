"""Fixtures that start a real sandbox server on a free loopback port for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import telegram
from sandbox_helpers import TOKEN, RawApi

from bot.sandbox import SandboxClient, SandboxServer


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    server = SandboxServer(port=0)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.url) as sandbox_client:
        yield sandbox_client


@pytest.fixture
async def api(sandbox: SandboxServer) -> AsyncIterator[RawApi]:
    async with aiohttp.ClientSession() as session:
        yield RawApi(session, sandbox.url)


@pytest.fixture
async def ptb(sandbox: SandboxServer) -> AsyncIterator[telegram.Bot]:
    ptb_bot = telegram.Bot(TOKEN, base_url=f"{sandbox.url}/bot")
    async with ptb_bot:
        yield ptb_bot


@pytest.fixture
async def user(client: SandboxClient) -> dict[str, Any]:
    return await client.create_user(1001, "Ada", username="ada")
