"""What simulated users do: write, press buttons, type inline queries, block the bot.

Each action stores what Telegram would store and enqueues the update Telegram would send, with
the same shapes (bot_command entities, InaccessibleMessage for gone messages, my_chat_member on
blocking), so the bot under test cannot tell the sandbox from Telegram.
"""

from __future__ import annotations

import secrets
from typing import Any

from bot.sandbox.markup import inline_buttons
from bot.sandbox.world import BOT_USERNAME, Chat, World


class ActionError(ValueError):
    """A control-API request that cannot happen (e.g. pressing a button that is not there)."""


def command_entities(text: str) -> list[dict[str, Any]]:
    """Telegram marks a leading /command (up to the first whitespace) as bot_command."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return []
    length = len(text.split(maxsplit=1)[0])
    return [{"type": "bot_command", "offset": 0, "length": length}]


def _reaches_bot_in_group(text: str | None) -> bool:
    """Privacy mode: in groups the bot sees commands for it and mentions of it only."""
    if not text:
        return False
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        return "@" not in command or command.lower().endswith("@" + BOT_USERNAME)
    return ("@" + BOT_USERNAME) in text.lower()


def user_message(
    world: World,
    user_id: int,
    text: str | None = None,
    *,
    chat_id: int | None = None,
    location: dict[str, float] | None = None,
) -> dict[str, Any]:
    """A user writes; returns {"update_id", "message"} (update_id None if the bot cannot see it)."""
    if not text and not location:
        raise ActionError("a message needs text or a location")
    user = world.user(user_id)
    chat = world.chat_for_user(user_id, chat_id)
    if chat.info["type"] == "private" and user_id in world.blocked:
        # A user cannot write to a bot they blocked; Telegram's "Restart" button unblocks first.
        set_blocked(world, user_id, False)
    fields: dict[str, Any] = {}
    if text:
        fields["text"] = text
        entities = command_entities(text)
        if entities:
            fields["entities"] = entities
    if location:
        fields["location"] = {
            "latitude": float(location["latitude"]),
            "longitude": float(location["longitude"]),
        }
    stored = world.store_message(chat, user, fields, html=None)
    visible = chat.info["type"] == "private" or _reaches_bot_in_group(text)
    update_id = None
    if visible:
        update_id = world.updates.push("message", stored.message)["update_id"]
    return {"update_id": update_id, "message": stored.message}


def press_button(
    world: World,
    user_id: int,
    message_id: int,
    *,
    chat_id: int | None = None,
    callback_data: str | None = None,
    button_text: str | None = None,
    forge: bool = False,
) -> dict[str, Any]:
    """A user presses an inline button; forge=True sends any data, even for a gone message."""
    user = world.user(user_id)
    chat = world.chat_for_user(user_id, chat_id, foreign=forge)
    stored = world.find_message(chat, message_id)
    if forge:
        if callback_data is None:
            raise ActionError("forge needs callback_data")
        data = callback_data
    else:
        if stored is None or stored.deleted:
            raise ActionError(f"message {message_id} not found in chat {chat.id}")
        data = _pick_button_data(stored.message, callback_data, button_text)
    message: dict[str, Any]
    if stored is not None and not stored.deleted:
        message = stored.message
    else:
        message = {"chat": dict(chat.info), "message_id": message_id, "date": 0}
    query_id = str(secrets.randbits(62))
    world.remember_callback(query_id, user_id, chat.id)
    query = {
        "id": query_id,
        "from": user,
        "message": message,
        "chat_instance": str(chat.id * 7919 % 1_000_000_007),
        "data": data,
    }
    update = world.updates.push("callback_query", query)
    return {"update_id": update["update_id"], "callback_query_id": query_id}


def _pick_button_data(
    message: dict[str, Any], callback_data: str | None, button_text: str | None
) -> str:
    buttons = inline_buttons(message.get("reply_markup"))
    if not buttons:
        raise ActionError(f"message {message['message_id']} has no inline keyboard")
    for button in buttons:
        by_data = callback_data is not None and button.get("callback_data") == callback_data
        by_text = button_text is not None and button.get("text") == button_text
        if by_data or by_text:
            if "callback_data" not in button:
                raise ActionError(f"button {button['text']!r} is not a callback button")
            return str(button["callback_data"])
    shown = [(b.get("text"), b.get("callback_data")) for b in buttons]
    wanted = callback_data if callback_data is not None else button_text
    raise ActionError(f"no button {wanted!r} on message {message['message_id']}; has {shown}")


def inline_query(world: World, user_id: int, query: str, offset: str = "") -> dict[str, Any]:
    """A user types ``@bot query``; returns {"update_id", "inline_query_id"}."""
    payload = {
        "id": str(secrets.randbits(62)),
        "from": world.user(user_id),
        "query": query,
        "offset": offset,
        "chat_type": "sender",
    }
    world.remember_inline(payload)
    update = world.updates.push("inline_query", payload)
    return {"update_id": update["update_id"], "inline_query_id": payload["id"]}


def set_blocked(world: World, user_id: int, blocked: bool) -> dict[str, Any]:
    """Block or unblock the bot; Telegram tells the bot through a my_chat_member update."""
    user = world.user(user_id)
    chat: Chat = world.chat_for_user(user_id, None)
    was_blocked = user_id in world.blocked
    if blocked == was_blocked:
        return {"update_id": None, "blocked": blocked}
    if blocked:
        world.blocked.add(user_id)
    else:
        world.blocked.discard(user_id)
    bot = world.bot_user
    kicked = {"status": "kicked", "user": bot, "until_date": 0}
    member = {"status": "member", "user": bot}
    update = world.updates.push(
        "my_chat_member",
        {
            "chat": dict(chat.info),
            "from": user,
            "date": world.now(),
            "old_chat_member": member if blocked else kicked,
            "new_chat_member": kicked if blocked else member,
        },
    )
    return {"update_id": update["update_id"], "blocked": blocked}
