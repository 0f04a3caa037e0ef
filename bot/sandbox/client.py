"""An async client for the control API, for tests, the terminal chat and benchmarks.

The waiting helpers poll quickly (every 15 ms) rather than sleeping a guessed time, so tests
run as fast as the bot answers; on timeout they show the transcript, which is what one needs
to see to understand why the expected message never came.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, TypeVar

import aiohttp

POLL_INTERVAL = 0.015
T = TypeVar("T")
JsonObject = dict[str, Any]
"""A decoded JSON object of the control API (its fields vary by endpoint)."""


class SandboxError(RuntimeError):
    """The control API refused a request (e.g. pressing a button that is not there)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"sandbox control API {status}: {message}")
        self.status = status


def format_transcript(messages: list[dict[str, Any]], last: int = 15) -> str:
    """A readable tail of a transcript for failure messages."""
    if not messages:
        return "  (no messages)"
    lines = []
    for entry in messages[-last:]:
        who = "bot " if entry["from_bot"] else "user"
        text = entry.get("text") or ("[photo]" if entry.get("photo") else "")
        if entry.get("document"):
            text = f"[document {entry['document'].get('file_name')}] {text}"
        flags = " (deleted)" if entry.get("deleted") else ""
        flags += f" (edited x{entry['edits']})" if entry.get("edits") else ""
        buttons = ""
        markup = entry.get("reply_markup") or {}
        if markup.get("inline_keyboard"):
            labels = [b.get("text") for row in markup["inline_keyboard"] for b in row]
            buttons = f" buttons={labels}"
        lines.append(f"  #{entry['message_id']} {who}: {text!r}{buttons}{flags}")
    return "\n".join(lines)


class SandboxClient:
    """Talks to ``/sandbox/...`` of a running SandboxServer."""

    def __init__(self, base_url: str, *, session: aiohttp.ClientSession | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session
        self._owns_session = session is None

    @property
    def session(self) -> aiohttp.ClientSession:
        """The HTTP session, created on first use inside the running loop."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        """Close the session if this client created it."""
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _request(
        self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        url = f"{self.base_url}/sandbox/{path}"
        data = None if body is None else json.dumps(body)
        headers = {"Content-Type": "application/json"} if data is not None else None
        query = {k: str(v) for k, v in (params or {}).items() if v is not None}
        async with self.session.request(
            method, url, data=data, headers=headers, params=query
        ) as resp:
            if resp.content_type != "application/json":
                payload: Any = await resp.read()
            else:
                payload = await resp.json()
            if resp.status >= 400:
                message = payload.get("error") if isinstance(payload, dict) else payload
                raise SandboxError(resp.status, str(message))
            return payload

    async def _object(
        self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None
    ) -> JsonObject:
        """A request whose answer is a JSON object."""
        payload = await self._request(method, path, body=body, params=params)
        if not isinstance(payload, dict):
            raise SandboxError(200, f"{path}: expected an object, got {payload!r}")
        return payload

    async def _optional_object(self, method: str, path: str) -> JsonObject | None:
        """A request whose answer is a JSON object or null."""
        payload = await self._request(method, path)
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise SandboxError(200, f"{path}: expected an object or null, got {payload!r}")
        return payload

    async def _objects(
        self, method: str, path: str, *, params: dict[str, Any] | None = None
    ) -> list[JsonObject]:
        """A request whose answer is a JSON array of objects."""
        payload = await self._request(method, path, params=params)
        if not isinstance(payload, list):
            raise SandboxError(200, f"{path}: expected an array, got {payload!r}")
        return payload

    # -- acting as users ------------------------------------------------------------------

    async def create_user(
        self,
        user_id: int | None = None,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """Create a user; returns the User object."""
        body = {
            "id": user_id,
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
        }
        return await self._object("POST", "users", body=body)

    async def create_group(
        self, chat_id: int | None = None, title: str | None = None
    ) -> JsonObject:
        """Create a group chat (negative id); returns the Chat object."""
        return await self._object("POST", "chats", body={"id": chat_id, "title": title})

    async def send_text(self, user_id: int, text: str, chat_id: int | None = None) -> JsonObject:
        """The user writes ``text``; returns {"update_id", "message"}."""
        body = {"user_id": user_id, "text": text, "chat_id": chat_id}
        return await self._object("POST", "messages", body=body)

    async def send_location(
        self, user_id: int, latitude: float, longitude: float, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The user shares a location; returns {"update_id", "message"}."""
        body = {
            "user_id": user_id,
            "chat_id": chat_id,
            "location": {"latitude": latitude, "longitude": longitude},
        }
        return await self._object("POST", "messages", body=body)

    async def press(
        self,
        user_id: int,
        message_id: int,
        *,
        callback_data: str | None = None,
        button_text: str | None = None,
        chat_id: int | None = None,
        forge: bool = False,
    ) -> dict[str, Any]:
        """The user presses a button; returns {"update_id", "callback_query_id"}."""
        body = {
            "user_id": user_id,
            "message_id": message_id,
            "callback_data": callback_data,
            "button_text": button_text,
            "chat_id": chat_id,
            "forge": forge,
        }
        return await self._object("POST", "press", body=body)

    async def redeliver(self, update_id: int) -> JsonObject:
        """Telegram delivers that update again (a lost acknowledgement); returns the update."""
        return await self._object("POST", f"updates/{update_id}/redeliver")

    async def inline_query(self, user_id: int, query: str, offset: str = "") -> str:
        """The user types an inline query; returns its id."""
        body = {"user_id": user_id, "query": query, "offset": offset}
        result = await self._request("POST", "inline", body=body)
        return str(result["inline_query_id"])

    async def block(self, user_id: int) -> dict[str, Any]:
        """The user blocks the bot."""
        return await self._object("POST", f"users/{user_id}/block")

    async def unblock(self, user_id: int) -> dict[str, Any]:
        """The user unblocks the bot."""
        return await self._object("POST", f"users/{user_id}/unblock")

    # -- reading what the bot did ------------------------------------------------------------

    async def transcript(self, chat_id: int, after: int = 0) -> list[dict[str, Any]]:
        """Messages of a chat in order (current content after edits)."""
        params = {"after": after} if after else None
        return await self._objects("GET", f"chats/{chat_id}/transcript", params=params)

    async def chat(self, chat_id: int) -> dict[str, Any]:
        """Chat info, last chat action and blocked flag."""
        return await self._object("GET", f"chats/{chat_id}")

    async def last_bot_message(self, chat_id: int) -> dict[str, Any] | None:
        """The newest non-deleted message the bot sent in a chat."""
        # Not reversed(): with Any inside the item type mypy cannot pick its overload.
        for entry in (await self.transcript(chat_id))[::-1]:
            if entry["from_bot"] and not entry["deleted"]:
                return entry
        return None

    async def callback_answers(self, callback_query_id: str) -> list[dict[str, Any]]:
        """What the bot answered to a button press (normally one entry)."""
        params = {"callback_query_id": callback_query_id}
        return await self._objects("GET", "callback_answers", params=params)

    async def inline_answers(self, inline_query_id: str) -> dict[str, Any] | None:
        """The bot's answer to an inline query, or None while unanswered."""
        return await self._optional_object("GET", f"inline_answers/{inline_query_id}")

    async def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """The Bot API call log, optionally one method only."""
        return await self._objects("GET", "calls", params={"method": method})

    async def clear_calls(self) -> None:
        """Empty the call log."""
        await self._request("DELETE", "calls")

    async def commands(self) -> list[dict[str, Any]]:
        """[{scope, language_code, commands}] as set by setMyCommands."""
        return await self._objects("GET", "commands")

    async def file_bytes(self, file_id: str) -> bytes:
        """The bytes the bot uploaded under this file_id."""
        url = f"{self.base_url}/sandbox/files/{file_id}"
        async with self.session.get(url) as resp:
            if resp.status >= 400:
                raise SandboxError(resp.status, await resp.text())
            return await resp.read()

    async def status(self) -> dict[str, Any]:
        """Counters: pending updates, users, chats, calls."""
        return await self._object("GET", "status")

    # -- faults and world -------------------------------------------------------------------

    async def add_fault(
        self,
        method: str | None = None,
        *,
        error_code: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        delay: float | None = None,
        count: int = 1,
        chat_id: int | None = None,
        seconds: float | None = None,
        delay_after: float | None = None,
        disconnect: bool = False,
    ) -> dict[str, Any]:
        """Queue a fault for the next ``count`` matching calls, or for every matching call
        during ``seconds`` (method None: any but polling). See `bot.sandbox.faults`."""
        body = {
            "method": method,
            "error_code": error_code,
            "description": description,
            "retry_after": retry_after,
            "delay": delay,
            "count": count,
            "chat_id": chat_id,
            "seconds": seconds,
            "delay_after": delay_after,
            "disconnect": disconnect,
        }
        return await self._object("POST", "faults", body=body)

    async def faults(self) -> list[dict[str, Any]]:
        """Faults still queued (a fault with ``seconds`` until its time is up)."""
        return await self._objects("GET", "faults")

    async def clear_faults(self) -> None:
        """Remove every queued fault."""
        await self._request("DELETE", "faults")

    async def set_webhook_targets(self, urls: list[str]) -> dict[str, Any] | None:
        """Spread webhook deliveries over ``urls`` round-robin (a load balancer in front of
        replicas); an empty list goes back to the URL given to setWebhook (answer: None)."""
        payload = await self._request("PUT", "webhook/targets", body={"urls": urls})
        return payload if isinstance(payload, dict) else None

    async def webhook_targets(self) -> dict[str, Any] | None:
        """The targets with deliveries and failures per URL, or None when none are set."""
        return await self._optional_object("GET", "webhook/targets")

    async def reset(self) -> None:
        """Empty the world (the server keeps running)."""
        await self._request("POST", "reset")

    # -- waiting ----------------------------------------------------------------------------

    async def _poll(
        self,
        probe: Callable[[], Awaitable[T | None]],
        seconds: float,
        describe: Callable[[], Awaitable[str]],
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            found = await probe()
            if found is not None:
                return found
            if loop.time() >= deadline:
                raise TimeoutError(await describe())
            await asyncio.sleep(POLL_INTERVAL)

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
        *,
        after: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """First bot message with message_id > after matching predicate (current content)."""

        async def probe() -> dict[str, Any] | None:
            for entry in await self.transcript(chat_id, after):
                wanted = predicate is None or predicate(entry)
                if entry["from_bot"] and not entry["deleted"] and wanted:
                    return entry
            return None

        async def describe() -> str:
            shown = format_transcript(await self.transcript(chat_id))
            return (
                f"no bot message in chat {chat_id} after #{after} matched within {timeout}s; "
                f"transcript:\n{shown}"
            )

        return await self._poll(probe, timeout, describe)

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """The bot's first answer to a button press."""

        async def probe() -> dict[str, Any] | None:
            answers = await self.callback_answers(callback_query_id)
            return answers[0] if answers else None

        async def describe() -> str:
            return f"callback query {callback_query_id} not answered within {timeout}s"

        return await self._poll(probe, timeout, describe)

    async def wait_for_inline_answer(
        self,
        inline_query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """The bot's answer to an inline query: {"results", "cache_time", ...}."""

        async def probe() -> dict[str, Any] | None:
            return await self.inline_answers(inline_query_id)

        async def describe() -> str:
            return f"inline query {inline_query_id} not answered within {timeout}s"

        return await self._poll(probe, timeout, describe)
