"""Fault injection: make the next matching Bot API calls fail or stall on purpose.

The bot must survive flood waits, blocked users, server errors and slow answers. Queued faults
let a test or a benchmark provoke each of them at a chosen call, deterministically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fault:
        """Build from the control API body, rejecting unknown keys."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        fault = cls(**data)
        if fault.count < 1:
            raise ValueError("count must be >= 1")
        if not fault.error_code and not fault.delay:
            raise ValueError("a fault needs an error_code, a delay, or both")
        return fault

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the control API."""
        return asdict(self)

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
        return [fault.to_dict() for fault in self._faults]

    def take(self, method: str, chat_id: Any = None) -> Fault | None:
        """Consume one use of the first fault matching this call."""
        for index, fault in enumerate(self._faults):
            if fault.matches(method, chat_id):
                fault.count -= 1
                if fault.count <= 0:
                    del self._faults[index]
                return fault
        return None
