"""Logs name the update and a pseudonym of the person, never what they wrote or who they are.

Handled conditions are one WARNING line without a traceback; a real failure is an ERROR.
"""

from __future__ import annotations

import logging

import pytest

from bot.logs import user_tag
from bot.sandbox.client import SandboxClient
from tests.conftest import TOKEN, BotProcess
from tests.telegram.chat import Chat

PERSONAL = ("Zelda", "calf raises", "52.52")
STALE = "Bad Request: query is too old and response timeout expired or query ID is invalid"


@pytest.fixture
async def chat(bot: BotProcess, client: SandboxClient) -> Chat:
    return await Chat(client, 8201, "Zelda").setup()


def lines(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(name)]


def assert_private(records: list[logging.LogRecord]) -> None:
    for record in records:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        assert not any(word in text for word in PERSONAL), text
        assert TOKEN not in text


async def test_an_error_names_the_update_and_a_pseudonym_only(
    chat: Chat, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    # A 400 is final (a 500 would be retried by the outbox and end well).
    await client.add_fault("sendMessage", error_code=400, count=1)
    with caplog.at_level(logging.WARNING):
        await chat.say_one("calf raises")
    (error,) = [r for r in lines(caplog, "bot.telegram.errors") if r.levelno == logging.ERROR]
    assert f"(message, user {user_tag(chat.user_id, TOKEN)})" in error.getMessage()
    assert error.getMessage().startswith("error while handling update ")
    assert_private(caplog.records)


async def test_a_blocked_persons_update_is_one_warning_without_a_traceback(
    chat: Chat, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    await client.add_fault("sendMessage", error_code=403, count=1)
    with caplog.at_level(logging.WARNING):
        await client.send_text(chat.user_id, "calf raises")
        await chat.say_one("/help")  # handled in order: the blocked answer came first
    (warning,) = lines(caplog, "bot.telegram.errors")
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert "blocked the bot" in warning.getMessage()
    assert_private(caplog.records)


async def test_an_already_answered_callback_is_one_warning(
    chat: Chat, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    card = await chat.say_one("calf raises")
    await client.add_fault(
        "answerCallbackQuery",
        error_code=400,
        description=STALE,
        count=2,
    )
    with caplog.at_level(logging.WARNING):
        data = next(
            b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row
        )
        await client.press(chat.user_id, card["message_id"], callback_data=data)
        await chat.say_one("/help")
    # The outbox takes "query is too old" as done: one WARNING from the transport, no error.
    assert not lines(caplog, "bot.telegram.errors")
    warnings = lines(caplog, "bot.telegram.http")
    assert warnings, "no warning logged"
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in warnings)
    assert "too old" in warnings[0].getMessage()
    assert_private(caplog.records)


async def test_a_network_blip_while_polling_is_one_warning(
    chat: Chat, client: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    await client.add_fault("getUpdates", error_code=502, count=1)
    with caplog.at_level(logging.WARNING):
        await chat.say_one("/help")
    (warning,) = lines(caplog, "bot.inbox.polling")
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert "502" in warning.getMessage()
    assert_private(caplog.records)
