"""The HTTP face of the Bot API: ``/bot{token}/{method}``, Telegram's envelope, the call log.

Request decoding, faults and logging happen here once, so method handlers only see typed
parameters and only raise ApiError.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from aiohttp import web

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.faults import Fault
from bot.sandbox.methods import METHODS_BY_LOWER_NAME
from bot.sandbox.validation import Upload, coerce_params
from bot.sandbox.world import World

TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{20,}$")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Merge query string and body (JSON, form or multipart); file parts go apart."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if not request.body_exists:
        return raw, files
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.read() or b"{}")
        except ValueError as exc:
            raise bad_request("can't parse JSON encoded request parameters") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        raw.update(body)
    elif request.content_type in FORM_TYPES:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = Upload(value.filename, value.content_type, value.file.read())
            else:
                raw[key] = value
    return raw, files


class BotApi:
    """Serves one bot; with ``token`` set, other well-formed tokens are Unauthorized too."""

    def __init__(self, world: World, token: str | None = None) -> None:
        self.world = world
        self.token = token

    async def handle(self, request: web.Request) -> web.Response:
        """Route one Bot API call and wrap its outcome in Telegram's envelope."""
        token = request.match_info["token"]
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        try:
            match = TOKEN_RE.match(token)
            if match is None or (self.token is not None and token != self.token):
                raise ApiError(401, "Unauthorized")
            spec = METHODS_BY_LOWER_NAME.get(method.lower())
            if spec is None:
                raise ApiError(404, "Not Found")
            method = spec.name
            self.world.bot_id = int(match.group(1))
            raw, files = await read_params(request)
            params = raw
            fault = await self._inject_fault(method, raw)
            if fault is not None and fault.disconnect:
                return self._hang_up(request, method, raw)
            params = coerce_params(spec.required, spec.optional, raw, files)
            result = await spec.handler(self.world, params)
            if fault is not None and fault.delay_after:
                self._log(method, params, None)
                await asyncio.sleep(fault.delay_after)  # done, only the answer is late
                return web.json_response({"ok": True, "result": result})
        except ApiError as error:
            self._log(method, params, error)
            return web.json_response(error.envelope(), status=error.error_code)
        self._log(method, params, None)
        return web.json_response({"ok": True, "result": result})

    async def _inject_fault(self, method: str, raw: dict[str, Any]) -> Fault | None:
        fault = self.world.faults.take(method, raw.get("chat_id"))
        if fault is None:
            return None
        if fault.delay:
            await asyncio.sleep(fault.delay)
        error = fault.error()
        if error is not None and not fault.disconnect:
            raise error
        return fault

    def _hang_up(self, request: web.Request, method: str, raw: dict[str, Any]) -> web.Response:
        """Close the connection without a word: the client sees a reset, nothing happened."""
        self.world.calls.record(
            method,
            raw,
            ok=False,
            error_code=None,
            description="connection dropped",
            at=self.world.clock(),
        )
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=503)

    def _log(self, method: str, params: dict[str, Any], error: ApiError | None) -> None:
        self.world.calls.record(
            method,
            params,
            ok=error is None,
            error_code=error.error_code if error else None,
            description=error.description if error else None,
            at=self.world.clock(),
        )
