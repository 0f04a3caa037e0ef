"""PTB's HTTP transport on aiohttp, for the bot's outgoing calls.

PTB's default transport (httpx) spends most of a call's CPU time in its connection pool
bookkeeping: in the reminder benchmark it capped sending near 300 messages/s on one core,
while the same requests over aiohttp reach several thousand. aiohttp is already a dependency
(the sandbox server), so the bot's outgoing calls and its long polling use it. Errors are
mapped the way PTB's own transport maps them (timeouts to `TimedOut`, everything else to
`NetworkError`), so retry policies see the same exceptions. Only PTB's public API is used.
"""

from __future__ import annotations

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_POOL_SIZE = 64
DEFAULT_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0

Timeout = float | None | object
"""What PTB passes for a timeout: seconds, None, or `BaseRequest.DEFAULT_NONE` (not given)."""


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool, created on `initialize`."""

    __slots__ = ("_pool_size", "_read_timeout", "_session")

    def __init__(
        self, pool_size: int = DEFAULT_POOL_SIZE, read_timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self._pool_size = pool_size
        self._read_timeout = read_timeout
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
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error


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
