"""A bounded log of every Bot API call, so tests can assert on what the bot asked for.

Bounded because benchmarks push tens of thousands of calls through one server.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from bot.sandbox.validation import Upload


class CallLog:
    """The last ``maxlen`` calls, oldest first."""

    def __init__(self, maxlen: int = 10_000) -> None:
        self._calls: deque[dict[str, Any]] = deque(maxlen=maxlen)
        self.total = 0

    def record(
        self,
        method: str,
        params: dict[str, Any],
        *,
        ok: bool,
        error_code: int | None,
        description: str | None,
        at: float,
    ) -> None:
        """Store one call; uploads are summarised instead of kept."""
        self.total += 1
        self._calls.append(
            {
                "method": method,
                "params": {key: _loggable(value) for key, value in params.items()},
                "ok": ok,
                "error_code": error_code,
                "description": description,
                "time": at,
            }
        )

    def list(self, method: str | None = None) -> list[dict[str, Any]]:
        """Calls, optionally only of one method (case-insensitive)."""
        if method is None:
            return list(self._calls)
        wanted = method.lower()
        return [call for call in self._calls if call["method"].lower() == wanted]

    def clear(self) -> None:
        """Forget logged calls."""
        self._calls.clear()


def _loggable(value: Any) -> Any:
    if isinstance(value, Upload):
        return {
            "upload": value.filename,
            "content_type": value.content_type,
            "size": len(value.data),
        }
    return value
