"""Telegram's validation rules, one test each, with Telegram's wording."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sandbox_helpers import RawApi

from bot.sandbox import SandboxClient

User = dict[str, Any]
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


async def test_empty_text_is_refused(api: RawApi, user: User) -> None:
    assert await api.error("sendMessage", chat_id=1001, text="") == (
        "Bad Request: message text is empty"
    )
    assert await api.error("sendMessage", chat_id=1001, text="   \n") == (
        "Bad Request: message text is empty"
    )


async def test_missing_chat_id_is_refused(api: RawApi) -> None:
    assert await api.error("sendMessage", text="hi") == "Bad Request: chat_id is empty"


async def test_missing_other_required_parameter_is_named(api: RawApi) -> None:
    assert await api.error("setMyCommands") == 'Bad Request: parameter "commands" is required'


async def test_mistyped_integer_is_refused(api: RawApi, user: User) -> None:
    description = await api.error("deleteMessage", chat_id=1001, message_id="abc")
    assert description == 'Bad Request: parameter "message_id" must be of type Integer'


async def test_chat_id_that_is_neither_number_nor_username_is_not_found(api: RawApi) -> None:
    assert await api.error("sendMessage", chat_id="abc", text="hi") == (
        "Bad Request: chat not found"
    )


async def test_unknown_chat_is_not_found(api: RawApi) -> None:
    assert await api.error("sendMessage", chat_id=999, text="hi") == "Bad Request: chat not found"


async def test_reply_markup_that_is_not_json_is_refused(api: RawApi, user: User) -> None:
    status, body = await api.form("sendMessage", chat_id="1001", text="x", reply_markup="{oops")
    assert status == 400
    assert body["description"] == "Bad Request: can't parse reply keyboard markup JSON object"


async def test_reply_markup_of_the_wrong_shape_is_refused(api: RawApi, user: User) -> None:
    description = await api.error(
        "sendMessage", chat_id=1001, text="x", reply_markup={"inline_keyboard": "no"}
    )
    assert "should be an Array of Arrays" in description


async def test_text_over_4096_characters_is_too_long(api: RawApi, user: User) -> None:
    status, _ = await api.call("sendMessage", chat_id=1001, text="x" * 4096)
    assert status == 200
    assert await api.error("sendMessage", chat_id=1001, text="x" * 4097) == (
        "Bad Request: message is too long"
    )


async def test_length_is_counted_after_html_parsing(api: RawApi, user: User) -> None:
    text = "<b>" + "x" * 4090 + "</b>&amp;"
    status, body = await api.call("sendMessage", chat_id=1001, text=text, parse_mode="HTML")
    assert status == 200, body
    assert body["result"]["text"] == "x" * 4090 + "&"
    assert body["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 4090}]


async def test_invalid_html_cannot_be_parsed(api: RawApi, user: User) -> None:
    for text in ("<b>unclosed", "<blink>x</blink>", "1 < 2", "<b><i>x</b></i>"):
        description = await api.error("sendMessage", chat_id=1001, text=text, parse_mode="HTML")
        assert description.startswith("Bad Request: can't parse entities: "), text


async def test_callback_data_over_64_bytes_is_invalid(api: RawApi, user: User) -> None:
    ok = keyboard({"text": "ok", "callback_data": "é" * 32})  # 64 bytes
    status, _ = await api.call("sendMessage", chat_id=1001, text="x", reply_markup=ok)
    assert status == 200
    too_long = keyboard({"text": "no", "callback_data": "é" * 32 + "x"})
    assert await api.error("sendMessage", chat_id=1001, text="x", reply_markup=too_long) == (
        "Bad Request: BUTTON_DATA_INVALID"
    )


async def test_more_than_100_buttons_is_too_long(api: RawApi, user: User) -> None:
    rows = [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]
    description = await api.error(
        "sendMessage", chat_id=1001, text="x", reply_markup={"inline_keyboard": rows}
    )
    assert description == "Bad Request: reply markup is too long"


@pytest.mark.parametrize(
    "button",
    [
        {"text": "no action"},
        {"text": "two actions", "callback_data": "a", "url": "https://example.org"},
        {"callback_data": "no text"},
    ],
)
async def test_button_needs_text_and_exactly_one_action(
    api: RawApi, user: User, button: dict[str, Any]
) -> None:
    description = await api.error(
        "sendMessage", chat_id=1001, text="x", reply_markup=keyboard(button)
    )
    assert description.startswith("Bad Request: can't parse inline keyboard button: ")


async def test_editing_a_missing_message_is_refused(api: RawApi, user: User) -> None:
    description = await api.error("editMessageText", chat_id=1001, message_id=77, text="new")
    assert description == "Bad Request: message to edit not found"


async def test_edit_with_identical_content_is_not_modified(api: RawApi, user: User) -> None:
    markup = keyboard({"text": "A", "callback_data": "a"})
    _, sent = await api.call("sendMessage", chat_id=1001, text="same", reply_markup=markup)
    message_id = sent["result"]["message_id"]
    description = await api.error(
        "editMessageText", chat_id=1001, message_id=message_id, text="same", reply_markup=markup
    )
    assert description == NOT_MODIFIED
    assert (
        await api.error(
            "editMessageReplyMarkup", chat_id=1001, message_id=message_id, reply_markup=markup
        )
        == NOT_MODIFIED
    )


async def test_unknown_callback_query_is_too_old(api: RawApi) -> None:
    assert await api.error("answerCallbackQuery", callback_query_id="123") == QUERY_TOO_OLD


async def test_answering_a_callback_query_twice_is_refused(
    api: RawApi, client: SandboxClient, user: User
) -> None:
    markup = keyboard({"text": "A", "callback_data": "a"})
    _, sent = await api.call("sendMessage", chat_id=1001, text="pick", reply_markup=markup)
    pressed = await client.press(1001, sent["result"]["message_id"], callback_data="a")
    query_id = pressed["callback_query_id"]
    status, body = await api.call("answerCallbackQuery", callback_query_id=query_id, text="ok")
    assert (status, body) == (200, {"ok": True, "result": True})
    assert await api.error("answerCallbackQuery", callback_query_id=query_id) == QUERY_TOO_OLD


async def test_expired_callback_query_is_too_old(
    api: RawApi, client: SandboxClient, sandbox: Any, user: User
) -> None:
    markup = keyboard({"text": "A", "callback_data": "a"})
    _, sent = await api.call("sendMessage", chat_id=1001, text="pick", reply_markup=markup)
    pressed = await client.press(1001, sent["result"]["message_id"], callback_data="a")
    sandbox.world.callback_ttl = -1.0
    description = await api.error(
        "answerCallbackQuery", callback_query_id=pressed["callback_query_id"]
    )
    assert description == QUERY_TOO_OLD


async def test_caption_over_1024_characters_is_too_long(api: RawApi, user: User) -> None:
    description = await api.error(
        "sendPhoto", chat_id=1001, photo="https://example.org/a.png", caption="c" * 1025
    )
    assert description == "Bad Request: message caption is too long"


async def test_inline_results_are_checked(api: RawApi, client: SandboxClient, user: User) -> None:
    query_id = await client.inline_query(1001, "q")
    article = {
        "type": "article",
        "title": "t",
        "input_message_content": {"message_text": "m"},
    }
    too_many = [{**article, "id": str(i)} for i in range(51)]
    cases = {
        "RESULTS_TOO_MUCH": too_many,
        "RESULT_ID_INVALID": [article],
        "RESULT_ID_DUPLICATE": [{**article, "id": "1"}, {**article, "id": "1"}],
    }
    for expected, results in cases.items():
        description = await api.error(
            "answerInlineQuery", inline_query_id=query_id, results=results
        )
        assert description == f"Bad Request: {expected}"
    no_type = [{"id": "1", "title": "t"}]
    description = await api.error("answerInlineQuery", inline_query_id=query_id, results=no_type)
    assert description.startswith("Bad Request: can't parse inline query result")
    status, _ = await api.form(
        "answerInlineQuery", inline_query_id=query_id, results=json.dumps([{**article, "id": "a"}])
    )
    assert status == 200
    assert await api.error("answerInlineQuery", inline_query_id=query_id, results=[]) == (
        QUERY_TOO_OLD
    )


async def test_deleting_a_missing_message_is_refused(api: RawApi, user: User) -> None:
    description = await api.error("deleteMessage", chat_id=1001, message_id=5)
    assert description == "Bad Request: message to delete not found"


async def test_unknown_chat_action_is_refused(api: RawApi, user: User) -> None:
    description = await api.error("sendChatAction", chat_id=1001, action="dancing")
    assert description == "Bad Request: wrong parameter action in request"
