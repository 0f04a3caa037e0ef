"""python-telegram-bot's Bot, pointed at the sandbox, exactly as the real bot uses it."""

from __future__ import annotations

from typing import Any

import pytest
import telegram
from sandbox_helpers import make_png
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.sandbox import SandboxClient

User = dict[str, Any]


def markup(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


async def test_send_and_edit_with_keyboards(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    sent = await ptb.send_message(
        1001, "<b>Step 1</b> of 3", parse_mode=ParseMode.HTML, reply_markup=markup(("Next", "n1"))
    )
    assert sent.text == "Step 1 of 3"
    assert sent.entities[0].type == "bold"
    assert sent.reply_markup is not None
    edited = await ptb.edit_message_text(
        "Step 2 of 3", chat_id=1001, message_id=sent.message_id, reply_markup=markup(("Next", "n2"))
    )
    assert isinstance(edited, telegram.Message) and edited.edit_date is not None
    await ptb.edit_message_reply_markup(1001, sent.message_id, reply_markup=None)
    (entry,) = await client.transcript(1001)
    assert entry["text"] == "Step 2 of 3"
    assert entry["html"] == "Step 2 of 3"
    assert entry["reply_markup"] is None
    assert entry["edits"] == 2


async def test_answer_callback_query(ptb: telegram.Bot, client: SandboxClient, user: User) -> None:
    sent = await ptb.send_message(1001, "pick", reply_markup=markup(("A", "a"), ("B", "b")))
    pressed = await client.press(1001, sent.message_id, button_text="B")
    updates = await ptb.get_updates(timeout=1)
    query = updates[-1].callback_query
    assert query is not None and query.data == "b"
    assert query.id == pressed["callback_query_id"]
    assert query.message is not None and query.message.message_id == sent.message_id
    assert await query.answer("Saved", show_alert=True)
    answer = await client.wait_for_callback_answer(query.id)
    assert (answer["text"], answer["show_alert"]) == ("Saved", True)


async def test_answer_inline_query(ptb: telegram.Bot, client: SandboxClient, user: User) -> None:
    query_id = await client.inline_query(1001, "calf")
    (update,) = await ptb.get_updates(timeout=1)
    assert update.inline_query is not None and update.inline_query.query == "calf"
    article = InlineQueryResultArticle(
        "calf", "Calf raises", InputTextMessageContent("<b>Calf raises</b>", parse_mode="HTML")
    )
    assert await ptb.answer_inline_query(update.inline_query.id, [article], cache_time=5)
    answer = await client.wait_for_inline_answer(query_id)
    assert answer["results"][0]["title"] == "Calf raises"
    assert answer["cache_time"] == 5


async def test_send_photo_uploads_real_bytes(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    png = make_png(5, 4)
    sent = await ptb.send_photo(1001, png, caption="<i>Foot</i>", parse_mode="HTML")
    photo = sent.photo[-1]
    assert (photo.width, photo.height, photo.file_size) == (5, 4, len(png))
    assert sent.caption == "Foot"
    assert await client.file_bytes(photo.file_id) == png
    again = await ptb.send_photo(1001, photo.file_id)
    assert again.photo[-1].file_id == photo.file_id
    first, _ = await client.transcript(1001)
    assert first["photo"]["file_id"] == photo.file_id and first["text"] == "Foot"


async def test_send_photo_refuses_bytes_that_are_not_an_image(
    ptb: telegram.Bot, user: User
) -> None:
    with pytest.raises(telegram.error.BadRequest, match=r"(?i)image_process_failed"):
        await ptb.send_photo(1001, b"definitely not a picture")


async def test_send_document(ptb: telegram.Bot, client: SandboxClient, user: User) -> None:
    data = b"date,reps\n2026-03-02,10\n"
    sent = await ptb.send_document(1001, data, filename="log.csv", caption="Your log")
    assert sent.document is not None
    assert sent.document.file_name == "log.csv"
    assert sent.document.mime_type == "text/csv"
    assert await client.file_bytes(sent.document.file_id) == data
    (entry,) = await client.transcript(1001)
    assert entry["document"]["file_name"] == "log.csv"


async def test_commands_round_trip(ptb: telegram.Bot, client: SandboxClient) -> None:
    commands = [BotCommand("start", "Begin"), BotCommand("help", "How it works")]
    assert await ptb.set_my_commands(commands)
    assert [c.command for c in await ptb.get_my_commands()] == ["start", "help"]
    (registered,) = await client.commands()
    assert registered["scope"] == {"type": "default"}
    assert registered["commands"][1] == {"command": "help", "description": "How it works"}
    assert await ptb.delete_my_commands()
    assert await ptb.get_my_commands() == ()


async def test_delete_message_and_chat_action(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    sent = await ptb.send_message(1001, "temporary")
    assert await ptb.delete_message(1001, sent.message_id)
    (entry,) = await client.transcript(1001)
    assert entry["deleted"] is True
    assert await ptb.send_chat_action(1001, "typing")
    assert (await client.chat(1001))["last_action"] == "typing"


async def test_get_updates_with_offset(
    ptb: telegram.Bot, client: SandboxClient, user: User
) -> None:
    await client.send_text(1001, "one")
    await client.send_text(1001, "two")
    first = await ptb.get_updates(timeout=1)
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    assert await ptb.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()


async def test_webhook_methods(ptb: telegram.Bot) -> None:
    assert await ptb.set_webhook("http://127.0.0.1:9/hook", secret_token="abc")
    info = await ptb.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    assert await ptb.delete_webhook()
    assert (await ptb.get_webhook_info()).url == ""


async def test_close_and_log_out(ptb: telegram.Bot) -> None:
    assert await ptb.close()
    assert await ptb.log_out()
