"""The table of Bot API methods the sandbox serves: parameters with Telegram type names.

Kept as plain data, with the exact type strings of the official specification, so a test can
compare it with ``api.json`` and catch a drift in either. ``required`` mirrors the spec;
conditional requirements (text for editMessageText, say) are enforced by the handlers.
Optional parameters are listed only where the sandbox reads them; others are ignored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox import methods_messages as msg
from bot.sandbox import methods_misc as misc
from bot.sandbox import methods_updates as upd
from bot.sandbox.world import World

Handler = Callable[[World, dict[str, Any]], Awaitable[Any]]
TypeNames = tuple[str, ...]
"""The Telegram type names one parameter accepts (one or several)."""
Params = dict[str, TypeNames]

CHAT_ID: TypeNames = ("Integer", "String")
ANY_MARKUP: TypeNames = (
    "InlineKeyboardMarkup",
    "ReplyKeyboardMarkup",
    "ReplyKeyboardRemove",
    "ForceReply",
)
FILE: TypeNames = ("InputFile", "String")
ENTITIES: TypeNames = ("Array of MessageEntity",)
SCOPE_AND_LANGUAGE: Params = {"scope": ("BotCommandScope",), "language_code": ("String",)}
SEND_COMMON: Params = {
    "parse_mode": ("String",),
    "disable_notification": ("Boolean",),
    "protect_content": ("Boolean",),
    "message_thread_id": ("Integer",),
    "reply_parameters": ("ReplyParameters",),
    "reply_markup": ANY_MARKUP,
}
EDIT_TARGET: Params = {
    "chat_id": CHAT_ID,
    "message_id": ("Integer",),
    "inline_message_id": ("String",),
}


@dataclass(frozen=True)
class MethodSpec:
    """One Bot API method: parameter names mapped to accepted Telegram type names."""

    name: str
    handler: Handler
    required: Params = field(default_factory=dict)
    optional: Params = field(default_factory=dict)


_SPECS = [
    MethodSpec("getMe", misc.get_me),
    MethodSpec(
        "getUpdates",
        upd.get_updates,
        optional={
            "offset": ("Integer",),
            "limit": ("Integer",),
            "timeout": ("Integer",),
            "allowed_updates": ("Array of String",),
        },
    ),
    MethodSpec(
        "setWebhook",
        upd.set_webhook,
        required={"url": ("String",)},
        optional={
            "ip_address": ("String",),
            "max_connections": ("Integer",),
            "allowed_updates": ("Array of String",),
            "drop_pending_updates": ("Boolean",),
            "secret_token": ("String",),
        },
    ),
    MethodSpec(
        "deleteWebhook", upd.delete_webhook, optional={"drop_pending_updates": ("Boolean",)}
    ),
    MethodSpec("getWebhookInfo", upd.get_webhook_info),
    MethodSpec(
        "sendMessage",
        msg.send_message,
        required={"chat_id": CHAT_ID, "text": ("String",)},
        optional={
            **SEND_COMMON,
            "entities": ENTITIES,
            "link_preview_options": ("LinkPreviewOptions",),
        },
    ),
    MethodSpec(
        "sendPhoto",
        msg.send_photo,
        required={"chat_id": CHAT_ID, "photo": FILE},
        optional={
            **SEND_COMMON,
            "caption": ("String",),
            "caption_entities": ENTITIES,
            "has_spoiler": ("Boolean",),
        },
    ),
    MethodSpec(
        "sendDocument",
        msg.send_document,
        required={"chat_id": CHAT_ID, "document": FILE},
        optional={
            **SEND_COMMON,
            "caption": ("String",),
            "caption_entities": ENTITIES,
            "thumbnail": FILE,
            "disable_content_type_detection": ("Boolean",),
        },
    ),
    MethodSpec(
        "editMessageText",
        msg.edit_message_text,
        optional={
            **EDIT_TARGET,
            "text": ("String",),
            "parse_mode": ("String",),
            "entities": ENTITIES,
            "link_preview_options": ("LinkPreviewOptions",),
            "reply_markup": ("InlineKeyboardMarkup",),
        },
    ),
    MethodSpec(
        "editMessageReplyMarkup",
        msg.edit_message_reply_markup,
        optional={**EDIT_TARGET, "reply_markup": ("InlineKeyboardMarkup",)},
    ),
    MethodSpec(
        "deleteMessage",
        msg.delete_message,
        required={"chat_id": CHAT_ID, "message_id": ("Integer",)},
    ),
    MethodSpec(
        "sendChatAction",
        msg.send_chat_action,
        required={"chat_id": CHAT_ID, "action": ("String",)},
        optional={"message_thread_id": ("Integer",)},
    ),
    MethodSpec(
        "answerCallbackQuery",
        misc.answer_callback_query,
        required={"callback_query_id": ("String",)},
        optional={
            "text": ("String",),
            "show_alert": ("Boolean",),
            "url": ("String",),
            "cache_time": ("Integer",),
        },
    ),
    MethodSpec(
        "answerInlineQuery",
        misc.answer_inline_query,
        required={"inline_query_id": ("String",), "results": ("Array of InlineQueryResult",)},
        optional={
            "cache_time": ("Integer",),
            "is_personal": ("Boolean",),
            "next_offset": ("String",),
            "button": ("InlineQueryResultsButton",),
        },
    ),
    MethodSpec(
        "setMyCommands",
        misc.set_my_commands,
        required={"commands": ("Array of BotCommand",)},
        optional=SCOPE_AND_LANGUAGE,
    ),
    MethodSpec("getMyCommands", misc.get_my_commands, optional=SCOPE_AND_LANGUAGE),
    MethodSpec("deleteMyCommands", misc.delete_my_commands, optional=SCOPE_AND_LANGUAGE),
    MethodSpec("close", misc.close),
    MethodSpec("logOut", misc.log_out),
]

METHODS: dict[str, MethodSpec] = {spec.name: spec for spec in _SPECS}

# Telegram routes method names case-insensitively.
METHODS_BY_LOWER_NAME: dict[str, MethodSpec] = {
    name.lower(): spec for name, spec in METHODS.items()
}
