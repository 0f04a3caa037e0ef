"""Logging set-up that never writes the bot token.

PTB and httpx put the token in every request URL, and exceptions may quote those URLs, so the
formatter scrubs the whole formatted record, traceback included, whoever logged it.
"""

from __future__ import annotations

import hashlib
import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secret: str | None, fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self._secret, "<token>") if self._secret else text


def configure_logging(level: str, token: str | None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def user_tag(user_id: int | None, secret: str) -> str:
    """A short, stable pseudonym for a person in log lines: the same person, the same tag.

    Keyed with a secret (the bot token) because a plain hash of a Telegram id is reversed by
    trying every id; without the secret the tag says nothing about who it was.
    """
    if user_id is None:
        return "-"
    key = hashlib.sha256(secret.encode()).digest()
    return hashlib.blake2b(str(user_id).encode(), key=key, digest_size=4).hexdigest()
