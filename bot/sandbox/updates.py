"""The pending-update queue behind getUpdates and webhooks.

Telegram keeps updates until the bot confirms them with a higher ``offset``; a second
``getUpdates`` ends the first with 409. Waiters sleep on an event that each push replaces, so a
long poll returns the moment a user acts instead of on a polling tick.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import OrderedDict, deque
from collections.abc import Iterable
from typing import Any

from bot.sandbox.errors import ApiError

# What Telegram sends when allowed_updates is empty or never set.
DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

RECENT_KEPT = 10_000
"""Updates remembered by id after they were pushed, so a test can have one delivered again."""

CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Ordered pending updates with Telegram's offset semantics, bounded in size."""

    def __init__(self, max_pending: int = 100_000) -> None:
        self._ids = itertools.count(1)
        self._pending: deque[dict[str, Any]] = deque(maxlen=max_pending)
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._recent: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._unseen_again: set[int] = set()
        """Redelivered update ids not handed out yet: an offset past them does not drop them."""
        self.allowed_updates: list[str] = []

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Enqueue an update and wake every waiter; ids keep growing across clear()."""
        update_id = next(self._ids)
        update = {"update_id": update_id, kind: payload}
        if self._is_allowed(kind):
            self._pending.append(update)
            self._wake()
        self._recent[update_id] = update
        while len(self._recent) > RECENT_KEPT:
            self._recent.popitem(last=False)
        return update

    def redeliver(self, update_id: int) -> dict[str, Any]:
        """Deliver an already delivered update again, as Telegram does when it never saw the
        acknowledgement (a webhook answer lost, a crash before the next getUpdates). It is
        handed out once more even if the bot's offset is already past it."""
        update = self._recent.get(update_id)
        if update is None:
            raise KeyError(f"no recent update {update_id}")
        self._pending.append(update)
        self._unseen_again.add(update_id)
        self._wake()
        return update

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def wake_all(self) -> None:
        """Wake every waiter so it re-checks its conditions (e.g. a webhook was set)."""
        self._wake()

    def _is_allowed(self, kind: str) -> bool:
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in DEFAULT_EXCLUDED

    def set_allowed(self, allowed: Iterable[str] | None) -> None:
        """Telegram keeps the last allowed_updates until the next one is given."""
        if allowed is not None:
            self.allowed_updates = list(allowed)

    def confirm(self, offset: int | None) -> None:
        """Drop updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset is None:
            return
        if offset < 0:
            while len(self._pending) > -offset:
                self._pending.popleft()
            return
        while self._pending and self._pending[0]["update_id"] < offset:
            if self._pending[0]["update_id"] in self._unseen_again:
                break
            self._pending.popleft()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        """The first ``limit`` pending updates, without removing them."""
        return list(itertools.islice(self._pending, limit))

    def _hand_out(self, limit: int) -> list[dict[str, Any]]:
        """What getUpdates returns: from now on the offset may confirm these."""
        handed = self.peek(limit)
        if self._unseen_again:
            self._unseen_again.difference_update(int(update["update_id"]) for update in handed)
        return handed

    def drop_first(self) -> None:
        """Forget the oldest update (a webhook delivered it)."""
        if self._pending:
            self._pending.popleft()

    def remove(self, update: dict[str, Any]) -> None:
        """Forget one update wherever it is (delivered out of turn to one of several targets)."""
        with contextlib.suppress(ValueError):
            self._pending.remove(update)

    def clear(self) -> None:
        """Forget pending updates (drop_pending_updates, reset)."""
        self._pending.clear()
        self._unseen_again.clear()

    @property
    def pending_count(self) -> int:
        """How many updates wait for the bot."""
        return len(self._pending)

    async def wait_changed(self, seconds: float) -> None:
        """Sleep until the next push or wake_all, or until ``seconds`` pass."""
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    async def long_poll(self, offset: int | None, limit: int, seconds: float) -> list[Any]:
        """getUpdates: confirm, then return at once or hold until an update or the timeout."""
        self.confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # lets an older poll notice it has been superseded
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(seconds, 0)
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT_OTHER_POLL)
            if self._pending:
                return self._hand_out(limit)
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
