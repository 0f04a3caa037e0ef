"""Bot API methods about the bot itself and about answering queries.

Answers are recorded in the world so tests can read what a user would have seen (a toast, an
alert, inline results), which Telegram itself never lets a bot check.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox.errors import QUERY_TOO_OLD, bad_request
from bot.sandbox.world import BOT_FIRST_NAME, BOT_USERNAME, World

MAX_INLINE_RESULTS = 50
MAX_COMMANDS = 100
MAX_CALLBACK_TEXT = 200
BAD_RESULT = "can't parse inline query result: "


async def get_me(world: World, params: dict[str, Any]) -> Any:
    """getMe: the bot's User object with its capabilities."""
    return {
        "id": world.bot_id,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
    }


async def answer_callback_query(world: World, params: dict[str, Any]) -> Any:
    """answerCallbackQuery: once per query, within ``world.callback_ttl`` seconds."""
    query_id = params["callback_query_id"]
    state = world.callback_queries.get(query_id)
    expired = state is None or world.clock() - state.created > world.callback_ttl
    if expired or state is None or state.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = params.get("text")
    if text is not None and len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    state.answered = True
    answer = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": bool(params.get("show_alert", False)),
        "url": params.get("url"),
        "cache_time": params.get("cache_time", 0),
    }
    world.record_callback_answer(query_id, answer)
    return True


def _check_inline_results(results: list[Any]) -> None:
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            raise bad_request(BAD_RESULT + "InlineQueryResult must be an Object")
        if not isinstance(result.get("type"), str) or not result["type"]:
            raise bad_request(BAD_RESULT + 'Field "type" must be of type String')
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)


async def answer_inline_query(world: World, params: dict[str, Any]) -> Any:
    """answerInlineQuery: once per query; results are checked and recorded."""
    query_id = params["inline_query_id"]
    if query_id not in world.inline_queries or query_id in world.inline_answers:
        raise bad_request(QUERY_TOO_OLD)
    results = params["results"]
    _check_inline_results(results)
    world.record_inline_answer(
        query_id,
        {
            "inline_query_id": query_id,
            "results": results,
            "cache_time": params.get("cache_time"),
            "is_personal": params.get("is_personal", False),
            "next_offset": params.get("next_offset", ""),
            "button": params.get("button"),
        },
    )
    return True


def _check_commands(commands: list[Any]) -> list[dict[str, str]]:
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands")
    checked = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not name or len(name) > 32:
            raise bad_request("command must be non-empty")
        if not all(c.islower() or c.isdigit() or c == "_" for c in name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        checked.append({"command": name, "description": description})
    return checked


def _language_code(params: dict[str, Any]) -> str:
    """Telegram takes an empty code (every language) or a two-letter ISO 639-1 one: "pt", not
    "pt-BR"."""
    code = params.get("language_code") or ""
    if code and not (len(code) == 2 and code.isascii() and code.isalpha() and code.islower()):
        raise bad_request("LANG_CODE_INVALID")
    return str(code)


async def set_my_commands(world: World, params: dict[str, Any]) -> Any:
    """setMyCommands: one list per scope and two-letter language, like Telegram."""
    commands = _check_commands(params["commands"])
    scope = params.get("scope") or {"type": "default"}
    language = _language_code(params)
    key = world.commands_key(scope, language)
    world.commands[key] = {"scope": scope, "language_code": language, "commands": commands}
    return True


async def get_my_commands(world: World, params: dict[str, Any]) -> Any:
    """getMyCommands for exactly this scope and language."""
    key = world.commands_key(params.get("scope"), _language_code(params))
    entry = world.commands.get(key)
    return entry["commands"] if entry else []


async def delete_my_commands(world: World, params: dict[str, Any]) -> Any:
    """deleteMyCommands for exactly this scope and language."""
    key = world.commands_key(params.get("scope"), _language_code(params))
    world.commands.pop(key, None)
    return True


async def close(world: World, params: dict[str, Any]) -> Any:
    """close: nothing to release here; Telegram answers True."""
    return True


async def log_out(world: World, params: dict[str, Any]) -> Any:
    """logOut: Telegram answers True."""
    return True
