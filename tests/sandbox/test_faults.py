"""Injected faults and blocked users, as python-telegram-bot sees them."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
import telegram
from sandbox_helpers import RawApi
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.sandbox import SandboxClient, SandboxError

User = dict[str, Any]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_raises_retry_after_with_the_given_value(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", error_code=429, retry_after=7)
    # PTB 22 deprecates reading retry_after as an int; its message carries the same value.
    with pytest.raises(RetryAfter, match="Retry in 7 seconds"):
        await ptb.send_message(1001, "flood")
    assert (await ptb.send_message(1001, "fine now")).text == "fine now"


async def test_429_envelope_carries_retry_after(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.add_fault(error_code=429, retry_after=3)
    status, body = await api.call("sendMessage", chat_id=1001, text="x")
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }


async def test_403_fault_raises_forbidden(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", error_code=403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await ptb.send_message(1001, "x")


async def test_500_fault_is_an_internal_server_error(
    api: RawApi, ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", error_code=500, count=2)
    status, body = await api.call("sendMessage", chat_id=1001, text="x")
    assert (status, body["description"]) == (500, "Internal Server Error")
    with pytest.raises(NetworkError):
        await ptb.send_message(1001, "x")
    assert await client.transcript(1001) == []


async def test_delay_fault_slows_the_answer_but_succeeds(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", delay=0.3)
    started = time.monotonic()
    status, _ = await api.call("sendMessage", chat_id=1001, text="slow")
    assert status == 200
    assert time.monotonic() - started >= 0.3


async def test_faults_match_method_chat_and_count(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.create_user(1002)
    await client.add_fault("sendMessage", error_code=500, chat_id=1002)
    assert (await api.call("getMe"))[0] == 200
    assert (await api.call("sendMessage", chat_id=1001, text="x"))[0] == 200
    assert (await api.call("sendMessage", chat_id=1002, text="x"))[0] == 500
    assert (await api.call("sendMessage", chat_id=1002, text="x"))[0] == 200


async def test_a_fault_for_any_method_leaves_polling_alone(
    api: RawApi, client: SandboxClient
) -> None:
    await client.add_fault(error_code=500)
    assert (await api.call("getUpdates"))[0] == 200
    assert (await api.call("getMe"))[0] == 500
    await client.add_fault(error_code=500)
    await client.clear_faults()
    assert (await api.call("getMe"))[0] == 200


async def test_bad_fault_is_refused_by_the_control_api(client: SandboxClient) -> None:
    with pytest.raises(SandboxError, match="error_code, a delay"):
        await client.add_fault("sendMessage")


async def test_blocked_user_makes_sends_forbidden_until_start(
    ptb: telegram.Bot, api: RawApi, client: SandboxClient, user: User
) -> None:
    blocked = await client.block(1001)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await ptb.send_message(1001, "reminder")
    with pytest.raises(Forbidden):
        await ptb.send_chat_action(1001, "typing")
    await client.send_text(1001, "/start")
    assert (await ptb.send_message(1001, "welcome back")).text == "welcome back"
    _, body = await api.call("getUpdates", offset=blocked["update_id"])
    kinds = [next(k for k in u if k != "update_id") for u in body["result"]]
    assert kinds == ["my_chat_member", "my_chat_member", "message"]
    assert body["result"][0]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    assert body["result"][1]["my_chat_member"]["new_chat_member"]["status"] == "member"


async def test_unblock_through_the_control_api(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.block(1001)
    await client.unblock(1001)
    assert (await ptb.send_message(1001, "hi")).text == "hi"
    assert (await client.chat(1001))["blocked"] is False


async def test_ptb_sees_bad_request_for_validation_errors(ptb: telegram.Bot, user: User) -> None:
    with pytest.raises(BadRequest, match="Message is too long"):
        await ptb.send_message(1001, "x" * 5000)


async def test_a_fault_with_seconds_hits_every_call_until_its_time_is_up(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", error_code=502, seconds=0.3)
    for _ in range(3):
        status, _body = await api.call("sendMessage", chat_id=1001, text="x")
        assert status == 502
    assert len(await client.faults()) == 1
    await asyncio.sleep(0.35)
    status, _body = await api.call("sendMessage", chat_id=1001, text="x")
    assert status == 200
    assert await client.faults() == []


async def test_delay_after_acts_first_and_answers_late(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", delay_after=0.2)
    started = time.monotonic()
    status, _body = await api.call("sendMessage", chat_id=1001, text="late")
    assert status == 200 and time.monotonic() - started >= 0.2
    assert [m["text"] for m in await client.transcript(1001)] == ["late"]


async def test_disconnect_drops_the_connection_and_does_nothing(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.add_fault("sendMessage", disconnect=True)
    with pytest.raises(NetworkError):
        await ptb.send_message(1001, "lost")
    assert await client.transcript(1001) == []
    (call,) = await client.calls("sendMessage")
    assert call["description"] == "connection dropped"
