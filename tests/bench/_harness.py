"""What the benchmarks share: the project on the import path and the sandbox server process.

Each benchmark runs the local Bot API server in its own process (so the bot and the server
do not share one core and one event loop) and talks to it over loopback HTTP, as the bot does
with Telegram.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server(NamedTuple):
    url: str
    pid: int


@contextmanager
def sandbox_server() -> Iterator[Server]:
    """Start ``python -m bot.sandbox.server`` on a free port; yield its URL and pid; stop it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox.server", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield Server(f"http://127.0.0.1:{port}", server.pid)
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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far; 0.0 where /proc is missing.

    On a machine with two cores the bot, the server and the load generator share the CPU, so
    CPU time per press says more about a bot's cost than presses per second alone.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def bot_child(script: str, kind: str, url: str, database: str) -> Iterator[int]:
    """A bot in its own process (its pid), from its "ready" line until its stdin is closed.

    `script` is the benchmark itself, started again with ``--child kind url database``.
    """
    process = subprocess.Popen(
        [sys.executable, script, "--child", kind, url, database],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the {kind} bot did not start: {line!r}")
        yield process.pid
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
