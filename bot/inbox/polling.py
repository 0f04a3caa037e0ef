"""Long polling that acknowledges only what the database holds.

getUpdates confirms every update below the offset it is given. The poller therefore asks with
the offset just past the last batch it has *committed*: a crash between fetching and storing
gets the same updates again, and storing them twice is a no-op. The raw JSON is stored as it
came, so an update PTB cannot parse is stored (and later parked) instead of stalling polling.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp

from bot.clock import Clock, system_clock
from bot.inbox.worker import Worker
from bot.ops.metrics import Metrics, answered
from bot.storage.database import SessionFactory
from bot.usecases import inbox

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0)
"""Waits after consecutive failed polls: a blip costs half a second, an outage one poll per 10 s."""
CONNECT_TIMEOUT = 5.0


class PollError(Exception):
    """getUpdates answered but refused: the description and an optional retry_after."""

    def __init__(self, code: int, description: str, retry_after: float | None) -> None:
        super().__init__(f"{code} {description}")
        self.retry_after = retry_after


class Poller:
    """Fetch, store, commit, then ask for the next batch (which acknowledges this one).

    The transaction that stores a batch also leases the rows the worker can run at once, so an
    update that nobody is waiting on costs one commit to store and take.
    """

    def __init__(
        self,
        base_url: str,
        sessions: SessionFactory,
        worker: Worker,
        *,
        timeout: int,
        allowed_updates: Sequence[str],
        clock: Clock = system_clock,
        metrics: Metrics | None = None,
    ) -> None:
        self._url = f"{base_url}/getUpdates"
        self._metrics = metrics
        self._sessions = sessions
        self._worker = worker
        self._timeout = timeout
        self._allowed = list(allowed_updates)
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None

    def start(self) -> None:
        self._http = aiohttp.ClientSession()
        self._task = asyncio.create_task(self._run(), name="inbox-poller")

    async def stop(self) -> None:
        """Stop at once: an update fetched but not stored is simply fetched again next time."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def _run(self) -> None:
        offset = await inbox.resume_after(self._sessions)
        failures = 0
        while True:
            try:
                raws = await self._get_updates(offset)
                received = await inbox.receive(
                    self._sessions,
                    raws,
                    self._clock(),
                    lease=self._worker.lease,
                    take=self._worker.capacity(),
                )
            except (aiohttp.ClientError, TimeoutError, PollError, ValueError) as error:
                wait = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
                if isinstance(error, PollError) and error.retry_after is not None:
                    wait = max(wait, error.retry_after)
                    if self._metrics is not None:
                        self._metrics.flood_wait(error.retry_after)
                failures += 1
                log.warning("polling failed (%s); trying again in %.1f s", _brief(error), wait)
                await asyncio.sleep(wait)
                continue
            except Exception:
                # The database is away, say: nothing was acknowledged, so nothing is lost.
                failures += 1
                log.exception("could not store updates; fetching them again shortly")
                await asyncio.sleep(BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)])
                continue
            failures = 0
            if received.next_offset is not None:
                offset = received.next_offset
            self._worker.submit(received.taken)
            if received.stored > len(received.taken):
                # Rows left for the worker (their chat was busy, say, with the row of the press
                # just answered but not yet settled): look now, not at the next idle tick.
                self._worker.wake()

    async def _get_updates(self, offset: int | None) -> list[dict[str, Any]]:
        assert self._http is not None
        body: dict[str, Any] = {"timeout": self._timeout, "allowed_updates": self._allowed}
        if offset is not None:
            body["offset"] = offset
        timeout = aiohttp.ClientTimeout(total=self._timeout + 10, sock_connect=CONNECT_TIMEOUT)
        async with self._http.post(self._url, json=body, timeout=timeout) as response:
            answer = json.loads(await response.read())
        if not isinstance(answer, dict):
            raise ValueError("getUpdates answered something other than an object")
        if self._metrics is not None and answered(response.status):
            self._metrics.api_reachable()  # a long poll is a Bot API call like any other
        if not answer.get("ok"):
            parameters = answer.get("parameters") or {}
            raise PollError(
                int(answer.get("error_code", response.status)),
                str(answer.get("description", "")),
                parameters.get("retry_after"),
            )
        result = answer.get("result")
        if not isinstance(result, list):
            raise ValueError("getUpdates answered without a list of updates")
        return [raw for raw in result if isinstance(raw, dict)]


def _brief(error: BaseException) -> str:
    """The error's kind, without a URL (which carries the bot token)."""
    if isinstance(error, PollError):
        return str(error)
    if isinstance(error, aiohttp.ClientResponseError):
        return f"{type(error).__name__} {error.status}"
    return type(error).__name__
