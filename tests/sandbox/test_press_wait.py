"""Pressing with ``wait``: one control request that returns once the bot answered and edited.

Benchmarks drive many simulated people in a closed loop with it, and read the server-side
press-to-answer time (``latency_ms``) from the answer instead of timing by polling.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient, SandboxServer

User = dict[str, Any]
KEYBOARD = {"inline_keyboard": [[{"text": "Go", "callback_data": "v1:go"}]]}


async def _press(client: SandboxClient, message_id: int, wait: float) -> dict[str, Any]:
    async with client.session.post(
        f"{client.base_url}/sandbox/press",
        json={"user_id": 1001, "message_id": message_id, "callback_data": "v1:go", "wait": wait},
    ) as response:
        assert response.status == 200
        return await response.json()


async def _bot_says(api: RawApi) -> int:
    _, body = await api.call("sendMessage", chat_id=1001, text="Ready?", reply_markup=KEYBOARD)
    return int(body["result"]["message_id"])


async def test_press_with_wait_returns_after_the_answer_and_the_edit(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    message_id = await _bot_says(api)
    pressing = asyncio.create_task(_press(client, message_id, wait=5))
    _, body = await api.call("getUpdates", timeout=5)
    query = body["result"][0]["callback_query"]
    await asyncio.sleep(0.05)  # the bot thinks
    await api.call("answerCallbackQuery", callback_query_id=query["id"], text="ok")
    await asyncio.sleep(0.05)
    assert not pressing.done()  # answered, but the message is not edited yet
    await api.call(
        "editMessageText", chat_id=1001, message_id=message_id, text="Gone", reply_markup=KEYBOARD
    )
    result = await asyncio.wait_for(pressing, 5)
    assert result["callback_query_id"] == query["id"]
    assert result["answer"]["text"] == "ok"
    assert 50 <= result["answer"]["latency_ms"] < 5_000
    assert result["message"]["text"] == "Gone" and result["message"]["edits"] == 1


async def test_press_with_wait_gives_up_and_says_what_it_saw(
    api: RawApi, client: SandboxClient, sandbox: SandboxServer, user: User
) -> None:
    message_id = await _bot_says(api)
    result = await _press(client, message_id, wait=0.05)
    assert result["answer"] is None and result["message"]["edits"] == 0
    assert sandbox.world._watchers == {}  # nobody left waiting


async def test_answers_carry_the_time_since_the_press(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    message_id = await _bot_says(api)
    pressed = await client.press(1001, message_id, callback_data="v1:go")
    await api.call("answerCallbackQuery", callback_query_id=pressed["callback_query_id"])
    (answer,) = await client.callback_answers(pressed["callback_query_id"])
    assert 0 < answer["latency_ms"] < 5_000
