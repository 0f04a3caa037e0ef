"""Decode raw request values into the types a method's table declares.

Clients send the same parameter three ways: JSON bodies carry real types, form and multipart
bodies carry strings (python-telegram-bot JSON-encodes anything that is not a string), and files
arrive as multipart parts. Coercing once, against the method table, lets handlers trust types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.sandbox.errors import ApiError, bad_request

INTEGER_RE = re.compile(r"^[+-]?\d+$")
TRUE_STRINGS = {"true", "1", "yes", "on"}
FALSE_STRINGS = {"false", "0", "no", "off", ""}

# Telegram's own wording for the commonest missing parameters.
MISSING_MESSAGES = {
    "chat_id": "chat_id is empty",
    "text": "message text is empty",
    "photo": "there is no photo in the request",
    "document": "there is no document in the request",
    "message_id": "message identifier is not specified",
    "callback_query_id": "QUERY_ID_INVALID",
    "inline_query_id": "QUERY_ID_INVALID",
}


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


def missing(name: str) -> ApiError:
    """The 400 for an absent required parameter."""
    return bad_request(MISSING_MESSAGES.get(name, f'parameter "{name}" is required'))


def coerce_params(
    required: Mapping[str, tuple[str, ...]],
    optional: Mapping[str, tuple[str, ...]],
    raw: Mapping[str, Any],
    files: Mapping[str, Upload],
) -> dict[str, Any]:
    """Return declared parameters with their declared types; unknown ones are ignored."""
    params: dict[str, Any] = {}
    for name, types in (*required.items(), *optional.items()):
        value = files.get(name) if name in files else raw.get(name)
        if value is None or value == "":
            if name in required:
                raise missing(name)
            continue
        params[name] = coerce_value(name, value, types, files)
    return params


def coerce_value(name: str, value: Any, types: tuple[str, ...], files: Mapping[str, Upload]) -> Any:
    """Try each declared type in order; the first that fits wins."""
    for type_name in types:
        converted = _convert(value, type_name, files)
        if converted is not _NO:
            return converted
    if any(not _is_scalar(t) for t in types):
        if name == "reply_markup":
            raise bad_request("can't parse reply keyboard markup JSON object")
        raise bad_request(f"can't parse {name} JSON object")
    raise bad_request(f'parameter "{name}" must be of type {" or ".join(types)}')


_NO = object()


def _is_scalar(type_name: str) -> bool:
    return type_name in ("Integer", "Float", "Boolean", "String", "InputFile")


def _convert(value: Any, type_name: str, files: Mapping[str, Upload]) -> Any:
    if type_name == "InputFile":
        if isinstance(value, Upload):
            return value
        if isinstance(value, str) and value.startswith("attach://"):
            return files.get(value.removeprefix("attach://"), _NO)
        return _NO
    if isinstance(value, Upload):
        return _NO
    if type_name == "Integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and INTEGER_RE.match(value.strip()):
            return int(value)
        return _NO
    if type_name == "Float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return float(value) if isinstance(value, str) else _NO
        except ValueError:
            return _NO
    if type_name == "Boolean":
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in TRUE_STRINGS:
            return True
        return False if lowered in FALSE_STRINGS else _NO
    if type_name == "String":
        if isinstance(value, str):
            return value
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else _NO
    return _decode_json(value, list if type_name.startswith("Array of") else dict)


def _decode_json(value: Any, kind: type) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return _NO
    return value if isinstance(value, kind) else _NO


def check_text_length(text: str, limit: int, too_long: str) -> None:
    """Telegram measures limits on the visible text, after entity parsing."""
    if len(text) > limit:
        raise bad_request(too_long)
