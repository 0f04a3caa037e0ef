"""Webhook delivery spread over several targets, as a load balancer in front of replicas.

The targets are tiny aiohttp endpoints in this process; each records what it receives and can
be told to fail. Delivery order per chat is checked in the order the endpoints saw the updates.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient, SandboxServer

SECRET = "spread-secret"


class Replica:
    """One webhook endpoint; `seen` is shared by all replicas, in arrival order."""

    def __init__(self, seen: list[tuple[str, dict[str, Any]]], name: str) -> None:
        self.seen = seen
        self.name = name
        self.status = 200
        self.url = ""
        self.secrets: set[str | None] = set()

    async def handle(self, request: web.Request) -> web.Response:
        if self.status != 200:
            return web.Response(status=self.status)
        self.secrets.add(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        update = await request.json()
        await asyncio.sleep(0.005)  # a receiver that takes a moment, so deliveries overlap
        self.seen.append((self.name, update))
        return web.Response(text="ok")


@pytest.fixture
async def replicas() -> AsyncIterator[list[Replica]]:
    seen: list[tuple[str, dict[str, Any]]] = []
    runners, made = [], []
    for index in range(3):
        replica = Replica(seen, f"r{index}")
        app = web.Application()
        app.router.add_post("/telegram", replica.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        replica.url = f"http://127.0.0.1:{runner.addresses[0][1]}/telegram"
        runners.append(runner)
        made.append(replica)
    yield made
    for runner in runners:
        await runner.cleanup()


async def wait_delivered(sandbox: SandboxServer, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if not sandbox.world.updates.pending_count:
            return
        await asyncio.sleep(0.02)
    assert sandbox.world.updates.pending_count == 0


def per_chat_order_kept(seen: list[tuple[str, dict[str, Any]]]) -> bool:
    last: dict[int, int] = {}
    for _, update in seen:
        chat = update["message"]["chat"]["id"]
        if update["update_id"] <= last.get(chat, 0):
            return False
        last[chat] = update["update_id"]
    return True


async def test_deliveries_are_spread_round_robin_once_each_in_chat_order(
    api: RawApi, client: SandboxClient, sandbox: SandboxServer, replicas: list[Replica]
) -> None:
    await api.call("setWebhook", url="https://bot.example/telegram", secret_token=SECRET)
    targets = await client.set_webhook_targets([r.url for r in replicas])
    assert targets is not None and targets["urls"] == [r.url for r in replicas]
    sent = []
    for round_ in range(5):
        for user_id in range(2001, 2013):
            sent.append(await client.send_text(user_id, f"message {round_}"))
    await wait_delivered(sandbox)
    seen = replicas[0].seen
    assert sorted(u["update_id"] for _, u in seen) == sorted(s["update_id"] for s in sent)
    assert per_chat_order_kept(seen)
    counts = {r.name: sum(1 for name, _ in seen if name == r.name) for r in replicas}
    assert all(count == 20 for count in counts.values()), counts
    assert all(r.secrets == {SECRET} for r in replicas)
    summary = await client.webhook_targets()
    assert summary is not None
    assert sorted(summary["delivered"].values()) == [20, 20, 20]


async def test_a_failing_or_gone_target_is_skipped_and_nothing_is_lost(
    api: RawApi, client: SandboxClient, sandbox: SandboxServer, replicas: list[Replica]
) -> None:
    await api.call("setWebhook", url="https://bot.example/telegram", secret_token=SECRET)
    replicas[1].status = 500
    gone = "http://127.0.0.1:9/telegram"  # the discard port: connection refused
    await client.set_webhook_targets([replicas[0].url, replicas[1].url, gone])
    sent = [await client.send_text(3001 + n % 4, f"m{n}") for n in range(20)]
    await wait_delivered(sandbox)
    seen = replicas[0].seen
    assert sorted(u["update_id"] for _, u in seen) == [s["update_id"] for s in sent]
    assert {name for name, _ in seen} == {"r0"}
    assert per_chat_order_kept(seen)
    summary = await client.webhook_targets()
    assert summary is not None
    assert summary["failed"][replicas[1].url] > 0 and summary["failed"][gone] > 0
    _, info = await api.call("getWebhookInfo")
    assert info["result"]["last_error_message"]


async def test_without_targets_the_setwebhook_url_gets_everything_in_order(
    api: RawApi, client: SandboxClient, sandbox: SandboxServer, replicas: list[Replica]
) -> None:
    await client.set_webhook_targets([replicas[1].url, replicas[2].url])
    assert await client.set_webhook_targets([]) is None
    assert await client.webhook_targets() is None
    await api.call("setWebhook", url=replicas[0].url)
    sent = [await client.send_text(4001 + n % 3, f"m{n}") for n in range(9)]
    await wait_delivered(sandbox)
    assert [u["update_id"] for _, u in replicas[0].seen] == [s["update_id"] for s in sent]
    assert {name for name, _ in replicas[0].seen} == {"r0"}


async def test_targets_must_be_http_urls(client: SandboxClient) -> None:
    with pytest.raises(Exception, match="urls"):
        await client.set_webhook_targets(["ftp://nope"])
