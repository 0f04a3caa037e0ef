"""Take stored updates, run the handlers on them, settle each row.

One worker per process runs up to `INBOX_WORKERS` rows at once, never two of one chat (the
database hands out only the oldest pending row of each chat, under a lease). A handler that
raises is retried after `INBOX_RETRY_SECONDS` and parked after `INBOX_MAX_ATTEMPTS`; an update
PTB cannot parse is parked at once. Leases use the wall clock: they are about processes being
alive, which the bot's (injectable) clock knows nothing of.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.domain.inbox import Verdict, short_error
from bot.logs import log_context, user_tag
from bot.ops.metrics import Metrics
from bot.storage.database import SessionFactory
from bot.usecases import inbox
from bot.usecases.inbox import Attempt, Taken

log = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 600.0
STOP_GRACE_SECONDS = 10.0


class Worker:
    """The loop that drains the inbox in this process."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        sessions: SessionFactory,
        settings: Settings,
        clock: Clock = system_clock,
        metrics: Metrics | None = None,
    ) -> None:
        self._application = application
        self._metrics = metrics
        self._sessions = sessions
        self._settings = settings
        self._clock = clock
        self._wake = asyncio.Event()
        self._running: dict[int, asyncio.Task[None]] = {}
        """Rows of this process from the moment they are taken until they are settled."""
        self._taken: dict[int, Taken] = {}
        self._last_extend = 0.0
        self._finished: list[Attempt] = []
        self._errors: dict[int, BaseException] = {}
        self._loop: asyncio.Task[None] | None = None
        self._stopping = False
        self._last_prune = float("-inf")

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self._settings.inbox_lease_seconds)

    def capacity(self) -> int:
        """How many more rows this process would run right now."""
        return max(self._settings.inbox_workers - len(self._running), 0)

    @property
    def stopping(self) -> bool:
        return self._stopping

    def submit(self, rows: Sequence[Taken]) -> None:
        """Run rows leased for this process (by the loop, or by the poller as it stored them)."""
        for row in rows:
            if row.update_id not in self._running:
                task = asyncio.create_task(self._handle(row), name=f"inbox-{row.kind}")
                self._running[row.update_id] = task
                self._taken[row.update_id] = row

    def wake(self) -> None:
        """Something changed (a row finished, rows were stored): look now, not at the tick."""
        self._wake.set()

    def start(self) -> None:
        self._loop = asyncio.create_task(self._run(), name="inbox-worker")

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Take nothing more; let running handlers finish for up to `grace` seconds and settle
        them; stop the ones still running and hand their rows back, due at once."""
        self._stopping = True
        self._wake.set()
        if self._loop is not None:
            await asyncio.gather(self._loop, return_exceptions=True)
        if self._running:
            await asyncio.wait(list(self._running.values()), timeout=grace)
        late = [task for task in self._running.values() if not task.done()]
        for task in late:
            task.cancel()
        if late:
            await asyncio.gather(*late, return_exceptions=True)
        if self._finished:
            with contextlib.suppress(Exception):
                await self._round(limit=0)
        settling = {attempt.taken.update_id for attempt in self._finished}
        unfinished = [
            self._taken[update_id]
            for update_id in self._running
            if update_id in self._taken and update_id not in settling
        ]
        if unfinished:
            try:
                await inbox.release(self._sessions, unfinished)
                log.warning(
                    "stopped %d handler(s) still running after %.0f s; their updates are "
                    "pending again",
                    len(unfinished),
                    grace,
                )
            except Exception:
                log.warning(
                    "could not hand back %d update(s); they wait for their lease",
                    len(unfinished),
                    exc_info=True,
                )
        self.kill()

    def kill(self) -> None:
        """Abandon everything at once, as a crash would: leased rows wait for their lease."""
        self._stopping = True
        for task in [*self._running.values(), *([self._loop] if self._loop else [])]:
            task.cancel()
        self._running.clear()
        self._taken.clear()
        self._finished.clear()

    async def record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """PTB error handler: remember that this update's handler raised."""
        if isinstance(update, Update) and context.error is not None:
            self._errors[update.update_id] = context.error

    async def _run(self) -> None:
        while not self._stopping:
            try:
                taken = await self._round(self.capacity() + len(self._finished))
            except Exception:
                log.warning("could not reach the inbox; trying again shortly", exc_info=True)
                taken = 0
            if not taken and not self._finished:
                await self._idle()
                await self._maybe_prune()
            await self._maybe_extend()

    async def _round(self, limit: int) -> int:
        """One transaction: settle the finished rows, lease up to `limit` new ones."""
        finished, self._finished = self._finished, []
        try:
            result = await inbox.settle_and_take(
                self._sessions,
                finished,
                self._clock(),
                lease=self.lease,
                limit=limit,
                max_attempts=self._settings.inbox_max_attempts,
                retry_delay=timedelta(seconds=self._settings.inbox_retry_seconds),
            )
        except BaseException:
            self._finished[:0] = finished  # settle them next time
            raise
        for attempt, verdict in result.settled:
            self._running.pop(attempt.taken.update_id, None)
            self._taken.pop(attempt.taken.update_id, None)
            if self._metrics is not None:
                self._metrics.update_handled(attempt.taken.kind, verdict.value)
            if verdict is Verdict.PARK:
                self._log_parked(attempt)
        self.submit(result.taken)
        return len(result.taken)

    def _log_parked(self, attempt: Attempt) -> None:
        row = attempt.taken
        log.error(
            "parked update %d (%s, user %s) after %d attempt(s): %s",
            row.update_id,
            row.kind,
            user_tag(row.user_id, self._application.bot.token),
            row.attempts,
            attempt.error,
        )

    async def _idle(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._settings.inbox_idle_seconds)
        self._wake.clear()

    async def _maybe_extend(self) -> None:
        """Every third of a lease, renew the leases of the rows still running here, so a
        handler slower than the lease is never taken (and run again) by another worker."""
        loop = asyncio.get_running_loop()
        every = self.lease.total_seconds() / 3
        if loop.time() - self._last_extend < every:
            return
        self._last_extend = loop.time()
        running = [
            self._taken[update_id]
            for update_id, task in self._running.items()
            if not task.done() and update_id in self._taken
        ]
        if not running:
            return
        try:
            await inbox.extend(self._sessions, running, self._clock(), self.lease)
        except Exception:
            log.warning("could not renew the inbox leases", exc_info=True)

    async def _maybe_prune(self) -> None:
        loop = asyncio.get_running_loop()
        if loop.time() - self._last_prune < PRUNE_EVERY_SECONDS:
            return
        self._last_prune = loop.time()
        try:
            await inbox.prune(self._sessions, self._clock(), self._settings.inbox_retention)
        except Exception:
            log.warning("could not prune the inbox", exc_info=True)

    async def _handle(self, row: Taken) -> None:
        # Every line logged while this update runs (the handlers' included) names it.
        log_context(row.update_id, user_tag(row.user_id, self._application.bot.token))
        started = time.perf_counter()
        try:
            error, retryable = await self._process(row)
        except Exception as failed:
            error, retryable = short_error(failed), True
        finally:
            self._errors.pop(row.update_id, None)
        if self._metrics is not None:
            self._metrics.handler_time(row.kind, time.perf_counter() - started)
        self._finished.append(Attempt(row, error, retryable))
        self._wake.set()

    async def _process(self, row: Taken) -> tuple[str | None, bool]:
        """Run the handlers; the error to keep (None: handled) and whether to try again."""
        if row.attempts > self._settings.inbox_max_attempts:
            return f"abandoned by {row.attempts - 1} worker(s)", False
        try:
            update = Update.de_json(row.payload, self._application.bot)
        except Exception as unparsable:
            return short_error(unparsable), False
        await self._application.process_update(update)
        error = self._errors.pop(row.update_id, None)
        if error is None or isinstance(error, TelegramError):
            # Telegram refused an answer: the error handler has logged it and said sorry;
            # running the handler again would repeat its writes' answers, not mend them.
            return None, True
        return short_error(error), True
