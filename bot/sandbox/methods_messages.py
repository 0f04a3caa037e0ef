"""Bot API methods that create, change or remove messages in a chat.

Each handler applies Telegram's rules in Telegram's order (chat, then message, then content),
so the first error the bot sees is the one Telegram would send.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from bot.sandbox.errors import NOT_MODIFIED, bad_request
from bot.sandbox.files import StoredFile, image_size
from bot.sandbox.formatting import render
from bot.sandbox.markup import check_reply_markup
from bot.sandbox.validation import Upload, missing
from bot.sandbox.world import Chat, StoredMessage, World

MAX_TEXT = 4096
MAX_CAPTION = 1024

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _text_and_entities(
    params: dict[str, Any], key: str, limit: int, too_long: str
) -> tuple[str, str, list[dict[str, Any]]]:
    """Render text or caption under its parse mode and enforce the visible-length limit."""
    raw = params.get(key, "")
    text, entities = render(raw, params.get("parse_mode"))
    explicit = params.get("entities" if key == "text" else "caption_entities")
    if not params.get("parse_mode") and explicit:
        entities = explicit
    if key == "text" and not text.strip():
        raise bad_request("message text is empty")
    if len(text) > limit:
        raise bad_request(too_long)
    return raw, text, entities


def _split_markup(
    params: dict[str, Any], *, inline_only: bool = False
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(inline markup shown on the message, other keyboard kinds) after validation."""
    markup = params.get("reply_markup")
    if markup is None:
        return None, None
    markup = check_reply_markup(markup, inline_only=inline_only)
    if "inline_keyboard" in markup:
        return markup, None
    return None, markup


def _reply_fields(world: World, chat: Chat, params: dict[str, Any]) -> dict[str, Any]:
    reply = params.get("reply_parameters")
    if not reply or "message_id" not in reply:
        return {}
    target = world.find_message(chat, int(reply["message_id"]))
    if target is None or target.deleted:
        if reply.get("allow_sending_without_reply"):
            return {}
        raise bad_request("message to be replied not found")
    quoted = {k: v for k, v in target.message.items() if k != "reply_to_message"}
    return {"reply_to_message": quoted}


def _send(
    world: World,
    chat: Chat,
    params: dict[str, Any],
    fields: dict[str, Any],
    html: str | None,
) -> dict[str, Any]:
    inline, keyboard = _split_markup(params)
    fields = {**fields, **_reply_fields(world, chat, params)}
    if inline is not None:
        fields["reply_markup"] = inline
    stored = world.store_message(chat, world.bot_user, fields, html=html, keyboard=keyboard)
    return stored.message


async def send_message(world: World, params: dict[str, Any]) -> Any:
    """sendMessage."""
    chat = world.chat_for_bot(params["chat_id"])
    raw, text, entities = _text_and_entities(params, "text", MAX_TEXT, "message is too long")
    fields: dict[str, Any] = {"text": text}
    if entities:
        fields["entities"] = entities
    return _send(world, chat, params, fields, raw)


def _caption_fields(params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    if "caption" not in params:
        return {}, None
    raw, text, entities = _text_and_entities(
        params, "caption", MAX_CAPTION, "message caption is too long"
    )
    fields: dict[str, Any] = {"caption": text}
    if entities:
        fields["caption_entities"] = entities
    return fields, raw


def _resolve_file(world: World, value: Upload | str, *, image: bool) -> StoredFile:
    """An upload becomes a stored file; a string must be a known file_id or an HTTP URL."""
    if isinstance(value, Upload):
        if image and not value.data.startswith(IMAGE_MAGIC) and value.data[8:12] != b"WEBP":
            raise bad_request("IMAGE_PROCESS_FAILED")
        mime = value.content_type or mimetypes.guess_type(value.filename)[0]
        return world.files.add(value.data, value.filename, mime)
    known = world.files.get(value)
    if known is not None:
        return known
    if value.startswith(("http://", "https://")):
        name = value.rsplit("/", 1)[-1] or "file"
        return world.files.add(b"", name, mimetypes.guess_type(name)[0])
    raise bad_request("wrong file identifier/HTTP URL specified")


async def send_photo(world: World, params: dict[str, Any]) -> Any:
    """sendPhoto: the message carries a PhotoSize list with the real PNG dimensions."""
    chat = world.chat_for_bot(params["chat_id"])
    caption, raw = _caption_fields(params)
    stored_file = _resolve_file(world, params["photo"], image=True)
    width, height = image_size(stored_file.data)
    photo = {
        "file_id": stored_file.file_id,
        "file_unique_id": stored_file.file_unique_id,
        "width": width,
        "height": height,
        "file_size": stored_file.size,
    }
    return _send(world, chat, params, {"photo": [photo], **caption}, raw)


async def send_document(world: World, params: dict[str, Any]) -> Any:
    """sendDocument."""
    chat = world.chat_for_bot(params["chat_id"])
    caption, raw = _caption_fields(params)
    stored_file = _resolve_file(world, params["document"], image=False)
    document: dict[str, Any] = {
        "file_id": stored_file.file_id,
        "file_unique_id": stored_file.file_unique_id,
        "file_size": stored_file.size,
    }
    if stored_file.file_name:
        document["file_name"] = stored_file.file_name
    if stored_file.mime_type:
        document["mime_type"] = stored_file.mime_type
    return _send(world, chat, params, {"document": document, **caption}, raw)


def _message_to_edit(world: World, params: dict[str, Any]) -> StoredMessage:
    if "inline_message_id" in params and "chat_id" not in params:
        raise bad_request("MESSAGE_ID_INVALID")
    if "chat_id" not in params:
        raise missing("chat_id")
    if "message_id" not in params:
        raise missing("message_id")
    chat = world.chat_for_bot(params["chat_id"])
    stored = world.find_message(chat, params["message_id"])
    if stored is None or stored.deleted:
        raise bad_request("message to edit not found")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return stored


def _apply_edit(world: World, stored: StoredMessage, changes: dict[str, Any]) -> dict[str, Any]:
    """Replace fields in place (None removes); identical content is Telegram's 400."""
    message = stored.message
    if all(message.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    for key, value in changes.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = world.now()
    stored.edits += 1
    return message


async def edit_message_text(world: World, params: dict[str, Any]) -> Any:
    """editMessageText; leaving out reply_markup removes the keyboard, as in Telegram."""
    stored = _message_to_edit(world, params)
    if "text" not in params:
        raise missing("text")
    if "text" not in stored.message:
        raise bad_request("there is no text in the message to edit")
    raw, text, entities = _text_and_entities(params, "text", MAX_TEXT, "message is too long")
    inline, _ = _split_markup(params, inline_only=True)
    changes = {"text": text, "entities": entities or None, "reply_markup": inline}
    message = _apply_edit(world, stored, changes)
    stored.html = raw
    return message


async def edit_message_reply_markup(world: World, params: dict[str, Any]) -> Any:
    """editMessageReplyMarkup; no markup means remove the keyboard."""
    stored = _message_to_edit(world, params)
    inline, _ = _split_markup(params, inline_only=True)
    return _apply_edit(world, stored, {"reply_markup": inline})


async def delete_message(world: World, params: dict[str, Any]) -> Any:
    """deleteMessage: the transcript keeps the message, marked deleted."""
    chat = world.chat_for_bot(params["chat_id"])
    stored = world.find_message(chat, params["message_id"])
    if stored is None or stored.deleted:
        raise bad_request("message to delete not found")
    stored.deleted = True
    return True


async def send_chat_action(world: World, params: dict[str, Any]) -> Any:
    """sendChatAction: remembered per chat so a test can see "typing"."""
    chat = world.chat_for_bot(params["chat_id"])
    if params["action"] not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.last_action = params["action"]
    return True
