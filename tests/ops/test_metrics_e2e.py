"""/metrics end to end: the real bot polls the sandbox; a reminder tick and a whole routine
move the counters by exactly what happened, read over HTTP from the health listener."""

from __future__ import annotations

import asyncio
import time as wall
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import OPS_PORT
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.conftest import BotProcess, FakeClock, make_settings
from tests.storage.subscribers import subscribe
from tests.telegram.chat import Chat, Message
from tests.telegram.test_reminders_e2e import tick
from tests.telegram.test_routine_e2e import finish_exercise

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

DUE = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # Berlin 08:00 on Tuesday 3 March
Sample = tuple[str, frozenset[tuple[str, str]]]


class Scrape:
    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[Sample, float] = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                self.values[(sample.name, frozenset(sample.labels.items()))] = sample.value

    def get(self, name: str, **labels: str) -> float:
        return self.values.get((name, frozenset(labels.items())), 0.0)


class CountingChat(Chat):
    """A person whose messages and presses are counted: each one is an update."""

    said = 0
    pressed = 0

    async def say(self, text: str, *, replies: int = 1) -> list[Message]:
        self.said += 1
        return await super().say(text, replies=replies)

    async def press_data(
        self, message_id: int, data: str, *, forge: bool = False
    ) -> dict[str, Any]:
        self.pressed += 1
        return await super().press_data(message_id, data, forge=forge)


@pytest.fixture
async def bot(
    sandbox: SandboxServer, database_url: str, clock: FakeClock
) -> AsyncIterator[BotProcess]:
    """The bot on SQLite and on PostgreSQL, with its health listener on a free port."""
    settings = make_settings(sandbox.url, database_url).model_copy(
        update={"health_port": 0, "webhook_listen": "127.0.0.1"}
    )
    process = BotProcess(settings, clock)
    await process.start()
    yield process
    await process.stop()


async def scrape(bot: BotProcess) -> Scrape:
    assert bot.app is not None
    port = bot.app.bot_data[OPS_PORT]
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        return Scrape(await response.text())


async def settled(bot: BotProcess, handled: float) -> Scrape:
    """The scrape once the worker has settled `handled` updates in all (an answer reaches the
    person a moment before its inbox row is marked done)."""
    deadline = wall.monotonic() + 5.0
    while True:
        now = await scrape(bot)
        total = sum(
            value
            for (name, _), value in now.values.items()
            if name == "footbot_updates_handled_total"
        )
        if total >= handled or wall.monotonic() > deadline:
            return now
        await asyncio.sleep(0.05)


async def test_a_reminder_tick_and_a_routine_move_the_counters_exactly(
    bot: BotProcess, client: SandboxClient
) -> None:
    # Three reminders fall due at one tick: on time (30 s lag), late (10 min 30 s), and to
    # someone who blocked the bot. The first send meets one 429 with retry_after 1.
    for user_id, at in ((8101, time(8, 0)), (8102, time(7, 50)), (8103, time(8, 0))):
        await Chat(client, user_id).setup()
        await subscribe(bot.sessions, user_id, bot.clock.now, at=at)
    await client.block(8103)
    before = await scrape(bot)
    assert before.get("footbot_subscribers_active") == 3

    await client.add_fault("sendMessage", error_code=429, retry_after=1, count=1)
    bot.clock.now = DUE + timedelta(seconds=30)
    await tick(bot)
    after = await scrape(bot)

    def moved(name: str, **labels: str) -> float:
        return after.get(name, **labels) - before.get(name, **labels)

    assert moved("footbot_reminders_due_total", kind="daily") == 3
    assert moved("footbot_reminders_sent_total", kind="daily") == 2
    assert moved("footbot_reminders_failed_total", kind="daily", reason="blocked") == 1
    assert moved("footbot_reminders_late_total", kind="daily") == 1
    assert moved("footbot_reminder_dispatch_lag_seconds_count", kind="daily") == 2
    assert moved("footbot_reminder_dispatch_lag_seconds_sum", kind="daily") == 30 + 630
    assert moved("footbot_reminder_dispatch_lag_seconds_bucket", kind="daily", le="30.0") == 1
    assert moved("footbot_answers_sent_total", method="sendmessage") == 2
    assert moved("footbot_answers_retried_total", method="sendmessage", reason="flood") == 1
    assert moved("footbot_answers_failed_total", method="sendmessage", reason="forbidden") == 1
    assert moved("footbot_telegram_429_total") == 1
    assert moved("footbot_telegram_retry_after_seconds_sum") == 1
    assert after.get("footbot_subscribers_active") == 2  # the blocked person is inactive now
    assert after.get("footbot_bot_api_last_success_timestamp_seconds") > 0

    # A whole routine by another person: one /today, then every press through to the end.
    chat = CountingChat(client, 8104)
    await chat.setup()
    await subscribe(bot.sessions, 8104, bot.clock.now, at=time(7, 30), equipment=["towel"])
    before = await settled(bot, 0)
    handled_before = sum(
        v for (n, _), v in before.values.items() if n == "footbot_updates_handled_total"
    )
    message = await chat.say_one("/today")
    while "Today's routine is complete." not in message["text"]:
        message = await finish_exercise(chat, message, 1)
    updates = chat.said + chat.pressed
    after = await settled(bot, handled_before + updates)

    assert moved("footbot_routines_started_total") == 1
    assert moved("footbot_routines_finished_total", status="completed") == 1
    assert moved("footbot_updates_received_total", type="message") == chat.said == 1
    assert moved("footbot_updates_received_total", type="callback_query") == chat.pressed
    assert moved("footbot_updates_handled_total", type="message", result="done") == 1
    assert moved("footbot_updates_handled_total", type="callback_query", result="done") == (
        chat.pressed
    )
    assert moved("footbot_handler_seconds_count", type="callback_query") == chat.pressed
    assert moved("footbot_updates_handled_total", type="message", result="retry") == 0
    assert after.get("footbot_inbox_pending") == 0
    assert after.get("footbot_inbox_oldest_pending_age_seconds") == 0
    assert after.get("footbot_inbox_parked") == 0
    assert moved("footbot_reminders_due_total", kind="daily") == 0


async def test_no_label_carries_a_person(bot: BotProcess, client: SandboxClient) -> None:
    chat = await Chat(client, 8201, "Grace").setup()
    await chat.say("/start")
    text = (await scrape(bot)).text
    assert "8201" not in text and "Grace" not in text


async def test_two_bots_in_one_process_count_apart(
    bot: BotProcess, tmp_path: Any, clock: FakeClock
) -> None:
    sandbox = SandboxServer(host="127.0.0.1", port=0)  # its own, or the two polls would clash
    await sandbox.start()
    other = BotProcess(
        make_settings(sandbox.url, f"sqlite+aiosqlite:///{tmp_path / 'other.db'}").model_copy(
            update={"health_port": 0, "webhook_listen": "127.0.0.1"}
        ),
        clock,
    )
    await other.start()
    try:
        assert other.app is not None and bot.app is not None
        mine = bot.app.bot_data["services"].metrics
        theirs = other.app.bot_data["services"].metrics
        assert mine.registry is not theirs.registry
        seen = (await scrape(other)).get("footbot_answers_sent_total", method="getme")
        mine.api_call("getme")
        assert (await scrape(other)).get("footbot_answers_sent_total", method="getme") == seen
    finally:
        await other.stop()
        await sandbox.stop()
