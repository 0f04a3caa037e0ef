"""One way out for everything sent unprompted: rate limited, bounded, patient with Telegram.

Telegram allows about 30 messages a second per bot and answers a flood with 429 and a
`retry_after`; exceeding it repeatedly gets a bot throttled for longer. So every message goes
through one token bucket, 429 means "wait as told, then try again" (a reminder is never
dropped for it), transient server or network trouble gets a few spaced retries, and a person
who blocked the bot is reported so the engine stops writing to them. The transport below
(`bot.telegram.http`) already applies the same rules to every call (`bot.telegram.outbox`);
what reaches this loop is trouble that outlasted them. A timeout is "maybe delivered": it is
reported as a failure and never sent again, so nobody gets a reminder twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.telegram.outbox import retry_after_seconds
from bot.usecases.deliveries import SendOutcome

__all__ = ["SendOutcome", "SendResult", "Sender", "TokenBucket"]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

DEFAULT_IN_FLIGHT = 50
DEFAULT_TRIES = 3
DEFAULT_BACKOFF = 0.5
MAYBE_DELIVERED = "timed out: maybe delivered"


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: SendOutcome
    message_id: int | None = None
    error: str | None = None


class TokenBucket:
    """`rate` sends per second, evenly spaced; `rate == 0` switches the limit off.

    Each caller reserves the next free slot before sleeping, so the schedule never drifts by
    how late a sleep wakes up, and many waiting senders need no lock (asyncio runs the
    reservation without interruption).
    """

    def __init__(
        self, rate: float, *, monotonic: Monotonic = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.rate = rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0

    async def acquire(self) -> None:
        if self.rate <= 0:
            return
        now = self._monotonic()
        slot = max(now, self._next)
        self._next = slot + 1.0 / self.rate
        if slot > now:
            await self._sleep(slot - now)


class Sender:
    """Sends messages for the delivery engine; shared by every job in the process."""

    def __init__(
        self,
        rate: float,
        *,
        in_flight: int = DEFAULT_IN_FLIGHT,
        tries: int = DEFAULT_TRIES,
        backoff: float = DEFAULT_BACKOFF,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bucket = TokenBucket(rate, monotonic=monotonic, sleep=sleep)
        self._in_flight = asyncio.Semaphore(in_flight)
        self._tries = tries
        self._backoff = backoff
        self._sleep = sleep

    async def send(
        self,
        bot: Bot,
        chat_id: int,
        text: str,
        reply_markup: InlineKeyboardMarkup | None = None,
        *,
        before_send: Callable[[], Awaitable[None]] | None = None,
    ) -> SendResult:
        """Deliver one HTML message; never raises for Telegram's answers, reports them.

        `before_send` runs once the rate limiter lets the message go, right before each try
        (a broadcast records there that the send has begun, so a crash never repeats it).
        """
        failures = 0
        async with self._in_flight:
            while True:
                await self.bucket.acquire()
                if before_send is not None:
                    await before_send()
                try:
                    message = await bot.send_message(chat_id, text, reply_markup=reply_markup)
                except RetryAfter as error:
                    wait = retry_after_seconds(error)
                    log.warning("flood wait %.1f s before resending to chat %s", wait, chat_id)
                    await self._sleep(wait)
                    continue
                except Forbidden as error:
                    log.info("chat %s cannot be reached: %s", chat_id, error.message)
                    return SendResult(SendOutcome.BLOCKED, error=error.message)
                except BadRequest as error:  # before NetworkError: it is a subclass of it
                    log.warning("reminder to chat %s refused: %s", chat_id, error.message)
                    return SendResult(SendOutcome.FAILED, error=error.message)
                except TimedOut as error:  # maybe delivered: never send it twice
                    log.warning("reminder to chat %s timed out: %s", chat_id, error.message)
                    return SendResult(SendOutcome.FAILED, error=MAYBE_DELIVERED)
                except NetworkError as error:  # 5xx, connection trouble
                    failures += 1
                    if failures >= self._tries:
                        log.error(
                            "giving up on chat %s after %d tries: %s",
                            chat_id,
                            failures,
                            error.message,
                        )
                        return SendResult(SendOutcome.FAILED, error=error.message)
                    delay = self._backoff * 2 ** (failures - 1)
                    log.warning(
                        "send to chat %s failed (%s); retry in %.1f s", chat_id, error, delay
                    )
                    await self._sleep(delay)
                    continue
                except TelegramError as error:
                    log.error("reminder to chat %s failed: %s", chat_id, error.message)
                    return SendResult(SendOutcome.FAILED, error=error.message)
                return SendResult(SendOutcome.SENT, message_id=message.message_id)
