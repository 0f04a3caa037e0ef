"""Inbox rows on SQLite and PostgreSQL: stored once, taken in order per chat, leased, parked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.domain.inbox import InboxStatus, Verdict
from bot.storage.database import SessionFactory
from bot.storage.forget import forget_user
from bot.storage.models import InboxUpdate
from bot.usecases import inbox

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
RETRY = timedelta(seconds=2)


def message(update_id: int, chat: int, text: str = "/help") -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "Ada"},
            "text": text,
        },
    }


async def taken_ids(sessions: SessionFactory, now: datetime = NOW, limit: int = 10) -> list[int]:
    return [row.update_id for row in await inbox.take(sessions, now, LEASE, limit)]


async def row(sessions: SessionFactory, update_id: int) -> InboxUpdate | None:
    async with sessions() as session:
        return await session.get(InboxUpdate, update_id)


async def test_the_same_update_twice_is_stored_once(sessions: SessionFactory) -> None:
    first = await inbox.receive(sessions, [message(1, 10), message(2, 10)], NOW)
    again = await inbox.receive(sessions, [message(2, 10, "changed"), message(3, 10)], NOW)
    assert (first.next_offset, again.next_offset) == (3, 4)
    async with sessions() as session:
        rows = (await session.scalars(select(InboxUpdate).order_by(InboxUpdate.update_id))).all()
    assert [r.update_id for r in rows] == [1, 2, 3]
    assert rows[1].payload["message"]["text"] == "/help"
    assert await inbox.resume_after(sessions) == 4


async def test_an_empty_inbox_resumes_from_telegrams_own_offset(sessions: SessionFactory) -> None:
    assert await inbox.resume_after(sessions) is None
    received = await inbox.receive(sessions, [{"no": "id"}], NOW)
    assert (received.stored, received.next_offset, received.unreadable) == (0, None, 1)


async def test_only_the_oldest_pending_row_of_each_chat_is_taken(sessions: SessionFactory) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 20), message(3, 10)], NOW)
    taken = await inbox.take(sessions, NOW, LEASE, 10)
    assert [r.update_id for r in taken] == [1, 2]
    assert await taken_ids(sessions) == []  # 1 and 2 are leased, 3 waits for 1
    await inbox.settle(sessions, taken[0], NOW, max_attempts=3, retry_delay=RETRY)
    assert await taken_ids(sessions) == [3]


async def test_an_update_stored_late_waits_while_its_successor_runs(
    sessions: SessionFactory,
) -> None:
    """Two webhook requests of one chat: the newer one was stored and taken before the older
    one's transaction committed. The older row must not run beside it."""
    await inbox.receive(sessions, [message(11, 10)], NOW)
    (running,) = await inbox.take(sessions, NOW, LEASE, 10)
    await inbox.receive(sessions, [message(10, 10), message(12, 20)], NOW)
    assert await taken_ids(sessions) == [12]  # another chat is not held up
    await inbox.settle(sessions, running, NOW, max_attempts=3, retry_delay=RETRY)
    assert await taken_ids(sessions) == [10]


async def test_a_lease_that_runs_out_gives_the_row_to_another_worker(
    sessions: SessionFactory,
) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 10)], NOW)
    assert await taken_ids(sessions) == [1]
    assert await taken_ids(sessions, NOW + LEASE - timedelta(seconds=1)) == []
    (again,) = await inbox.take(sessions, NOW + LEASE + timedelta(seconds=1), LEASE, 10)
    assert (again.update_id, again.attempts) == (1, 2)


async def test_a_failing_row_is_retried_then_parked_and_stops_blocking_its_chat(
    sessions: SessionFactory,
) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 10)], NOW)
    now = NOW
    verdicts = []
    for _ in range(3):
        (taken,) = await inbox.take(sessions, now, LEASE, 10)
        assert taken.update_id == 1
        settled = await inbox.settle(
            sessions, taken, now, error="boom", max_attempts=3, retry_delay=RETRY
        )
        verdicts.append(settled.verdict)
        if settled.verdict is Verdict.RETRY:
            assert await taken_ids(sessions, now + RETRY / 2) == []  # 2 waits for 1's retry
        now += RETRY * 2
    assert verdicts == [Verdict.RETRY, Verdict.RETRY, Verdict.PARK]
    parked = await row(sessions, 1)
    assert parked is not None
    assert (parked.status, parked.error) == (InboxStatus.PARKED, "boom")
    assert await taken_ids(sessions, now) == [2]


async def test_an_unparsable_row_is_parked_at_once(sessions: SessionFactory) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 10)], NOW)
    (taken,) = await inbox.take(sessions, NOW, LEASE, 10)
    settled = await inbox.settle(
        sessions, taken, NOW, error="KeyError", retryable=False, max_attempts=3, retry_delay=RETRY
    )
    assert settled.verdict is Verdict.PARK
    assert await taken_ids(sessions) == [2]


async def test_a_done_row_keeps_nothing_about_the_person_and_is_pruned_later(
    sessions: SessionFactory,
) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 20)], NOW)
    for taken in await inbox.take(sessions, NOW, LEASE, 10):
        await inbox.settle(sessions, taken, NOW, max_attempts=3, retry_delay=RETRY)
    done = await row(sessions, 1)
    assert done is not None
    assert (done.status, done.payload, done.user_id, done.chat_id) == ("done", {}, None, None)
    assert await inbox.prune(sessions, NOW + timedelta(days=2), timedelta(days=3)) == 0
    assert await inbox.prune(sessions, NOW + timedelta(days=4), timedelta(days=3)) == 2
    # Pruned ids stay behind the stored offset only if something newer remains: a redelivery
    # of a pruned update would be stored again, which is why retention outlasts Telegram's
    # own day of keeping unconfirmed updates.
    assert await row(sessions, 1) is None


async def test_forget_deletes_parked_rows_and_leaves_pending_ones_to_be_handled(
    sessions: SessionFactory,
) -> None:
    await inbox.receive(sessions, [message(1, 10), message(2, 10), message(3, 20)], NOW)
    (first, _other) = await inbox.take(sessions, NOW, LEASE, 10)
    await inbox.settle(
        sessions, first, NOW, error="bad", retryable=False, max_attempts=3, retry_delay=RETRY
    )
    async with sessions.begin() as session:
        await forget_user(session, 10)
    assert await row(sessions, 1) is None
    assert await row(sessions, 2) is not None  # a /start after /forget is still answered
    assert await row(sessions, 3) is not None


async def test_settling_a_row_takes_the_next_of_its_chat_in_the_same_round(
    sessions: SessionFactory,
) -> None:
    await inbox.receive(
        sessions, [message(1, 10), message(2, 10), message(3, 20), message(4, 20)], NOW
    )
    first = await inbox.take(sessions, NOW, LEASE, 10)
    assert [r.update_id for r in first] == [1, 3]
    failed = inbox.Attempt(first[1], error="boom")
    handled = inbox.Attempt(first[0])
    round_ = await inbox.settle_and_take(
        sessions, [handled, failed], NOW, lease=LEASE, limit=10, max_attempts=3, retry_delay=RETRY
    )
    assert [verdict for _, verdict in round_.settled] == [Verdict.DONE, Verdict.RETRY]
    # 1 is done, so 2 runs; 3 waits for its retry and still holds 4 back.
    assert [(r.update_id, r.attempts) for r in round_.taken] == [(2, 1)]
    done = await row(sessions, 1)
    assert done is not None and (done.status, done.payload, done.user_id) == ("done", {}, None)
    again = await inbox.settle_and_take(
        sessions,
        [inbox.Attempt(round_.taken[0])],
        NOW + RETRY + timedelta(seconds=1),
        lease=LEASE,
        limit=10,
        max_attempts=3,
        retry_delay=RETRY,
    )
    assert [(r.update_id, r.attempts) for r in again.taken] == [(3, 2)]
    assert await taken_ids(sessions, NOW + RETRY + timedelta(seconds=1)) == []
