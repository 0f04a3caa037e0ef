"""The control API under ``/sandbox/``: act as users and read what the bot did.

Plain JSON in and out (no Telegram envelope). A request that cannot happen (pressing a button
that is not there) is a 400 with ``{"error": ...}`` so a test fails with a readable reason.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.sandbox import actions
from bot.sandbox.faults import Fault
from bot.sandbox.world import WebhookTargets, World

RouteHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def control_errors(request: web.Request, handler: RouteHandler) -> web.StreamResponse:
    """Turn bad control requests into 400 JSON instead of 500 tracebacks."""
    if not request.path.startswith("/sandbox/"):
        return await handler(request)
    try:
        return await handler(request)
    except (ValueError, KeyError, TypeError) as exc:
        return web.json_response({"error": f"{type(exc).__name__}: {exc}"}, status=400)


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.body_exists:
        return {}
    body = json.loads(await request.read() or b"{}")
    if not isinstance(body, dict):
        raise ValueError("JSON object expected")
    return body


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


class ControlApi:
    """Route handlers bound to one world."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        """Every control route."""
        return [
            web.post("/sandbox/users", self.create_user),
            web.post("/sandbox/users/{user_id}/block", self.block),
            web.post("/sandbox/users/{user_id}/unblock", self.unblock),
            web.post("/sandbox/chats", self.create_group),
            web.get("/sandbox/chats/{chat_id}", self.chat),
            web.get("/sandbox/chats/{chat_id}/transcript", self.transcript),
            web.post("/sandbox/messages", self.message),
            web.post("/sandbox/press", self.press),
            web.post("/sandbox/updates/{update_id}/redeliver", self.redeliver),
            web.post("/sandbox/inline", self.inline),
            web.get("/sandbox/callback_answers", self.callback_answers),
            web.get("/sandbox/inline_answers/{query_id}", self.inline_answer),
            web.get("/sandbox/calls", self.calls),
            web.delete("/sandbox/calls", self.clear_calls),
            web.get("/sandbox/faults", self.faults),
            web.post("/sandbox/faults", self.add_fault),
            web.delete("/sandbox/faults", self.clear_faults),
            web.get("/sandbox/commands", self.commands),
            web.get("/sandbox/files/{file_id}", self.file),
            web.get("/sandbox/webhook/targets", self.webhook_targets),
            web.put("/sandbox/webhook/targets", self.set_webhook_targets),
            web.get("/sandbox/status", self.status),
            web.post("/sandbox/reset", self.reset),
        ]

    async def create_user(self, request: web.Request) -> web.Response:
        """POST /sandbox/users {id?, first_name?, last_name?, username?, language_code?}."""
        body = await _body(request)
        user = self.world.add_user(
            _opt_int(body.get("id")),
            body.get("first_name"),
            body.get("last_name"),
            body.get("username"),
            body.get("language_code"),
        )
        return web.json_response(user)

    async def block(self, request: web.Request) -> web.Response:
        """POST /sandbox/users/{id}/block: the user blocks the bot."""
        user_id = int(request.match_info["user_id"])
        return web.json_response(actions.set_blocked(self.world, user_id, True))

    async def unblock(self, request: web.Request) -> web.Response:
        """POST /sandbox/users/{id}/unblock: the user unblocks the bot."""
        user_id = int(request.match_info["user_id"])
        return web.json_response(actions.set_blocked(self.world, user_id, False))

    async def create_group(self, request: web.Request) -> web.Response:
        """POST /sandbox/chats {id?, title?}: a group chat with a negative id."""
        body = await _body(request)
        chat = self.world.add_group(_opt_int(body.get("id")), body.get("title"))
        return web.json_response(chat.info)

    async def chat(self, request: web.Request) -> web.Response:
        """GET /sandbox/chats/{id}: chat info, last chat action, blocked flag."""
        chat_id = int(request.match_info["chat_id"])
        chat = self.world.chats.get(chat_id)
        if chat is None:
            return web.json_response({"error": f"no chat {chat_id}"}, status=404)
        return web.json_response(
            {
                "chat": chat.info,
                "last_action": chat.last_action,
                "blocked": chat_id in self.world.blocked,
                "message_count": len(chat.messages),
            }
        )

    async def transcript(self, request: web.Request) -> web.Response:
        """GET /sandbox/chats/{id}/transcript?after=N: messages in order."""
        chat_id = int(request.match_info["chat_id"])
        after = int(request.query.get("after", 0))
        return web.json_response(self.world.transcript(chat_id, after))

    async def message(self, request: web.Request) -> web.Response:
        """POST /sandbox/messages {user_id, text?, chat_id?, location?}."""
        body = await _body(request)
        result = actions.user_message(
            self.world,
            int(body["user_id"]),
            body.get("text"),
            chat_id=_opt_int(body.get("chat_id")),
            location=body.get("location"),
        )
        return web.json_response(result)

    async def press(self, request: web.Request) -> web.Response:
        """POST /sandbox/press {user_id, message_id, chat_id?, callback_data?, button_text?,
        forge?, wait?}.

        With ``wait`` (seconds) the response comes once the bot has answered the query and
        edited the pressed message (or the time is up) and also holds ``answer`` (the first
        answer or null) and ``message`` (the pressed message as it is then): one request per
        press for a closed-loop load generator, with no polling.
        """
        body = await _body(request)
        world = self.world
        user_id, message_id = int(body["user_id"]), int(body["message_id"])
        result = actions.press_button(
            world,
            user_id,
            message_id,
            chat_id=_opt_int(body.get("chat_id")),
            callback_data=body.get("callback_data"),
            button_text=body.get("button_text"),
            forge=bool(body.get("forge", False)),
        )
        wait = body.get("wait")
        if not wait:
            return web.json_response(result)
        query_id = result["callback_query_id"]
        state = world.callback_queries[query_id]
        assert state.chat_id is not None
        stored = world.find_message(world.chats[state.chat_id], message_id)
        edits = stored.edits if stored is not None else 0

        def answered_and_edited() -> bool:
            return state.answered and (stored is None or stored.edits > edits)

        await world.wait_until(state.chat_id, answered_and_edited, float(wait))
        answers = world.callback_answers.get(query_id)
        result["answer"] = answers[0] if answers else None
        result["message"] = stored.transcript_entry() if stored is not None else None
        return web.json_response(result)

    async def redeliver(self, request: web.Request) -> web.Response:
        """POST /sandbox/updates/{id}/redeliver: Telegram sends that update again (as after a
        lost acknowledgement); 404 if it is not among the recent ones."""
        update_id = int(request.match_info["update_id"])
        try:
            update = self.world.updates.redeliver(update_id)
        except KeyError:
            return web.json_response({"error": f"no recent update {update_id}"}, status=404)
        return web.json_response(update)

    async def inline(self, request: web.Request) -> web.Response:
        """POST /sandbox/inline {user_id, query, offset?}."""
        body = await _body(request)
        result = actions.inline_query(
            self.world, int(body["user_id"]), str(body.get("query", "")), body.get("offset", "")
        )
        return web.json_response(result)

    async def callback_answers(self, request: web.Request) -> web.Response:
        """GET /sandbox/callback_answers[?callback_query_id=]: answers per query id."""
        query_id = request.query.get("callback_query_id")
        if query_id is not None:
            return web.json_response(self.world.callback_answers.get(query_id, []))
        return web.json_response(dict(self.world.callback_answers))

    async def inline_answer(self, request: web.Request) -> web.Response:
        """GET /sandbox/inline_answers/{id}: the answer, null while unanswered, 404 if unknown."""
        query_id = request.match_info["query_id"]
        if query_id not in self.world.inline_queries:
            return web.json_response({"error": f"no inline query {query_id}"}, status=404)
        return web.json_response(self.world.inline_answers.get(query_id))

    async def calls(self, request: web.Request) -> web.Response:
        """GET /sandbox/calls[?method=]: the call log, oldest first."""
        return web.json_response(self.world.calls.list(request.query.get("method")))

    async def clear_calls(self, request: web.Request) -> web.Response:
        """DELETE /sandbox/calls."""
        self.world.calls.clear()
        return web.json_response({"ok": True})

    async def faults(self, request: web.Request) -> web.Response:
        """GET /sandbox/faults: faults still queued."""
        return web.json_response(self.world.faults.list())

    async def add_fault(self, request: web.Request) -> web.Response:
        """POST /sandbox/faults {method?, error_code?, description?, retry_after?, delay?,
        count?, chat_id?, seconds?, delay_after?, disconnect?}."""
        fault = Fault.from_dict(await _body(request))
        self.world.faults.add(fault)
        return web.json_response(fault.to_dict())

    async def clear_faults(self, request: web.Request) -> web.Response:
        """DELETE /sandbox/faults."""
        self.world.faults.clear()
        return web.json_response({"ok": True})

    async def commands(self, request: web.Request) -> web.Response:
        """GET /sandbox/commands: [{scope, language_code, commands}] as set by the bot."""
        return web.json_response(list(self.world.commands.values()))

    async def file(self, request: web.Request) -> web.Response:
        """GET /sandbox/files/{file_id}: the bytes the bot uploaded."""
        stored = self.world.files.get(request.match_info["file_id"])
        if stored is None:
            return web.json_response({"error": "no such file"}, status=404)
        content_type = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=content_type)

    async def webhook_targets(self, request: web.Request) -> web.Response:
        """GET /sandbox/webhook/targets: urls, deliveries and failures per url, or null."""
        targets = self.world.webhook_targets
        return web.json_response(targets.summary() if targets is not None else None)

    async def set_webhook_targets(self, request: web.Request) -> web.Response:
        """PUT /sandbox/webhook/targets {urls}: deliver round-robin to these URLs instead of
        the setWebhook URL (still with its secret token); [] goes back to that URL."""
        urls = (await _body(request))["urls"]
        if not isinstance(urls, list) or not all(
            isinstance(url, str) and url.startswith(("http://", "https://")) for url in urls
        ):
            raise ValueError("urls: a list of http(s) URLs expected")
        self.world.webhook_targets = WebhookTargets(list(urls)) if urls else None
        self.world.updates.wake_all()
        targets = self.world.webhook_targets
        return web.json_response(targets.summary() if targets is not None else None)

    async def status(self, request: web.Request) -> web.Response:
        """GET /sandbox/status: counters for benchmarks and waiting helpers."""
        world = self.world
        return web.json_response(
            {
                "pending_updates": world.updates.pending_count,
                "users": len(world.users),
                "chats": len(world.chats),
                "calls_total": world.calls.total,
                "webhook_url": world.webhook.url if world.webhook else None,
                "bot_id": world.bot_id,
            }
        )

    async def reset(self, request: web.Request) -> web.Response:
        """POST /sandbox/reset: empty world, same server."""
        self.world.reset()
        return web.json_response({"ok": True})
