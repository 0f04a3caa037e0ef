"""Routing, authentication and Telegram's response envelope, over plain HTTP."""

from __future__ import annotations

from typing import Any

import aiohttp
from sandbox_helpers import TOKEN, RawApi

from bot.sandbox import SandboxClient, SandboxServer

User = dict[str, Any]


async def test_get_me_is_wrapped_in_the_success_envelope(api: RawApi) -> None:
    status, body = await api.call("getMe")
    assert status == 200
    assert body == {
        "ok": True,
        "result": {
            "id": 123456789,
            "is_bot": True,
            "first_name": "FootBot",
            "username": "footbot_sandbox_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        },
    }


async def test_malformed_token_is_unauthorized(sandbox: SandboxServer) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{sandbox.url}/botnot-a-token/getMe") as resp,
    ):
        assert resp.status == 401
        assert await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_server_bound_to_a_token_refuses_others() -> None:
    async with SandboxServer(token=TOKEN) as server, aiohttp.ClientSession() as session:
        other = "42:" + "x" * 30
        async with session.get(f"{server.url}/bot{other}/getMe") as resp:
            assert resp.status == 401
        async with session.get(f"{server.url}/bot{TOKEN}/getMe") as resp:
            assert resp.status == 200


async def test_unknown_method_is_not_found(api: RawApi) -> None:
    status, body = await api.call("sendTelepathy", chat_id=1)
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(api: RawApi) -> None:
    status, body = await api.call("GETME")
    assert status == 200 and body["result"]["username"] == "footbot_sandbox_bot"


async def test_query_string_form_and_json_bodies_are_all_accepted(api: RawApi, user: User) -> None:
    url = f"{api.url}/bot{api.token}/sendMessage"
    async with api.session.get(url, params={"chat_id": "1001", "text": "via query"}) as resp:
        assert (await resp.json())["result"]["text"] == "via query"
    status, body = await api.form("sendMessage", chat_id="1001", text="via form")
    assert status == 200 and body["result"]["text"] == "via form"
    status, body = await api.call("sendMessage", chat_id=1001, text="via json")
    assert status == 200 and body["result"]["text"] == "via json"
    form = aiohttp.FormData()
    form.add_field("chat_id", "1001")
    form.add_field("text", "via multipart")
    async with api.session.post(url, data=form) as resp:
        assert (await resp.json())["result"]["text"] == "via multipart"


async def test_message_ids_grow_per_chat_and_carry_the_bot_as_sender(
    api: RawApi, user: User
) -> None:
    _, first = await api.call("sendMessage", chat_id=1001, text="one")
    _, second = await api.call("sendMessage", chat_id=1001, text="two")
    message = second["result"]
    assert message["message_id"] == first["result"]["message_id"] + 1
    assert message["from"]["id"] == 123456789 and message["from"]["is_bot"] is True
    assert message["chat"] == {
        "id": 1001,
        "type": "private",
        "first_name": "Ada",
        "username": "ada",
    }
    assert isinstance(message["date"], int)
    assert "entities" not in message and "reply_markup" not in message


async def test_every_call_is_logged(api: RawApi, client: SandboxClient, user: User) -> None:
    await api.call("sendMessage", chat_id=1001, text="logged")
    await api.call("sendMessage", chat_id=1001)
    calls = await client.calls("sendmessage")
    assert [(c["ok"], c["error_code"]) for c in calls] == [(True, None), (False, 400)]
    assert calls[0]["params"] == {"chat_id": 1001, "text": "logged"}
    await client.clear_calls()
    assert await client.calls() == []
