"""Fault injection: make the next matching Bot API calls fail or stall on purpose.

The bot must survive flood waits, blocked users, server errors and slow answers. Queued faults
let a test or a benchmark provoke each of them at a chosen call, deterministically.

A fault is used ``count`` times, or, with ``seconds``, on every matching call for that long
after it was queued ("500 for 15 s"). Besides an error it can stall the call before the call
acts (``delay``: nothing happens if the caller gives up), stall the answer after it acted
(``delay_after``: Telegram did the work, only the response is late, so a caller that times
out does not know it was delivered), or drop the connection without any answer
(``disconnect``: a connection outage, seen by the client as a reset).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.sandbox.errors import ApiError, too_many_requests

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}

# A fault without a method would otherwise be eaten by the bot's idle long poll.
NOT_MATCHED_BY_ANY = frozenset({"getupdates"})


@dataclass
class Fault:
    """One queued fault; ``method=None`` matches any method except getUpdates."""

    method: str | None = None
    error_code: int | None = None
    description: str | None = None
    retry_after: int | None = None
    delay: float | None = None
    count: int = 1
    chat_id: int | None = None
    seconds: float | None = None
    delay_after: float | None = None
    disconnect: bool = False
    until: float | None = field(default=None, repr=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fault:
        """Build from the control API body, rejecting unknown keys."""
        known = set(cls.__dataclass_fields__) - {"until"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        fault = cls(**data)
        if fault.count < 1:
            raise ValueError("count must be >= 1")
        if not (fault.error_code or fault.delay or fault.delay_after or fault.disconnect):
            raise ValueError("a fault needs an error_code, a delay, a delay_after or disconnect")
        if fault.seconds is not None:
            if fault.seconds <= 0:
                raise ValueError("seconds must be > 0")
            fault.until = time.monotonic() + fault.seconds
        return fault

    def expired(self, now: float) -> bool:
        """A fault with ``seconds`` stops matching once its time is up."""
        return self.until is not None and now >= self.until

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the control API."""
        data = asdict(self)
        del data["until"]
        return data

    def matches(self, method: str, chat_id: Any) -> bool:
        """Method names compare case-insensitively, like Telegram's routing."""
        name = method.lower()
        if self.method is None:
            if name in NOT_MATCHED_BY_ANY:
                return False
        elif self.method.lower() != name:
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)

    def error(self) -> ApiError | None:
        """The error this fault produces, or None for a pure delay."""
        if not self.error_code:
            return None
        if self.error_code == 429:
            error = too_many_requests(self.retry_after if self.retry_after is not None else 1)
            if self.description:
                error.description = self.description
            return error
        description = self.description or DEFAULT_DESCRIPTIONS.get(self.error_code, "Error")
        parameters = {"retry_after": self.retry_after} if self.retry_after is not None else None
        return ApiError(self.error_code, description, parameters)


class FaultQueue:
    """Faults in the order they were added; each is consumed ``count`` times."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Append a fault to the queue."""
        self._faults.append(fault)

    def clear(self) -> None:
        """Remove every queued fault."""
        self._faults.clear()

    def list(self) -> list[dict[str, Any]]:
        """The queued faults as dicts."""
        self._prune()
        return [fault.to_dict() for fault in self._faults]

    def take(self, method: str, chat_id: Any = None) -> Fault | None:
        """Consume one use of the first fault matching this call (a fault with ``seconds``
        is not used up, it runs out of time)."""
        self._prune()
        for index, fault in enumerate(self._faults):
            if fault.matches(method, chat_id):
                if fault.until is None:
                    fault.count -= 1
                    if fault.count <= 0:
                        del self._faults[index]
                return fault
        return None

    def _prune(self) -> None:
        now = time.monotonic()
        self._faults = [fault for fault in self._faults if not fault.expired(now)]
