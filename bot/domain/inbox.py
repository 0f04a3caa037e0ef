"""What the inbox needs to know about a raw update, and what to do after a failed attempt.

Pure rules on plain JSON: the inbox stores updates that python-telegram-bot may fail to parse,
so nothing here may depend on PTB's classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MAX_ERROR_LENGTH = 500


class InboxStatus(StrEnum):
    PENDING = "pending"
    """Waiting for a worker, or taken by one under a lease."""
    DONE = "done"
    """Handled; pruned after the retention period."""
    PARKED = "parked"
    """Dead letter: could not be parsed, or failed too often. Kept with its error."""


class Verdict(StrEnum):
    """What happens to a row after one attempt."""

    DONE = "done"
    RETRY = "retry"
    PARK = "park"


@dataclass(frozen=True, slots=True)
class Envelope:
    """The parts of a raw update the inbox stores beside it."""

    update_id: int
    kind: str
    chat_id: int | None
    user_id: int | None

    @property
    def lane(self) -> int | None:
        """Updates of one lane run one at a time, in order: the chat, else the person."""
        return self.chat_id if self.chat_id is not None else self.user_id


class Unreadable(ValueError):
    """Not even an update_id: nothing can be stored or acknowledged for it."""


def envelope(raw: dict[str, Any]) -> Envelope:
    """Read the update id, its kind, its chat and its sender, tolerating any other damage."""
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise Unreadable("update without an integer update_id")
    kinds = [key for key in raw if key != "update_id"]
    kind = kinds[0] if kinds else "unknown"
    body = raw.get(kind)
    if not isinstance(body, dict):
        return Envelope(update_id, kind[:32], None, None)
    return Envelope(update_id, kind[:32], _chat_id(body), _id(body.get("from")))


def _chat_id(body: dict[str, Any]) -> int | None:
    """A message has its chat; a callback query has it on its message; others have none."""
    chat = _id(body.get("chat"))
    if chat is not None:
        return chat
    message = body.get("message")
    return _id(message.get("chat")) if isinstance(message, dict) else None


def _id(value: object) -> int | None:
    if isinstance(value, dict):
        found = value.get("id")
        if isinstance(found, int) and not isinstance(found, bool):
            return found
    return None


def verdict(*, failed: bool, retryable: bool, attempts: int, max_attempts: int) -> Verdict:
    """After an attempt: done, try again later, or park for the operator.

    `attempts` counts this one. A failure that cannot improve (unparsable) parks at once; any
    other failure parks when it has used up `max_attempts`.
    """
    if not failed:
        return Verdict.DONE
    if not retryable or attempts >= max_attempts:
        return Verdict.PARK
    return Verdict.RETRY


def short_error(error: BaseException) -> str:
    """The error kept on a parked row: its type and message, cut to fit the column."""
    text = f"{type(error).__name__}: {error}"
    return text[:MAX_ERROR_LENGTH]
