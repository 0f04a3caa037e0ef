"""Webhook delivery: POST each pending update to the URL given to setWebhook.

An update leaves the queue only after a 2xx answer, so a failing receiver sees the same update
again (after a short pause), and getWebhookInfo reports the last error as Telegram does.

With one URL (Telegram's case) updates go one at a time, in order. With several targets set
through the control API (a load balancer in front of bot replicas) they are spread round-robin
over the targets, up to ``max_connections`` at once; a failed delivery is tried again on the
next target. A chat's updates still go one at a time and in order (the next one leaves only
after the previous one was answered 2xx), so that replicas can keep per-chat order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import aiohttp

from bot.sandbox.world import WebhookConfig, WebhookTargets, World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REQUEST_TIMEOUT = 10.0
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.5, 1.0)
SCAN_LIMIT = 2_000
"""How far into the queue the spreading dispatcher looks for updates it may send now."""


class WebhookDispatcher:
    """Runs as one background task for the server's lifetime."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._task: asyncio.Task[None] | None = None
        self._in_flight: dict[int, asyncio.Task[None]] = {}

    def start(self) -> None:
        """Begin delivering in the background."""
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        """Stop delivering; in-flight POSTs are abandoned."""
        tasks = [t for t in (self._task, *self._in_flight.values()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None
        self._in_flight.clear()

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
        failures = 0
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            while True:
                hook = self.world.webhook
                targets = self.world.webhook_targets
                if hook is not None and targets is not None and targets.urls:
                    self._spread(session, hook, targets)
                    await self.world.updates.wait_changed(1.0)
                    continue
                if self._in_flight:  # targets were just removed: let spread deliveries end
                    await asyncio.wait(set(self._in_flight.values()), timeout=1.0)
                    continue
                pending = self.world.updates.peek(1)
                if hook is None or not pending:
                    await self.world.updates.wait_changed(1.0)
                    continue
                update = pending[0]
                if await self._deliver(session, hook, hook.url, update):
                    failures = 0
                    current = self.world.updates.peek(1)
                    if current and current[0] is update:
                        self.world.updates.drop_first()
                else:
                    await asyncio.sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)])
                    failures += 1

    def _spread(
        self, session: aiohttp.ClientSession, hook: WebhookConfig, targets: WebhookTargets
    ) -> None:
        """Start a delivery for every pending update whose chat has nothing older pending."""
        seen: set[object] = set()
        for update in self.world.updates.peek(SCAN_LIMIT):
            if len(self._in_flight) >= hook.max_connections:
                return
            lane = update_lane(update)
            if lane in seen:
                continue
            seen.add(lane)
            update_id = int(update["update_id"])
            if update_id not in self._in_flight:
                self._in_flight[update_id] = asyncio.create_task(
                    self._deliver_spread(session, hook, targets, update),
                    name=f"sandbox-webhook-{update_id}",
                )

    async def _deliver_spread(
        self,
        session: aiohttp.ClientSession,
        hook: WebhookConfig,
        targets: WebhookTargets,
        update: dict[str, Any],
    ) -> None:
        """Deliver one update, each try on the next target, until one answers 2xx."""
        failures = 0
        try:
            while self.world.webhook_targets is targets and targets.urls:
                url = targets.next_url()
                if await self._deliver(session, hook, url, update):
                    targets.delivered[url] = targets.delivered.get(url, 0) + 1
                    self.world.updates.remove(update)
                    return
                targets.failed[url] = targets.failed.get(url, 0) + 1
                error = hook.last_error_message or "unknown"
                targets.errors[error] = targets.errors.get(error, 0) + 1
                await asyncio.sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)])
                failures += 1
        finally:
            self._in_flight.pop(int(update["update_id"]), None)
            self.world.updates.wake_all()

    async def _deliver(
        self,
        session: aiohttp.ClientSession,
        hook: WebhookConfig,
        url: str,
        update: dict[str, Any],
    ) -> bool:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        try:
            async with session.post(url, data=json.dumps(update), headers=headers) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return True
                error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = (
                "Connection timed out" if isinstance(exc, TimeoutError) else "Connection refused"
            )
        hook.last_error_date = self.world.now()
        hook.last_error_message = error
        return False


def update_lane(update: dict[str, Any]) -> object:
    """What orders an update against others: its chat, else its sender, else nothing."""
    for key, payload in update.items():
        if key == "update_id" or not isinstance(payload, dict):
            continue
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return ("chat", chat["id"])
        sender = payload.get("from") or payload.get("user")
        if isinstance(sender, dict) and "id" in sender:
            return ("user", sender["id"])
    return ("update", update.get("update_id"))
