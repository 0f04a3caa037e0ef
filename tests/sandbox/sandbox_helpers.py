"""Helpers shared by the sandbox tests: a raw Bot API caller, the token, a real PNG."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import aiohttp

TOKEN = "123456789:AAEfakeTokenForTheSandbox_0123456789"
BOT_ID = 123456789


def make_png(width: int = 3, height: int = 2) -> bytes:
    """A real, tiny RGB PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class RawApi:
    """Calls the Bot API over plain HTTP, to see exact status codes and envelopes."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str = TOKEN) -> None:
        self.session = session
        self.url = url
        self.token = token

    async def call(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        """POST JSON; returns (HTTP status, body)."""
        async with self.session.post(f"{self.url}/bot{self.token}/{method}", json=params) as resp:
            return resp.status, await resp.json()

    async def form(self, method: str, **params: str) -> tuple[int, dict[str, Any]]:
        """POST form-encoded strings, as python-telegram-bot does."""
        async with self.session.post(f"{self.url}/bot{self.token}/{method}", data=params) as resp:
            return resp.status, await resp.json()

    async def error(self, method: str, **params: Any) -> str:
        """Call and return the description, asserting it failed with 400."""
        status, body = await self.call(method, **params)
        assert status == 400, body
        assert body["ok"] is False and body["error_code"] == 400
        return str(body["description"])
