"""Webhook delivery: POST each pending update, in order, to the URL given to setWebhook.

An update leaves the queue only after a 2xx answer, so a failing receiver sees the same update
again (after a short pause), and getWebhookInfo reports the last error as Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import aiohttp

from bot.sandbox.world import WebhookConfig, World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REQUEST_TIMEOUT = 10.0
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.5, 1.0)


class WebhookDispatcher:
    """Runs as one background task for the server's lifetime."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin delivering in the background."""
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        """Stop delivering; an in-flight POST is abandoned."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
        failures = 0
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while True:
                hook = self.world.webhook
                pending = self.world.updates.peek(1)
                if hook is None or not pending:
                    await self.world.updates.wait_changed(1.0)
                    continue
                update = pending[0]
                if await self._deliver(session, hook, update):
                    failures = 0
                    current = self.world.updates.peek(1)
                    if current and current[0] is update:
                        self.world.updates.drop_first()
                else:
                    await asyncio.sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)])
                    failures += 1

    async def _deliver(
        self, session: aiohttp.ClientSession, hook: WebhookConfig, update: dict[str, Any]
    ) -> bool:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        try:
            async with session.post(hook.url, data=json.dumps(update), headers=headers) as resp:
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
