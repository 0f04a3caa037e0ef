"""Logging set-up that never writes the bot token.

PTB and httpx put the token in every request URL, and exceptions may quote those URLs, so the
formatter scrubs the whole formatted record, traceback included, whoever logged it.

Two formats (`LOG_FORMAT`): readable text (the default), or one JSON object per line for a log
collector: time, level, logger, message, and, while an update is being handled, its
`update_id` and the person's `user` tag (`user_tag`, never the id itself). The inbox worker
sets those two with `log_context` in the task that runs the update, so every line its
handlers log carries them without passing anything around.
"""

from __future__ import annotations

import hashlib
import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_UPDATE: ContextVar[tuple[int, str | None] | None] = ContextVar("footbot_update", default=None)


class RedactingFormatter(logging.Formatter):
    def __init__(self, secret: str | None, fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self._secret, "<token>") if self._secret else text


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the token scrubbed from every field, traceback included."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._scrub(record.getMessage()),
        }
        current = _UPDATE.get()
        if current is not None:
            line["update_id"] = current[0]
            if current[1] is not None:
                line["user"] = current[1]
        if record.exc_info:
            line["exc"] = self._scrub(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exc"] = self._scrub(record.exc_text)
        return json.dumps(line, ensure_ascii=False)

    def _scrub(self, text: str) -> str:
        return text.replace(self._secret, "<token>") if self._secret else text


def configure_logging(level: str, token: str | None, fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(token) if fmt == "json" else RedactingFormatter(token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def log_context(update_id: int, user: str | None) -> None:
    """Name the update (and the person's tag) in every JSON line logged from this task on.

    Call it at the start of the task that runs one update: asyncio gives each task its own
    copy of the context, so the value ends with the task and never reaches another update.
    """
    _UPDATE.set((update_id, None if user in (None, "-") else user))


def user_tag(user_id: int | None, secret: str) -> str:
    """A short, stable pseudonym for a person in log lines: the same person, the same tag.

    Keyed with a secret (the bot token) because a plain hash of a Telegram id is reversed by
    trying every id; without the secret the tag says nothing about who it was.
    """
    if user_id is None:
        return "-"
    key = hashlib.sha256(secret.encode()).digest()
    return hashlib.blake2b(str(user_id).encode(), key=key, digest_size=4).hexdigest()
