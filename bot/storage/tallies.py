"""The events storage notes for the operator's metrics, counted once their transaction commits.

Storage says what it applied (`bot.storage.database.count_event`); `bot.ops.metrics` decides what
each one moves. Labels are short bounded words, never anything about a person.
"""

from __future__ import annotations

from dataclasses import dataclass

UPDATE_RECEIVED = "update_received"  # (type,)
DELIVERY_DUE = "delivery_due"  # (kind,)
DELIVERY_SENT = "delivery_sent"  # (kind,), value: seconds from due to sent
DELIVERY_FAILED = "delivery_failed"  # (kind, reason)
DELIVERY_SKIPPED = "delivery_skipped"  # (kind, reason)
ROUTINE_STARTED = "routine_started"  # ()
ROUTINE_FINISHED = "routine_finished"  # (status,)


@dataclass(frozen=True, slots=True)
class Tally:
    """Something storage applied, worth counting (a reminder sent, a routine finished):
    `name` says what, `labels` its few bounded details, `value` how much (1, or seconds)."""

    name: str
    labels: tuple[str, ...] = ()
    value: float = 1.0


def delivery_kind(slot: str) -> str:
    """A delivery's slot as a label: daily, snooze (snooze1, snooze2 ...) or weekly."""
    return "snooze" if slot.startswith("snooze") else slot


def failure_reason(reason: str) -> str:
    """A failed delivery's stored reason (Telegram's words) as one bounded word."""
    if reason == "blocked":
        return "blocked"
    if reason.startswith("timed out"):
        return "timeout"
    return "error"
