"""What the benchmarks share: the project on the import path and the sandbox server process.

Each benchmark runs the local Bot API server in its own process (so the bot and the server
do not share one core and one event loop) and talks to it over loopback HTTP, as the bot does
with Telegram.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def sandbox_server() -> Iterator[str]:
    """Start ``python -m bot.sandbox.server`` on a free port; yield its URL; stop it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox.server", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


async def wait_for_server(session: aiohttp.ClientSession, url: str, seconds: float = 10) -> None:
    """Return once the server answers its status route."""
    for _ in range(int(seconds / 0.05)):
        try:
            async with session.get(f"{url}/sandbox/status") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError(f"the sandbox server at {url} did not come up within {seconds} s")
