"""A local Telegram Bot API server (and its control client) for tests, demos and benchmarks.

Names are resolved lazily so that ``python -m bot.sandbox.server`` does not import the server
module twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.sandbox.client import SandboxClient, SandboxError
    from bot.sandbox.server import SandboxServer

__all__ = ["SandboxClient", "SandboxError", "SandboxServer"]


def __getattr__(name: str) -> Any:
    if name in ("SandboxClient", "SandboxError"):
        from bot.sandbox import client

        return getattr(client, name)
    if name == "SandboxServer":
        from bot.sandbox import server

        return server.SandboxServer
    raise AttributeError(f"module 'bot.sandbox' has no attribute {name!r}")
