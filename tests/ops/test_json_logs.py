"""LOG_FORMAT=json: one JSON object per line, naming the update and a pseudonym, never the
person's name, what they wrote, or the bot token."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from bot.config import ConfigError, load_settings
from bot.logs import JsonFormatter, log_context, user_tag
from bot.sandbox.client import SandboxClient
from tests.conftest import TOKEN, BotProcess
from tests.telegram.chat import Chat

PERSONAL = ("Zelda", "calf raises", "8301")
KEYS = {"time", "level", "logger", "message", "update_id", "user", "exc"}


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, through the JSON formatter, as `footbot run` with
    LOG_FORMAT=json writes it (a handler of our own: pytest keeps its capture handlers)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(TOKEN))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def parsed(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_json_lines_parse_name_the_update_and_carry_nothing_personal(
    bot: BotProcess, client: SandboxClient, json_lines: io.StringIO
) -> None:
    chat = await Chat(client, 8301, "Zelda").setup()
    await client.add_fault("sendMessage", error_code=400, count=1)  # an ERROR with a traceback
    await chat.say_one("calf raises")
    await chat.say_one("/help")
    lines = parsed(json_lines)
    assert lines, "nothing was logged"
    for line in lines:
        assert set(line) <= KEYS and {"time", "level", "logger", "message"} <= set(line)
        text = json.dumps(line)
        assert not any(word in text for word in PERSONAL), text
        assert TOKEN not in text
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors, lines
    (error,) = [line for line in errors if line["logger"] == "bot.telegram.errors"]
    assert isinstance(error["update_id"], int)
    assert error["user"] == user_tag(8301, TOKEN)
    assert "Traceback" in str(error["exc"])


def test_the_token_is_scrubbed_from_message_and_traceback() -> None:
    formatter = JsonFormatter(TOKEN)
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError:
        record = logging.LogRecord(
            "bot.x", logging.ERROR, __file__, 1, "calling %s", (f"bot{TOKEN}",), None
        )
        record.exc_info = sys.exc_info()
    line = json.loads(formatter.format(record))
    assert TOKEN not in json.dumps(line)
    assert line["message"] == "calling bot<token>"
    assert line["level"] == "ERROR" and line["logger"] == "bot.x"
    assert line["time"].endswith("+00:00")
    assert "update_id" not in line


async def test_an_updates_context_stays_in_its_own_task() -> None:
    formatter = JsonFormatter(None)
    seen: dict[str, dict[str, object]] = {}

    def record() -> logging.LogRecord:
        return logging.LogRecord("bot.y", logging.INFO, __file__, 1, "hello", None, None)

    async def handle(update_id: int, user: str | None) -> None:
        log_context(update_id, user)
        await asyncio.sleep(0)
        seen[str(update_id)] = json.loads(formatter.format(record()))

    await asyncio.gather(handle(1, "abcd1234"), handle(2, "-"))
    assert seen["1"]["update_id"] == 1 and seen["1"]["user"] == "abcd1234"
    assert seen["2"]["update_id"] == 2 and "user" not in seen["2"]
    assert "update_id" not in json.loads(formatter.format(record()))


def test_log_format_is_text_or_json() -> None:
    assert load_settings(_env_file=None).log_format == "text"
    assert load_settings(_env_file=None, LOG_FORMAT="JSON").log_format == "json"
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        load_settings(_env_file=None, LOG_FORMAT="xml")
    with pytest.raises(ConfigError, match="HEALTH_PORT"):
        load_settings(_env_file=None, HEALTH_PORT="70000")
    assert load_settings(_env_file=None, HEALTH_PORT="").health_port is None
    assert load_settings(_env_file=None, HEALTH_PORT="9090").health_port == 9090
