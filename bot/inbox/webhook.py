"""The webhook endpoint: store the update, then answer 200.

Telegram treats any 2xx as "delivered" and forgets the update, so the answer waits for the
inbox row to be committed (the same `receive` path as polling, with one update). A request
without the right secret token is refused before anything is read into the database, and the
token is compared in constant time so its bytes cannot be guessed one at a time.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.clock import Clock, system_clock
from bot.inbox.worker import Worker
from bot.storage.database import SessionFactory
from bot.usecases import inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_app(
    path: str,
    secret: str,
    sessions: SessionFactory,
    worker: Worker,
    clock: Clock = system_clock,
    *,
    routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """An ASGI app with one route, `POST path`, as in PTB's custom-webhook example, plus
    `routes` (the operator's /healthz, /readyz and /metrics) on the same port."""
    expected = secret.encode()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("webhook call refused: missing or wrong secret token")
            return Response(status_code=401)
        try:
            raw = json.loads(await request.body())
        except ValueError:
            return Response(status_code=400)
        if not isinstance(raw, dict):
            return Response(status_code=400)
        received = await inbox.receive(
            sessions, [raw], clock(), lease=worker.lease, take=worker.capacity()
        )
        if received.unreadable:
            return Response(status_code=400)
        worker.submit(received.taken)
        if received.stored > len(received.taken):
            worker.wake()
        return Response(status_code=200)

    return Starlette(routes=[Route(path, receive, methods=["POST"]), *routes])
