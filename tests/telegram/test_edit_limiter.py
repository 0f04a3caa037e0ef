"""The one edit limiter every countdown shares: a window of edits, with time injected."""

from __future__ import annotations

import pytest

from bot.telegram.timers import EditLimiter


class Time:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_full_window_drops_optional_edits_until_a_second_after_they_are_done() -> None:
    time = Time()
    limiter = EditLimiter(3, monotonic=time, sleep=time.sleep)
    slots = [limiter.try_take() for _ in range(4)]
    assert [slot is not None for slot in slots] == [True, True, True, False]
    time.now += 5  # still in flight: they keep counting however long the network takes
    assert limiter.try_take() is None
    for slot in slots[:3]:
        assert slot is not None
        limiter.release(slot)
    time.now += 0.99
    assert limiter.try_take() is None
    time.now += 0.02
    assert limiter.try_take() is not None


async def test_an_edit_that_must_happen_waits_for_its_place() -> None:
    time = Time()
    limiter = EditLimiter(2, monotonic=time, sleep=time.sleep)
    for _ in range(2):
        limiter.release(await limiter.take())
    start = time.now
    limiter.release(await limiter.take())
    assert time.now - start == pytest.approx(1.0)


async def test_rate_zero_allows_no_countdown_but_never_blocks_an_end() -> None:
    time = Time()
    limiter = EditLimiter(0, monotonic=time, sleep=time.sleep)
    assert limiter.try_take() is None
    limiter.release(await limiter.take())
    assert time.slept == []
