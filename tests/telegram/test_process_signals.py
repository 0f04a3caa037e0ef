"""SIGTERM and kill -9 on a real bot process: `python -m bot run`, as deploy/ starts it.

The bot runs in its own process against the sandbox server of the test; the test reads the
bot's database directly to see what was stored, taken and settled.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.inbox import InboxStatus
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import SessionFactory, create_engine, create_session_factory
from bot.storage.deliveries import DeliveryState
from bot.storage.migrate import upgrade
from bot.storage.models import Delivery, InboxUpdate, Subscription, User
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat
from tests.telegram.processes import BotSubprocess, count, free_port, row, until


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[SessionFactory]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def ping(client: SandboxClient) -> Chat:
    return await Chat(client, 9900, "Ping").setup()


@pytest.fixture
async def spawn(
    sandbox: SandboxServer, database_url: str, tmp_path: Path
) -> AsyncIterator[Callable[..., BotSubprocess]]:
    made: list[BotSubprocess] = []

    def make(**env: str) -> BotSubprocess:
        process = BotSubprocess(sandbox.url, database_url, tmp_path, **env)
        made.append(process)
        return process

    yield make
    for process in made:
        await process.close()


async def taken(sessions: SessionFactory, update_id: int) -> bool:
    found = await row(sessions, update_id)
    return found is not None and found.attempts >= 1


# --- SIGTERM -------------------------------------------------------------------------------


async def test_sigterm_lets_the_running_handler_finish_and_takes_nothing_new(
    spawn: Callable[..., BotSubprocess],
    database: SessionFactory,
    client: SandboxClient,
    ping: Chat,
) -> None:
    bot = spawn(SHUTDOWN_SECONDS="10")
    await bot.start(ping)
    chat = await Chat(client, 9901).setup()
    await client.add_fault(
        "sendMessage", delay=2.0, chat_id=chat.user_id
    )  # the answer takes 2 s to go out
    sent = await client.send_text(chat.user_id, "/help")
    await until(lambda: taken(database, sent["update_id"]), "the handler to start")
    await asyncio.sleep(0.3)  # its sendMessage is on the wire
    started = time.monotonic()
    bot.send(signal.SIGTERM)
    late = await client.send_text(chat.user_id, "calf raises")  # after SIGTERM: not taken
    assert await bot.wait(15) == 0, bot.log.read_text()
    took = time.monotonic() - started
    assert took < 10, took

    done = await row(database, sent["update_id"])
    assert done is not None and done.status == InboxStatus.DONE
    assert len(await chat.bot_messages()) == 1  # the answer went out, once
    assert await row(database, late["update_id"]) is None  # never acknowledged nor stored
    assert (await client.status())["pending_updates"] >= 1

    # The next process takes the update the first one left with Telegram.
    after = spawn()
    await after.start(ping)
    await chat.wait_for(lambda t: len([m for m in t if m["from_bot"]]) >= 2, "the late answer")
    assert "stopped in" in bot.log.read_text()


async def test_sigterm_hands_back_a_handler_that_does_not_finish_in_time(
    spawn: Callable[..., BotSubprocess],
    database: SessionFactory,
    client: SandboxClient,
    ping: Chat,
) -> None:
    bot = spawn(SHUTDOWN_SECONDS="2", INBOX_LEASE_SECONDS="300")
    await bot.start(ping)
    chat = await Chat(client, 9902).setup()
    # Telegram hangs for 8 s and then fails: nothing is delivered by this process.
    await client.add_fault("sendMessage", delay=8.0, error_code=500, chat_id=chat.user_id)
    sent = await client.send_text(chat.user_id, "/help")
    await until(lambda: taken(database, sent["update_id"]), "the handler to start")
    await asyncio.sleep(0.3)
    started = time.monotonic()
    bot.send(signal.SIGTERM)
    assert await bot.wait(10) == 0, bot.log.read_text()
    assert time.monotonic() - started < 5

    left = await row(database, sent["update_id"])
    assert left is not None
    # Pending, unleased and its attempt not counted: the next process need not wait 300 s.
    assert (left.status, left.lease_until, left.attempts) == (InboxStatus.PENDING, None, 0)
    await client.clear_faults()
    after = spawn(INBOX_LEASE_SECONDS="300")
    await after.start(ping)
    await until(lambda: _status_is(database, sent["update_id"], InboxStatus.DONE), "the update", 10)
    assert len(await chat.bot_messages()) == 1


async def test_sigterm_in_webhook_mode_finishes_the_handler_and_leaves_new_updates_to_telegram(
    spawn: Callable[..., BotSubprocess],
    database: SessionFactory,
    client: SandboxClient,
    sandbox: SandboxServer,
    ping: Chat,
) -> None:
    def webhook_env() -> dict[str, str]:
        port = free_port()
        return {
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "WEBHOOK_SECRET": "s3cret",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": str(port),
            "SHUTDOWN_SECONDS": "10",
        }

    bot = spawn(**webhook_env())
    await bot.start(ping)
    assert sandbox.world.webhook is not None
    chat = await Chat(client, 9904).setup()
    await client.add_fault("sendMessage", delay=2.0, chat_id=chat.user_id)
    sent = await client.send_text(chat.user_id, "/help")
    await until(lambda: taken(database, sent["update_id"]), "the handler to start")
    await asyncio.sleep(0.3)
    started = time.monotonic()
    bot.send(signal.SIGTERM)
    await asyncio.sleep(0.2)
    late = await client.send_text(chat.user_id, "calf raises")  # refused: Telegram keeps it
    assert await bot.wait(15) == 0, bot.log.read_text()
    assert time.monotonic() - started < 10

    assert await _status_is(database, sent["update_id"], InboxStatus.DONE)
    assert len(await chat.bot_messages()) == 1
    assert await row(database, late["update_id"]) is None
    assert (await client.status())["pending_updates"] >= 1

    after = spawn(**webhook_env())  # a replica on another port takes over the webhook
    await after.start(ping)
    await chat.wait_for(lambda t: len([m for m in t if m["from_bot"]]) >= 2, "the late answer")
    await until(lambda: _status_is(database, late["update_id"], InboxStatus.DONE), "done")


async def _status_is(sessions: SessionFactory, update_id: int, status: str) -> bool:
    found = await row(sessions, update_id)
    return found is not None and found.status == status


async def test_sigterm_releases_reminders_not_sent_yet(
    spawn: Callable[..., BotSubprocess],
    database: SessionFactory,
    client: SandboxClient,
    ping: Chat,
) -> None:
    """Twenty reminders due at 4 a second: SIGTERM after a few; the rest are handed back and
    the next process sends them at once (not after the five-minute lease), nobody twice."""
    people = range(9910, 9930)
    now = datetime.now(UTC).replace(microsecond=0)
    due = (now - timedelta(minutes=10)).time()
    for user_id in people:
        await client.create_user(user_id, "Ada")
        await subscribe(database, user_id, now - timedelta(minutes=30), at=due, zone="UTC")
    bot = spawn(REMINDER_RATE="4", REMINDER_TICK_SECONDS="0.5", SHUTDOWN_SECONDS="10")
    await bot.start(ping)

    async def reminded() -> list[dict[str, Any]]:
        calls = await client.calls("sendMessage")
        return [c for c in calls if c["ok"] and int(c["params"]["chat_id"]) in people]

    await until(lambda: _at_least(reminded, 2), "the first reminders", 20)
    started = time.monotonic()
    bot.send(signal.SIGTERM)
    assert await bot.wait(15) == 0, bot.log.read_text()
    assert time.monotonic() - started < 3  # not the four seconds the rest would have taken

    sent_state = Delivery.state == DeliveryState.SENT
    sent_before = await count(database, Delivery, sent_state)
    assert sent_before == len(await reminded())  # every send recorded
    assert 2 <= sent_before < len(people)
    claimed = Delivery.state == DeliveryState.CLAIMED
    released = Delivery.lease_until <= datetime.now(UTC)
    assert await count(database, Delivery, claimed) == len(people) - sent_before
    assert await count(database, Delivery, claimed, released) == len(people) - sent_before

    after = spawn(REMINDER_RATE="50", REMINDER_TICK_SECONDS="0.5")
    await after.start(ping)
    # Well before any lease (five minutes) ran out.
    await until(lambda: _all_sent(database, len(people)), "every reminder", 20)
    assert len(await reminded()) == len(people), "a reminder was sent twice or never"


async def _at_least(calls: Callable[[], Awaitable[list[dict[str, Any]]]], number: int) -> bool:
    return len(await calls()) >= number


async def _all_sent(sessions: SessionFactory, total: int) -> bool:
    return await count(sessions, Delivery, Delivery.state == DeliveryState.SENT) == total


# --- kill -9 -------------------------------------------------------------------------------


async def test_kill_9_during_a_handler_then_restart_handles_the_update_once(
    spawn: Callable[..., BotSubprocess],
    database: SessionFactory,
    client: SandboxClient,
    ping: Chat,
) -> None:
    # The killed process leases for 2 s, so that its row is free again soon after the kill.
    # The restarted one leases for a minute: its worker looks for free rows every second, and
    # with a short lease it would take its own row again (attempts + 1) whenever the handler
    # runs longer than the lease, as it does on a loaded machine.
    bot = spawn(INBOX_LEASE_SECONDS="2")
    await bot.start(ping)
    chat = await Chat(client, 9903).setup()
    # The first answer hangs, then fails: the handler has written the person and their
    # subscription and is waiting on Telegram when the process is killed.
    await client.add_fault("sendMessage", delay=5.0, error_code=500, chat_id=chat.user_id)
    sent = await client.send_text(chat.user_id, "/start")
    update_id = sent["update_id"]
    subscribed = Subscription.user_id == chat.user_id
    await until(lambda: count(database, Subscription, subscribed), "the handler's writes")
    # The writes commit before the answer goes out: kill only once the answer has reached
    # "Telegram" and taken the fault, or the restarted process would get the fault instead.
    await until(_no_fault_left(client), "the answer to hang at Telegram")
    bot.send(signal.SIGKILL)
    assert await bot.wait(10) == -signal.SIGKILL

    left = await row(database, update_id)
    assert left is not None and left.status == InboxStatus.PENDING and left.attempts == 1
    again = spawn(INBOX_LEASE_SECONDS="60")
    await again.start(ping)
    await until(lambda: _status_is(database, update_id, InboxStatus.DONE), "the retry", 15)
    done = await row(database, update_id)
    assert done is not None and done.attempts == 2  # the killed process's, then this one
    answers = await chat.bot_messages()
    assert answers, "the person never got an answer"
    assert len({m["text"] for m in answers}) == len(answers), "an answer came twice"
    assert await count(database, User, User.id == chat.user_id) == 1
    assert await count(database, Subscription, subscribed) == 1
    assert await count(database, InboxUpdate, InboxUpdate.update_id == update_id) == 1


def _no_fault_left(client: SandboxClient) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return not await client.faults()

    return check


# --- the webhook endpoint while stopping ---------------------------------------------------


class _StoppingWorker:
    stopping = True


async def test_the_webhook_answers_503_once_the_worker_is_stopping(tmp_path: Path) -> None:
    import httpx

    from bot.inbox.webhook import SECRET_HEADER, webhook_app

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'hook.db'}")
    try:
        await upgrade(engine)
        sessions = create_session_factory(engine)
        app = webhook_app("/hook", "s3cret", sessions, _StoppingWorker())  # type: ignore[arg-type]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as http:
            update = {"update_id": 5, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}
            answer = await http.post("/hook", json=update, headers={SECRET_HEADER: "s3cret"})
        assert answer.status_code == 503
        assert await count(sessions, InboxUpdate) == 0
    finally:
        await engine.dispose()
