"""The Sender's policy, with a fake bot and a fake clock: nothing here waits for real."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.sender import MAYBE_DELIVERED, Sender, SendOutcome, TokenBucket

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class FakeTime:
    """Monotonic time that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds
        await asyncio.sleep(0)


@dataclass
class _Message:
    message_id: int


class FakeBot:
    """Raises the queued errors in order, then succeeds; counts calls and concurrency."""

    def __init__(self, *errors: Exception, delay: float = 0.0) -> None:
        self.errors = list(errors)
        self.calls = 0
        self.delay = delay
        self.running = 0
        self.most_running = 0

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> _Message:
        self.calls += 1
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.errors:
                raise self.errors.pop(0)
            return _Message(100 + self.calls)
        finally:
            self.running -= 1


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def _sender(fake_time: FakeTime, rate: float = 0, **kwargs: Any) -> Sender:
    return Sender(rate, monotonic=fake_time.monotonic, sleep=fake_time.sleep, **kwargs)


async def test_a_flood_wait_is_waited_out_and_the_message_still_goes(fake_time: FakeTime) -> None:
    bot = FakeBot(RetryAfter(3), RetryAfter(1))
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert (result.outcome, result.message_id) == (SendOutcome.SENT, 103)
    assert fake_time.sleeps == [3.0, 1.0]


async def test_flood_waits_never_give_up(fake_time: FakeTime) -> None:
    bot = FakeBot(*(RetryAfter(1) for _ in range(10)))
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert result.outcome is SendOutcome.SENT and bot.calls == 11


async def test_server_errors_are_retried_with_backoff(fake_time: FakeTime) -> None:
    bot = FakeBot(NetworkError("Internal Server Error (500)"), NetworkError("Bad Gateway"))
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert result.outcome is SendOutcome.SENT
    assert fake_time.sleeps == [0.5, 1.0]


async def test_a_timeout_may_have_delivered_so_it_is_never_sent_again(
    fake_time: FakeTime,
) -> None:
    bot = FakeBot(TimedOut())
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert (result.outcome, result.error, bot.calls) == (
        SendOutcome.FAILED,
        MAYBE_DELIVERED,
        1,
    )


async def test_retries_are_bounded(fake_time: FakeTime) -> None:
    bot = FakeBot(*(NetworkError("Bad Gateway") for _ in range(5)))
    result = await _sender(fake_time, tries=3).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert (result.outcome, result.error) == (SendOutcome.FAILED, "Bad Gateway")
    assert bot.calls == 3
    assert fake_time.sleeps == [0.5, 1.0]


async def test_a_blocked_user_is_reported_not_retried(fake_time: FakeTime) -> None:
    bot = FakeBot(Forbidden("Forbidden: bot was blocked by the user"))
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert result.outcome is SendOutcome.BLOCKED and bot.calls == 1


async def test_a_bad_request_fails_at_once(fake_time: FakeTime) -> None:
    bot = FakeBot(BadRequest("Chat not found"))
    result = await _sender(fake_time).send(bot, 1, "hi")  # type: ignore[arg-type]
    assert (result.outcome, result.error, bot.calls) == (SendOutcome.FAILED, "Chat not found", 1)
    assert fake_time.sleeps == []


async def test_the_bucket_spaces_sends_evenly(fake_time: FakeTime) -> None:
    bucket = TokenBucket(25, monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    await asyncio.gather(*(bucket.acquire() for _ in range(50)))
    assert fake_time.now == pytest.approx(49 / 25)


async def test_the_bucket_does_not_drift_with_late_wakeups(fake_time: FakeTime) -> None:
    """A sleep that overshoots must not push every later send back as well."""
    bucket = TokenBucket(10, monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    for _ in range(3):
        await bucket.acquire()
    fake_time.now += 0.05  # woke up late
    await bucket.acquire()
    assert fake_time.sleeps[-1] == pytest.approx(0.05)


async def test_rate_zero_switches_the_limit_off(fake_time: FakeTime) -> None:
    bucket = TokenBucket(0, monotonic=fake_time.monotonic, sleep=fake_time.sleep)
    for _ in range(100):
        await bucket.acquire()
    assert fake_time.sleeps == []


async def test_in_flight_sends_are_bounded() -> None:
    bot = FakeBot(delay=0.01)
    sender = Sender(0, in_flight=3)
    results = await asyncio.gather(*(sender.send(bot, n, "hi") for n in range(20)))  # type: ignore[arg-type]
    assert all(r.outcome is SendOutcome.SENT for r in results)
    assert bot.most_running == 3
