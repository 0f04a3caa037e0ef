"""The delivery engine's one decision, walked exhaustively: send, or skip with which reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest

from bot.storage.deliveries import SkipReason, skip_reason

DUE = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
CATCHUP = timedelta(hours=2)
ON_TIME = DUE + timedelta(seconds=30)
AT_THE_EDGE = DUE + CATCHUP  # exactly the window: still sent
STALE = DUE + CATCHUP + timedelta(microseconds=1)


def _expected(reachable: bool, now: datetime, done: bool) -> SkipReason | None:
    """The table: unreachable beats stale beats done; otherwise it goes out."""
    if not reachable:
        return SkipReason.INACTIVE
    if now is STALE:
        return SkipReason.MISSED
    if done:
        return SkipReason.DONE
    return None


@pytest.mark.parametrize(
    ("reachable", "now", "done"),
    list(product([True, False], [ON_TIME, AT_THE_EDGE, STALE], [True, False])),
)
def test_every_combination(reachable: bool, now: datetime, done: bool) -> None:
    reason = skip_reason(DUE, now, CATCHUP, reachable=reachable, done=done)
    assert reason == _expected(reachable, now, done)


def test_defaults_mean_reachable_and_not_done() -> None:
    assert skip_reason(DUE, ON_TIME, CATCHUP) is None
    assert skip_reason(DUE, STALE, CATCHUP) is SkipReason.MISSED
