"""Long polling, offset confirmation, and webhook delivery."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient

User = dict[str, Any]


async def test_long_poll_wakes_as_soon_as_an_update_arrives(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(api.call("getUpdates", timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()
    sent = await client.send_text(1001, "/start now")
    status, body = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 2
    assert status == 200
    (update,) = body["result"]
    assert update["update_id"] == sent["update_id"]
    message = update["message"]
    assert message["text"] == "/start now"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"]["id"] == 1001 and message["chat"]["id"] == 1001


async def test_long_poll_times_out_empty(api: RawApi) -> None:
    started = time.monotonic()
    status, body = await api.call("getUpdates", timeout=1)
    assert (status, body) == (200, {"ok": True, "result": []})
    assert 0.9 < time.monotonic() - started < 3


async def test_offset_confirms_earlier_updates(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    ids = [(await client.send_text(1001, f"m{i}"))["update_id"] for i in range(3)]
    _, body = await api.call("getUpdates")
    assert [u["update_id"] for u in body["result"]] == ids
    _, body = await api.call("getUpdates", offset=ids[1], limit=1)
    assert [u["update_id"] for u in body["result"]] == [ids[1]]
    _, body = await api.call("getUpdates", offset=ids[2] + 1)
    assert body["result"] == []
    assert (await client.status())["pending_updates"] == 0


async def test_a_second_poller_ends_the_first_with_409(api: RawApi) -> None:
    first = asyncio.create_task(api.call("getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(api.call("getUpdates", timeout=0))
    status, body = await asyncio.wait_for(first, 2)
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")
    assert (await second)[0] == 200


async def test_allowed_updates_filters_update_kinds(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await api.call("getUpdates", allowed_updates=["callback_query"])
    await client.send_text(1001, "ignored")
    _, body = await api.call("getUpdates")
    assert body["result"] == []


class Receiver:
    """A tiny webhook endpoint on loopback that records what it receives."""

    def __init__(self) -> None:
        self.received: asyncio.Queue[tuple[dict[str, Any], str | None]] = asyncio.Queue()
        self.fail_next = 0
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        if self.fail_next:
            self.fail_next -= 1
            return web.Response(status=500)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await self.received.put((await request.json(), secret))
        return web.Response(text="ok")


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    hook = Receiver()
    app = web.Application()
    app.router.add_post("/hook", hook.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hook.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield hook
    await runner.cleanup()


async def test_webhook_receives_updates_with_the_secret_token(
    api: RawApi, client: SandboxClient, receiver: Receiver, user: User
) -> None:
    status, _ = await api.call("setWebhook", url=receiver.url, secret_token="s3cret")
    assert status == 200
    sent = await client.send_text(1001, "hello hook")
    update, secret = await asyncio.wait_for(receiver.received.get(), 3)
    assert update["update_id"] == sent["update_id"]
    assert update["message"]["text"] == "hello hook"
    assert secret == "s3cret"
    _, info = await api.call("getWebhookInfo")
    assert info["result"]["url"] == receiver.url


async def test_webhook_retries_after_a_failed_delivery(
    api: RawApi, client: SandboxClient, receiver: Receiver, user: User
) -> None:
    receiver.fail_next = 1
    await api.call("setWebhook", url=receiver.url)
    await client.send_text(1001, "retry me")
    update, _ = await asyncio.wait_for(receiver.received.get(), 3)
    assert update["message"]["text"] == "retry me"
    _, info = await api.call("getWebhookInfo")
    assert info["result"]["last_error_message"].startswith("Wrong response from the webhook: 500")
    assert info["result"]["pending_update_count"] == 0


async def test_get_updates_conflicts_with_an_active_webhook(
    api: RawApi, receiver: Receiver
) -> None:
    await api.call("setWebhook", url=receiver.url)
    status, body = await api.call("getUpdates")
    assert status == 409
    assert body["description"] == (
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first"
    )
    await api.call("deleteWebhook")
    status, _ = await api.call("getUpdates")
    assert status == 200


async def test_delete_webhook_can_drop_pending_updates(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.send_text(1001, "stale")
    await api.call("deleteWebhook", drop_pending_updates=True)
    _, body = await api.call("getUpdates")
    assert body["result"] == []
