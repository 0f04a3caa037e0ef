"""`/healthz`, `/readyz` and `/metrics`: the routes both modes serve to the operator.

Webhook mode mounts them beside the webhook on `PORT`; polling mode serves them on
`HEALTH_PORT` when that is set (`bot.ops.server`).

- `/healthz`: the process runs its event loop. Nothing else: a liveness probe that failed on
  a database outage would restart every replica at once and cure nothing.
- `/readyz`: this process can do its work: the database answers, its schema is at the head
  this code expects, the content is loaded, and the Bot API answered a call of ours within
  the last minute (when it has been quiet, the check asks `getMe` itself). 503 with a JSON
  body naming the failing checks otherwise.
- `/metrics`: Prometheus text; the database figures are read at scrape time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.ops.metrics import CONTENT_TYPE, Metrics
from bot.storage.database import SessionFactory
from bot.usecases import vitals

log = logging.getLogger(__name__)

API_FRESH_SECONDS = 60.0
"""A Bot API answer younger than this proves Telegram (or the local server) is reachable."""
CHECK_TIMEOUT = 3.0
"""Each check gives up after this long: a probe must answer before its own timeout."""

Probe = Callable[[], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Vitals:
    """What the routes look at; `bot.app` fills it in for each application."""

    sessions: SessionFactory
    metrics: Metrics
    content_size: int
    """Exercises loaded; 0 means the catalogue is missing."""
    probe_api: Probe
    """One cheap Bot API call (getMe); the transport records its success in `metrics`."""


class Readiness:
    """The checks of `/readyz`; one API probe at a time however many probes call."""

    def __init__(self, vitals: Vitals) -> None:
        self._vitals = vitals
        self._probing = asyncio.Lock()

    async def failing(self) -> dict[str, str]:
        """Every failing check with a short reason; empty when ready."""
        results = await asyncio.gather(
            self._check(self._database()),
            self._check(self._migrations()),
            self._check(self._bot_api()),
        )
        failing = {
            name: reason
            for name, reason in zip(("database", "migrations", "bot_api"), results, strict=True)
            if reason is not None
        }
        if self._vitals.content_size <= 0:
            failing["content"] = "no exercises loaded"
        return failing

    async def _check(self, check: Awaitable[str | None]) -> str | None:
        try:
            return await asyncio.wait_for(check, CHECK_TIMEOUT)
        except TimeoutError:
            return f"no answer within {CHECK_TIMEOUT:g} s"
        except Exception as error:  # the reason names the kind of error, never a URL
            return type(error).__name__

    async def _database(self) -> str | None:
        await vitals.ping(self._vitals.sessions)
        return None

    async def _migrations(self) -> str | None:
        schema = await vitals.schema(self._vitals.sessions)
        if schema.at_head:
            return None
        applied = ",".join(sorted(schema.applied)) or "none"
        return f"schema at {applied}, code expects {','.join(sorted(schema.expected))}"

    async def _bot_api(self) -> str | None:
        metrics = self._vitals.metrics
        if _fresh(metrics.api_silence()):
            return None
        async with self._probing:
            if not _fresh(metrics.api_silence()):  # another probe may just have succeeded
                await self._vitals.probe_api()
        silence = metrics.api_silence()
        return None if _fresh(silence) else "no successful Bot API call in the last minute"


def _fresh(silence: float | None) -> bool:
    return silence is not None and silence <= API_FRESH_SECONDS


def ops_routes(vitals_: Vitals) -> list[Route]:
    """The operator's three routes, for any Starlette app."""
    readiness = Readiness(vitals_)
    metrics = vitals_.metrics

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        failing = await readiness.failing()
        if failing:
            body = {"status": "unavailable", "failing": sorted(failing), "reasons": failing}
            return JSONResponse(body, status_code=503)
        return JSONResponse({"status": "ready"})

    async def scrape(request: Request) -> Response:
        try:
            figures = await asyncio.wait_for(
                vitals.figures(vitals_.sessions, datetime.now(UTC)), CHECK_TIMEOUT
            )
        except Exception as error:
            metrics.scrape_errors.inc()
            log.warning("metrics: database figures unavailable (%s)", type(error).__name__)
        else:
            metrics.set_figures(figures)
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", scrape, methods=["GET"]),
    ]
