"""The small HTTP listener of polling mode: the operator's routes on `HEALTH_PORT`.

Webhook mode needs none of this: its server already listens, and mounts the same routes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.routing import BaseRoute

STOP_SECONDS = 5.0


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handling: the bot's runner owns SIGTERM."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@asynccontextmanager
async def ops_listener(routes: Sequence[BaseRoute], host: str, port: int) -> AsyncIterator[int]:
    """Serve `routes` on host:port in the caller's event loop; yields the port it got (port
    0 asks for any free one)."""
    server = _QuietServer(
        uvicorn.Config(
            Starlette(routes=list(routes)),
            host=host,
            port=port,
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=int(STOP_SECONDS),
        )
    )
    serving = asyncio.create_task(server.serve(), name="health-listener")
    try:
        while not server.started:
            if serving.done():
                await serving  # raises why it could not listen
                raise OSError(f"the health listener stopped before listening on port {port}")
            await asyncio.sleep(0.01)
        (bound,) = {s.getsockname()[1] for srv in server.servers for s in srv.sockets}
        yield int(bound)
    finally:
        server.should_exit = True
        await asyncio.wait({serving}, timeout=STOP_SECONDS + 1)
