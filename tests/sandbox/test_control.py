"""The control API: acting as users and reading transcripts, through SandboxClient."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient, SandboxError, SandboxServer

User = dict[str, Any]
KEYBOARD = {
    "inline_keyboard": [
        [{"text": "Yes", "callback_data": "v1:yes"}, {"text": "No", "callback_data": "v1:no"}],
        [{"text": "Docs", "url": "https://example.org"}],
    ]
}


async def _bot_says(api: RawApi, text: str, chat_id: int = 1001, **extra: Any) -> dict[str, Any]:
    status, body = await api.call("sendMessage", chat_id=chat_id, text=text, **extra)
    assert status == 200, body
    return body["result"]


async def test_users_get_ids_and_unknown_users_are_created_on_send(
    client: SandboxClient,
) -> None:
    created = await client.create_user(first_name="Bea", language_code="de")
    assert created["first_name"] == "Bea" and created["language_code"] == "de"
    assert created["id"] > 0 and created["is_bot"] is False
    sent = await client.send_text(4242, "hi")
    assert sent["message"]["from"]["first_name"] == "User 4242"
    assert sent["message"]["chat"] == {"id": 4242, "type": "private", "first_name": "User 4242"}


async def test_location_messages(client: SandboxClient, user: User) -> None:
    sent = await client.send_location(1001, 52.5, 13.4)
    assert sent["message"]["location"] == {"latitude": 52.5, "longitude": 13.4}
    (entry,) = await client.transcript(1001)
    assert entry["location"] == {"latitude": 52.5, "longitude": 13.4}
    assert entry["from_bot"] is False


async def test_transcript_shows_current_content_after_edits(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.send_text(1001, "/start")
    sent = await _bot_says(api, "Hello <b>Ada</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    await api.call(
        "editMessageText",
        chat_id=1001,
        message_id=sent["message_id"],
        text="Bye &amp; thanks",
        parse_mode="HTML",
    )
    user_entry, bot_entry = await client.transcript(1001)
    assert user_entry["text"] == "/start" and user_entry["from_bot"] is False
    assert bot_entry["text"] == "Bye & thanks"
    assert bot_entry["html"] == "Bye &amp; thanks"
    assert bot_entry["reply_markup"] is None
    assert bot_entry["edits"] == 1 and bot_entry["edit_date"] is not None
    assert bot_entry["deleted"] is False
    assert await client.transcript(1001, after=1) == [bot_entry]


async def test_press_finds_buttons_by_data_or_text(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    sent = await _bot_says(api, "Sure?", reply_markup=KEYBOARD)
    by_data = await client.press(1001, sent["message_id"], callback_data="v1:no")
    by_text = await client.press(1001, sent["message_id"], button_text="Yes")
    _, body = await api.call("getUpdates")
    queries = [u["callback_query"] for u in body["result"]]
    assert [q["data"] for q in queries] == ["v1:no", "v1:yes"]
    assert [q["id"] for q in queries] == [
        by_data["callback_query_id"],
        by_text["callback_query_id"],
    ]
    assert queries[0]["message"]["message_id"] == sent["message_id"]
    assert queries[0]["from"]["id"] == 1001


async def test_press_refuses_buttons_that_are_not_there(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    sent = await _bot_says(api, "Sure?", reply_markup=KEYBOARD)
    with pytest.raises(SandboxError, match="no button 'v1:maybe'"):
        await client.press(1001, sent["message_id"], callback_data="v1:maybe")
    with pytest.raises(SandboxError, match="not a callback button"):
        await client.press(1001, sent["message_id"], button_text="Docs")
    with pytest.raises(SandboxError, match="not found"):
        await client.press(1001, 999, callback_data="v1:yes")


async def test_forged_presses_send_any_data_even_for_gone_messages(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    sent = await _bot_says(api, "Sure?", reply_markup=KEYBOARD)
    await client.press(1001, sent["message_id"], callback_data="v0:stale", forge=True)
    await client.press(1001, 999, callback_data="v1:yes", forge=True)
    _, body = await api.call("getUpdates")
    real, gone = (u["callback_query"] for u in body["result"])
    assert real["data"] == "v0:stale" and real["message"]["text"] == "Sure?"
    assert gone["message"]["date"] == 0 and gone["message"]["message_id"] == 999


async def test_someone_else_can_forge_a_press_in_a_private_chat(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    sent = await _bot_says(api, "Sure?", reply_markup=KEYBOARD)
    await client.press(2002, sent["message_id"], callback_data="v1:yes", chat_id=1001, forge=True)
    _, body = await api.call("getUpdates")
    query = body["result"][0]["callback_query"]
    assert query["from"]["id"] == 2002 and query["message"]["chat"]["id"] == 1001


async def test_groups_deliver_only_commands_and_mentions(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    group = await client.create_group(-500, "Foot club")
    assert group == {"id": -500, "type": "group", "title": "Foot club"}
    chatter = await client.send_text(1001, "hello all", chat_id=-500)
    command = await client.send_text(1001, "/help@footbot_sandbox_bot now", chat_id=-500)
    other = await client.send_text(1001, "/help@other_bot", chat_id=-500)
    mention = await client.send_text(1001, "hey @footbot_sandbox_bot", chat_id=-500)
    assert chatter["update_id"] is None and other["update_id"] is None
    assert command["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 25}]
    _, body = await api.call("getUpdates")
    assert [u["update_id"] for u in body["result"]] == [command["update_id"], mention["update_id"]]
    await _bot_says(api, "Please talk to me in private.", chat_id=-500)
    reply = await client.wait_for_message(-500)
    assert reply["text"] == "Please talk to me in private."
    assert len(await client.transcript(-500)) == 5


async def test_wait_for_message_sees_edits_and_skips_older_messages(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    first = await _bot_says(api, "working…")
    await api.call("editMessageText", chat_id=1001, message_id=first["message_id"], text="done")
    found = await client.wait_for_message(1001, lambda m: m["text"] == "done")
    assert found["message_id"] == first["message_id"]
    second = await _bot_says(api, "next")
    assert (await client.wait_for_message(1001, after=first["message_id"]))["message_id"] == (
        second["message_id"]
    )
    assert (await client.last_bot_message(1001) or {})["text"] == "next"


async def test_wait_for_message_times_out_showing_the_transcript(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    await client.send_text(1001, "anyone?")
    await _bot_says(api, "Pick one", reply_markup=KEYBOARD)
    with pytest.raises(TimeoutError) as caught:
        await client.wait_for_message(1001, lambda m: "never" in m["text"], timeout=0.1)
    shown = str(caught.value)
    assert "user: 'anyone?'" in shown and "bot : 'Pick one'" in shown and "'Yes'" in shown


async def test_waiting_for_answers_times_out_when_unanswered(
    client: SandboxClient, user: User
) -> None:
    query_id = await client.inline_query(1001, "x")
    assert await client.inline_answers(query_id) is None
    with pytest.raises(TimeoutError, match="not answered"):
        await client.wait_for_inline_answer(query_id, timeout=0.05)
    with pytest.raises(TimeoutError, match="not answered"):
        await client.wait_for_callback_answer("nope", timeout=0.05)


async def test_reset_empties_the_world_but_update_ids_keep_growing(
    client: SandboxClient, user: User
) -> None:
    before = await client.send_text(1001, "one")
    await client.reset()
    assert await client.transcript(1001) == []
    assert (await client.status())["users"] == 0
    after = await client.send_text(1001, "two")
    assert after["update_id"] > before["update_id"]


async def test_world_is_reachable_in_process(sandbox: SandboxServer, user: User) -> None:
    assert sandbox.world.users[1001]["first_name"] == "Ada"
    assert sandbox.url.startswith("http://127.0.0.1:")


async def test_memory_stays_bounded(api: RawApi, sandbox: SandboxServer, user: User) -> None:
    world = sandbox.world
    world.max_messages_per_chat = 5
    for i in range(12):
        await _bot_says(api, f"m{i}")
    transcript = world.transcript(1001)
    assert [m["text"] for m in transcript] == [f"m{i}" for i in range(7, 12)]
    assert transcript[-1]["message_id"] == 12
