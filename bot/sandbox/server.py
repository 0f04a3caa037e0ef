"""The sandbox server: Bot API routes and control routes on one loopback aiohttp app.

``SandboxServer`` is what tests, ``footbot sandbox`` and the benchmarks start; ``main`` runs it
standalone (``python -m bot.sandbox.server --port 8081``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from aiohttp import web

from bot.sandbox.bot_api import BotApi
from bot.sandbox.control import ControlApi, control_errors
from bot.sandbox.webhook import WebhookDispatcher
from bot.sandbox.world import World

# Telegram accepts 50 MB documents; aiohttp's default body limit is 1 MiB.
MAX_REQUEST_BYTES = 60 * 1024 * 1024

log = logging.getLogger(__name__)


def build_app(world: World, token: str | None = None) -> web.Application:
    """The aiohttp application for one world."""
    app = web.Application(client_max_size=MAX_REQUEST_BYTES, middlewares=[control_errors])
    bot_api = BotApi(world, token)
    app.router.add_route("*", "/bot{token}/{method}", bot_api.handle)
    app.router.add_routes(ControlApi(world).routes())
    return app


class SandboxServer:
    """A local Telegram Bot API server; ``world`` gives in-process tests direct access."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        token: str | None = None,
        world: World | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.token = token
        self.world = world or World()
        self._runner: web.AppRunner | None = None
        self._webhooks = WebhookDispatcher(self.world)

    @property
    def url(self) -> str:
        """Server root, e.g. ``http://127.0.0.1:54321`` (the bot appends ``/bot{token}``)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Listen (port 0 picks a free port, then ``port`` holds the real one)."""
        runner = web.AppRunner(
            build_app(self.world, self.token), handler_cancellation=True, access_log=None
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        self._webhooks.start()
        log.info("sandbox Bot API server listening on %s", self.url)

    async def stop(self) -> None:
        """Stop webhook delivery and close every connection."""
        await self._webhooks.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()


async def serve(host: str, port: int, token: str | None) -> None:
    """Run until cancelled."""
    async with SandboxServer(host, port, token=token) as server:
        print(f"FootBot sandbox Bot API server on {server.url}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Local Telegram Bot API sandbox server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=None, help="accept only this bot token")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port, args.token))


if __name__ == "__main__":
    main()
