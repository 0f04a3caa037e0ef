"""The in-memory world the sandbox simulates: users, chats, messages and pending queries.

One object holds everything so that ``reset`` is one call and in-process tests can inspect
state directly. Everything is bounded (messages, queries, files, calls) because benchmarks push
tens of thousands of messages through one server.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.calls import CallLog
from bot.sandbox.errors import CHAT_NOT_FOUND, bad_request, forbidden_blocked
from bot.sandbox.faults import FaultQueue
from bot.sandbox.files import FileStore
from bot.sandbox.updates import UpdateQueue

BOT_USERNAME = "footbot_sandbox_bot"
BOT_FIRST_NAME = "FootBot"
DEFAULT_BOT_ID = 1


@dataclass
class StoredMessage:
    """A message as Telegram holds it, plus what a transcript reader needs."""

    message: dict[str, Any]
    from_bot: bool
    html: str | None = None
    keyboard: dict[str, Any] | None = None
    deleted: bool = False
    edits: int = 0

    def transcript_entry(self) -> dict[str, Any]:
        """The flat view the control API returns for one message."""
        msg = self.message
        return {
            "message_id": msg["message_id"],
            "from_bot": self.from_bot,
            "from_id": msg.get("from", {}).get("id"),
            "text": msg.get("text", msg.get("caption")),
            "html": self.html,
            "entities": msg.get("entities", msg.get("caption_entities", [])),
            "caption": msg.get("caption"),
            "reply_markup": msg.get("reply_markup", self.keyboard),
            "date": msg["date"],
            "edit_date": msg.get("edit_date"),
            "edits": self.edits,
            "photo": msg["photo"][-1] if msg.get("photo") else None,
            "document": msg.get("document"),
            "location": msg.get("location"),
            "deleted": self.deleted,
        }


@dataclass
class Chat:
    """A chat and its message history (newest ``max_messages`` kept)."""

    info: dict[str, Any]
    messages: OrderedDict[int, StoredMessage] = field(default_factory=OrderedDict)
    next_message_id: int = 1
    last_action: str | None = None

    @property
    def id(self) -> int:
        """The chat id (== user id for private chats, negative for groups)."""
        return int(self.info["id"])


@dataclass
class CallbackQueryState:
    """A pressed button waiting for answerCallbackQuery.

    ``pressed_at`` is a ``time.perf_counter`` reading taken when the update is created, so
    benchmarks can time press-to-answer inside the server without client-side polling.
    """

    id: str
    user_id: int
    created: float
    answered: bool = False
    chat_id: int | None = None
    pressed_at: float = field(default_factory=time.perf_counter)


@dataclass
class WebhookConfig:
    """What setWebhook stored; delivery state lives here too for getWebhookInfo."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class WebhookTargets:
    """Where webhook deliveries go instead of the setWebhook URL: a load balancer's replicas.

    Set through the control API (``PUT /sandbox/webhook/targets``). Deliveries are spread over
    ``urls`` round-robin; a delivery that fails is tried again on the next one. ``delivered``
    and ``failed`` count the outcomes per URL, for tests that check the spread.
    """

    urls: list[str]
    delivered: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    """Why deliveries failed (getWebhookInfo's last_error_message), counted."""
    turn: int = 0

    def next_url(self) -> str:
        """The next target in turn."""
        url = self.urls[self.turn % len(self.urls)]
        self.turn += 1
        return url

    def summary(self) -> dict[str, Any]:
        """The control API's view."""
        return {
            "urls": self.urls,
            "delivered": self.delivered,
            "failed": self.failed,
            "errors": self.errors,
        }


class _WatchedCallLog(CallLog):
    """The call log, also telling the world after each Bot API call (for waiting helpers)."""

    def __init__(self, after_call: Callable[[str, dict[str, Any]], None]) -> None:
        super().__init__()
        self._after_call = after_call

    def record(self, method: str, params: dict[str, Any], **outcome: Any) -> None:
        super().record(method, params, **outcome)
        self._after_call(method, params)


def _bounded_put(store: OrderedDict[str, Any], key: str, value: Any, limit: int) -> None:
    store[key] = value
    while len(store) > limit:
        store.popitem(last=False)


class World:
    """All simulated Telegram state for one bot."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        max_messages: int = 100_000,
        max_messages_per_chat: int = 2_000,
        max_queries: int = 10_000,
        callback_ttl: float = 900.0,
    ) -> None:
        self.clock = clock
        self.max_messages = max_messages
        self.max_messages_per_chat = max_messages_per_chat
        self.max_queries = max_queries
        self.callback_ttl = callback_ttl
        self.bot_id = DEFAULT_BOT_ID
        self.updates = UpdateQueue()
        self.calls: CallLog = _WatchedCallLog(self._after_call)
        # Futures of coroutines waiting for the bot to act in a chat, by chat id; each is
        # removed when it is woken or gives up, so this only holds current waiters.
        self._watchers: dict[int, list[asyncio.Future[None]]] = {}
        self.faults = FaultQueue()
        self.files = FileStore()
        self._ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        """Forget users, chats, messages and queries; update ids keep growing."""
        self.users: dict[int, dict[str, Any]] = {}
        self.blocked: set[int] = set()
        self.chats: dict[int, Chat] = {}
        self._message_order: deque[tuple[int, int]] = deque()
        self.callback_queries: OrderedDict[str, CallbackQueryState] = OrderedDict()
        self.callback_answers: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        self.inline_queries: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.inline_answers: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.commands: dict[str, dict[str, Any]] = {}
        self.webhook: WebhookConfig | None = None
        self.webhook_targets: WebhookTargets | None = None
        self.updates.clear()
        self.calls.clear()
        self.faults.clear()
        self.files.clear()

    # -- identities ---------------------------------------------------------------------

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot as a User object (``from`` of its messages)."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
        }

    def now(self) -> int:
        """Unix time as Telegram dates are."""
        return int(self.clock())

    def new_id(self) -> int:
        """A fresh number for users, groups and query ids."""
        return next(self._ids)

    def add_user(
        self,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """Create (or replace) a user; ids are picked above the last one when missing."""
        if user_id is None:
            user_id = max([100_000, *self.users]) + 1
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User {user_id}",
        }
        for key, value in (
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value:
                user[key] = value
        self.users[user_id] = user
        self._private_chat(user_id).info.update(_private_chat_info(user))
        return user

    def user(self, user_id: int) -> dict[str, Any]:
        """The user with this id, created on first sight like an unknown Telegram user."""
        return self.users.get(user_id) or self.add_user(user_id)

    def add_group(self, chat_id: int | None = None, title: str | None = None) -> Chat:
        """Create a group chat (negative id) the bot is a member of."""
        if chat_id is None:
            chat_id = min([-1_000, *self.chats]) - 1
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        info = {"id": chat_id, "type": "group", "title": title or f"Group {-chat_id}"}
        chat = self.chats.setdefault(chat_id, Chat(info=info))
        chat.info.update(info)
        return chat

    def _private_chat(self, user_id: int) -> Chat:
        if user_id not in self.chats:
            self.chats[user_id] = Chat(info={"id": user_id, "type": "private"})
        return self.chats[user_id]

    def chat_for_user(self, user_id: int, chat_id: int | None, *, foreign: bool = False) -> Chat:
        """The chat a user acts in: their private chat, or a group (created on demand).

        ``foreign`` lets a user act in someone else's private chat, which only a forged
        callback query can do; it is how tests check that the bot verifies ownership.
        """
        self.user(user_id)
        if chat_id is None or chat_id == user_id:
            return self._private_chat(user_id)
        if chat_id > 0:
            if foreign and chat_id in self.chats:
                return self.chats[chat_id]
            raise ValueError("a user can only write in their own private chat or a group")
        return self.chats.get(chat_id) or self.add_group(chat_id)

    def chat_for_bot(self, chat_id: int | str) -> Chat:
        """Resolve a bot-supplied chat_id; 400 when unknown, 403 when the user blocked the bot."""
        chat: Chat | None = None
        if isinstance(chat_id, str):
            if chat_id.startswith("@"):
                wanted = chat_id[1:].lower()
                chat = next(
                    (
                        c
                        for c in self.chats.values()
                        if c.info["type"] != "private"
                        and c.info.get("username", "").lower() == wanted
                    ),
                    None,
                )
            elif chat_id.lstrip("-").isdigit():
                chat_id = int(chat_id)
        if isinstance(chat_id, int):
            chat = self.chats.get(chat_id)
            if chat is None and chat_id in self.users:
                chat = self._private_chat(chat_id)
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        if chat.id in self.blocked:
            raise forbidden_blocked()
        return chat

    # -- messages -----------------------------------------------------------------------

    def store_message(
        self,
        chat: Chat,
        sender: dict[str, Any],
        fields: dict[str, Any],
        *,
        html: str | None,
        keyboard: dict[str, Any] | None = None,
    ) -> StoredMessage:
        """Give a message the chat's next id, keep it, and evict the oldest over the bounds."""
        message = {
            "message_id": chat.next_message_id,
            "from": sender,
            "chat": dict(chat.info),
            "date": self.now(),
            **fields,
        }
        chat.next_message_id += 1
        stored = StoredMessage(
            message=message, from_bot=sender.get("is_bot", False), html=html, keyboard=keyboard
        )
        chat.messages[message["message_id"]] = stored
        self._message_order.append((chat.id, message["message_id"]))
        while len(chat.messages) > self.max_messages_per_chat:
            chat.messages.popitem(last=False)
        while len(self._message_order) > self.max_messages:
            old_chat, old_id = self._message_order.popleft()
            if old_chat in self.chats:
                self.chats[old_chat].messages.pop(old_id, None)
        return stored

    def find_message(self, chat: Chat, message_id: int) -> StoredMessage | None:
        """A message still held for this chat (deleted ones included)."""
        return chat.messages.get(message_id)

    def transcript(self, chat_id: int, after: int = 0) -> list[dict[str, Any]]:
        """Messages of a chat in order, each flattened for readers; [] for unknown chats."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [
            stored.transcript_entry()
            for message_id, stored in chat.messages.items()
            if message_id > after
        ]

    # -- queries ------------------------------------------------------------------------

    def remember_callback(self, query_id: str, user_id: int, chat_id: int | None = None) -> None:
        """Track a pressed button until it is answered or expires."""
        state = CallbackQueryState(
            id=query_id, user_id=user_id, created=self.clock(), chat_id=chat_id
        )
        _bounded_put(self.callback_queries, query_id, state, self.max_queries)

    def record_callback_answer(self, query_id: str, answer: dict[str, Any]) -> None:
        """Keep what the bot answered, for the control API, with the time since the press."""
        state = self.callback_queries.get(query_id)
        if state is not None:
            answer["latency_ms"] = (time.perf_counter() - state.pressed_at) * 1000
        answers = self.callback_answers.get(query_id, [])
        answers.append(answer)
        _bounded_put(self.callback_answers, query_id, answers, self.max_queries)

    def remember_inline(self, query: dict[str, Any]) -> None:
        """Track an inline query until it is answered."""
        _bounded_put(self.inline_queries, query["id"], query, self.max_queries)

    def record_inline_answer(self, query_id: str, answer: dict[str, Any]) -> None:
        """Keep the results the bot sent."""
        _bounded_put(self.inline_answers, query_id, answer, self.max_queries)

    # -- waiting for the bot --------------------------------------------------------------

    async def wait_until(self, chat_id: int, done: Callable[[], bool], seconds: float) -> bool:
        """Sleep until ``done()`` holds, re-checking after each Bot API call about ``chat_id``.

        Returns whether it holds. Woken per chat (not on every call) so that many waiting
        simulated people cost the server nothing between the calls that concern them.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not done():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            future: asyncio.Future[None] = loop.create_future()
            waiters = self._watchers.setdefault(chat_id, [])
            waiters.append(future)
            try:
                async with asyncio.timeout(remaining):
                    await future
            except TimeoutError:
                pass
            finally:
                if future in waiters:
                    waiters.remove(future)
                if not waiters and self._watchers.get(chat_id) is waiters:
                    del self._watchers[chat_id]
        return True

    def _after_call(self, method: str, params: dict[str, Any]) -> None:
        if not self._watchers:
            return
        chat_id: Any = params.get("chat_id")
        if method == "answerCallbackQuery":
            state = self.callback_queries.get(str(params.get("callback_query_id")))
            chat_id = state.chat_id if state is not None else None
        try:
            waiters = self._watchers.pop(int(chat_id), [])
        except (TypeError, ValueError):
            return
        for future in waiters:
            if not future.done():
                future.set_result(None)

    @staticmethod
    def commands_key(scope: dict[str, Any] | None, language_code: str | None) -> str:
        """setMyCommands keeps one list per (scope, language) pair."""
        scope = scope or {"type": "default"}
        return json.dumps([scope, language_code or ""], sort_keys=True)


def _private_chat_info(user: dict[str, Any]) -> dict[str, Any]:
    info = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            info[key] = user[key]
    return info
