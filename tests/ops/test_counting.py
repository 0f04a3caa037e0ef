"""How events reach the metrics: storage notes count only once their transaction commits, the
transport names each failure with one short word, and late means more than five minutes."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import timedelta

import pytest
from sqlalchemy import text
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.ops.metrics import Metrics, answered, update_type
from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from bot.storage.database import count_event, create_engine, create_session_factory
from bot.storage.tallies import DELIVERY_SENT, UPDATE_RECEIVED, Tally, failure_reason
from bot.telegram.http import AiohttpRequest
from bot.telegram.outbox import Patience, reason_of
from tests.conftest import TOKEN


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


class Seen:
    def __init__(self) -> None:
        self.events: list[Tally] = []

    def __call__(self, events: Sequence[Tally]) -> None:
        self.events.extend(events)


async def test_an_event_counts_when_its_transaction_commits_and_never_otherwise(
    sqlite_url: str,
) -> None:
    engine = create_engine(sqlite_url)
    seen = Seen()
    sessions = create_session_factory(engine, seen)
    try:
        async with sessions.begin() as session:
            count_event(session, UPDATE_RECEIVED, "message", value=2)
            await session.execute(text("SELECT 1"))
        assert seen.events == [Tally(UPDATE_RECEIVED, ("message",), 2)]

        with pytest.raises(RuntimeError):
            async with sessions.begin() as session:
                count_event(session, UPDATE_RECEIVED, "message")
                await session.execute(text("SELECT 1"))
                raise RuntimeError("the handler failed")
        async with sessions() as session:  # read, never committed
            count_event(session, UPDATE_RECEIVED, "message")
            await session.execute(text("SELECT 1"))
        async with sessions.begin() as session:  # a later commit does not bring them back
            await session.execute(text("SELECT 1"))
        assert len(seen.events) == 1

        plain = create_session_factory(engine)  # no observer: nothing is kept at all
        async with plain.begin() as session:
            count_event(session, UPDATE_RECEIVED, "message")
            assert session.info == {}
    finally:
        await engine.dispose()


def test_late_means_sent_more_than_five_minutes_after_due() -> None:
    metrics = Metrics()
    metrics.observe(
        [
            Tally(DELIVERY_SENT, ("daily",), 300.0),
            Tally(DELIVERY_SENT, ("daily",), 300.5),
            Tally("no such event"),
            Tally(UPDATE_RECEIVED, ("made_up_type",)),
        ]
    )
    assert sample(metrics, "footbot_reminders_sent_total", kind="daily") == 2
    assert sample(metrics, "footbot_reminders_late_total", kind="daily") == 1
    assert sample(metrics, "footbot_updates_received_total", type="other") == 1


@pytest.mark.parametrize(
    ("status", "error", "reason"),
    [
        (0, TimedOut(), "timeout"),
        (0, NetworkError("connection refused"), "network"),
        (502, NetworkError("Bad Gateway"), "server"),
        (400, BadRequest("chat not found"), "bad_request"),
        (403, TelegramError("Forbidden: bot was blocked by the user"), "forbidden"),
        (401, TelegramError("Unauthorized"), "unauthorized"),
        (418, TelegramError("teapot"), "other"),
    ],
)
def test_each_failure_is_one_short_word(status: int, error: TelegramError, reason: str) -> None:
    assert reason_of(status, error) == reason


def test_a_429_is_a_flood() -> None:
    with warnings.catch_warnings():  # PTB warns while it moves retry_after to timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        assert reason_of(429, RetryAfter(timedelta(seconds=3))) == "flood"


def test_what_counts_as_the_api_answering() -> None:
    assert [answered(s) for s in (200, 400, 403, 429, 401, 404, 502, 0)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert update_type("callback_query") == "callback_query"
    assert update_type("evil\nlabel") == "other"


def test_stored_delivery_reasons_become_words() -> None:
    assert failure_reason("blocked") == "blocked"
    assert failure_reason("timed out: maybe delivered") == "timeout"
    assert failure_reason("Bad Request: chat not found") == "error"


async def test_the_transport_counts_retries_and_failures(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    await client.create_user(3401, "Ada")
    metrics = Metrics()
    request = AiohttpRequest(patience=Patience(first_pause=0.01), metrics=metrics)
    async with Bot(TOKEN, base_url=f"{sandbox.url}/bot", request=request) as bot:
        await client.add_fault("sendMessage", error_code=502, count=2)
        await bot.send_message(3401, "hi")
        await client.block(3401)
        with pytest.raises(TelegramError):
            await bot.send_message(3401, "hi")
    assert sample(metrics, "footbot_answers_sent_total", method="sendmessage") == 1
    assert (
        sample(metrics, "footbot_answers_retried_total", method="sendmessage", reason="server") == 2
    )
    assert (
        sample(metrics, "footbot_answers_failed_total", method="sendmessage", reason="forbidden")
        == 1
    )
    assert metrics.api_silence() is not None
