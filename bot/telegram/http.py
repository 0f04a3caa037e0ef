"""PTB's HTTP transport on aiohttp, for the bot's outgoing calls.

PTB's default transport (httpx) spends most of a call's CPU time in its connection pool
bookkeeping: in the reminder benchmark it capped sending near 300 messages/s on one core,
while the same requests over aiohttp reach several thousand. aiohttp is already a dependency
(the sandbox server), so the bot's outgoing calls and its long polling use it. Errors are
mapped the way PTB's own transport maps them (timeouts to `TimedOut`, everything else to
`NetworkError`), so retry policies see the same exceptions. Only PTB's public API is used.

Every call also goes through the outbox's rules (`bot.telegram.outbox`): 429, 5xx and
connection trouble are retried here, below PTB's `Bot`, so every `send_message`, edit and
callback answer a handler makes is patient without the handler doing anything. A failed
connection attempt is a plain `NetworkError` (nothing was sent); only a timeout after the
request went out is `TimedOut` ("maybe delivered").
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from collections.abc import Awaitable, Callable

import aiohttp
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData
from telegram.warnings import PTBDeprecationWarning

from bot.ops.metrics import Metrics, answered
from bot.telegram import outbox
from bot.telegram.outbox import Patience, Step, method_of, next_step, reason_of, retry_after_seconds

log = logging.getLogger(__name__)

DEFAULT_POOL_SIZE = 64
DEFAULT_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0

Timeout = float | None | object
"""What PTB passes for a timeout: seconds, None, or `BaseRequest.DEFAULT_NONE` (not given)."""

DONE_PAYLOAD = b'{"ok":true,"result":true}'
"""What a call that needs no answer any more returns (a callback answer that came too late)."""
Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool, created on `initialize`.

    `read_timeout` and `patience` default to the module's `DEFAULT_TIMEOUT` and
    `outbox.DEFAULT_PATIENCE` as they are when the transport is built, so a test can shorten
    them for a whole bot.
    """

    __slots__ = (
        "_metrics",
        "_monotonic",
        "_patience",
        "_pool_size",
        "_read_timeout",
        "_session",
        "_sleep",
    )

    def __init__(
        self,
        pool_size: int = DEFAULT_POOL_SIZE,
        read_timeout: float | None = None,
        *,
        patience: Patience | None = None,
        sleep: Sleep = asyncio.sleep,
        monotonic: Monotonic = time.monotonic,
        metrics: Metrics | None = None,
    ) -> None:
        self._pool_size = pool_size
        self._metrics = metrics
        self._read_timeout = DEFAULT_TIMEOUT if read_timeout is None else read_timeout
        self._patience = outbox.DEFAULT_PATIENCE if patience is None else patience
        self._sleep = sleep
        self._monotonic = monotonic
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        write_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        connect_timeout: Timeout = BaseRequest.DEFAULT_NONE,
        pool_timeout: Timeout = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One Bot API call, repeated as the outbox's rules say (`bot.telegram.outbox`).

        What is finally returned or raised is what PTB would have seen from a single attempt,
        so PTB still turns it into its usual exceptions.
        """
        api_method = method_of(url)
        started = self._monotonic()
        failures = 0
        while True:
            try:
                status, payload = await self._attempt(
                    url,
                    method,
                    request_data,
                    (read_timeout, write_timeout, connect_timeout, pool_timeout),
                )
            except TelegramError as error:
                failure: TelegramError | None = error
                status, payload = 0, b""
            else:
                failure = _failure(status, payload)
            if failure is None:
                if self._metrics is not None:
                    self._metrics.api_call(api_method)
                return status, payload
            failures += 1
            decision = next_step(
                api_method, failure, self._monotonic() - started, failures, self._patience
            )
            self._count(api_method, status, failure, decision.step)
            if decision.step is Step.DONE:
                log.warning("%s needs no answer any more: %s", api_method, failure.message)
                return 200, DONE_PAYLOAD
            if decision.step is Step.GIVE_UP:
                if status == 0:
                    raise failure
                return status, payload
            log.warning(
                "%s failed (%s); try %d in %.2f s",
                api_method,
                failure.message,
                failures + 1,
                decision.pause,
            )
            await self._sleep(decision.pause)

    def _count(self, method: str, status: int, failure: TelegramError, step: Step) -> None:
        """The operator's figures for one failed attempt (Telegram did answer a refusal)."""
        metrics = self._metrics
        if metrics is None:
            return
        if isinstance(failure, RetryAfter):
            metrics.flood_wait(retry_after_seconds(failure))
        if answered(status):  # refused in Telegram's own words: it is reachable
            metrics.api_reachable()
        reason = reason_of(status, failure)
        if step is Step.RETRY:
            metrics.api_retry(method, reason)
        elif step is Step.GIVE_UP:
            metrics.api_failure(method, reason)
        else:  # a callback answer too late, an edit already shown: harmless, but not sent
            metrics.api_failure(method, "gone")

    async def _attempt(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        timeouts: tuple[Timeout, Timeout, Timeout, Timeout],
    ) -> tuple[int, bytes]:
        read_timeout, write_timeout, connect_timeout, pool_timeout = timeouts
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        has_files = bool(request_data and request_data.contains_files)
        timeout = aiohttp.ClientTimeout(
            sock_read=_value(read_timeout, self._read_timeout),
            sock_connect=_value(connect_timeout, DEFAULT_TIMEOUT),
            # aiohttp has no write timeout; bound the whole call by read + write instead.
            total=_value(read_timeout, self._read_timeout)
            + _value(write_timeout, MEDIA_WRITE_TIMEOUT if has_files else DEFAULT_TIMEOUT)
            + _value(pool_timeout, DEFAULT_TIMEOUT),
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as error:  # nothing went out: safe to repeat
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error


def _failure(status: int, payload: bytes) -> TelegramError | None:
    """What a non-2xx answer means for retrying, as the error PTB will raise for it."""
    if 200 <= status <= 299:
        return None
    try:
        body = json.loads(payload)
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    description = str(body.get("description") or f"HTTP {status}")
    parameters = body.get("parameters")
    if isinstance(parameters, dict) and parameters.get("retry_after"):
        with warnings.catch_warnings():  # PTB's own constructor warns about its int -> timedelta
            warnings.simplefilter("ignore", PTBDeprecationWarning)
            return RetryAfter(int(parameters["retry_after"]))
    if status == 400:
        return BadRequest(description)
    if status >= 500:
        return NetworkError(description)
    return TelegramError(description)  # 401, 403, 404, 409: final, never retried


def _value(timeout: Timeout, default: float) -> float:
    """The seconds PTB asked for, or `default` when it gave none."""
    return float(timeout) if isinstance(timeout, int | float) else default


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields as PTB encodes them; uploads as multipart, like Telegram expects."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, upload in request_data.multipart_data.items():
        filename, content, mime_type = upload if len(upload) == 3 else (*upload, None)
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
