"""Settings read from the environment and `.env`.

The variable names are a contract: deployment files and outside tools drive the bot through
them, so they stay stable even when the code behind them moves.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.content import default_content_dir

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///footbot.db"
ADMIN_IDS_PATTERN = re.compile(r"(\s*[1-9][0-9]{0,19}\s*(,\s*[1-9][0-9]{0,19}\s*)*)?")
DURATION_PATTERN = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
LOG_FORMATS = ("text", "json")


class ConfigError(Exception):
    """Start-up stops on this with one line that names the bad variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field(default="https://api.telegram.org", alias="TELEGRAM_API_URL")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    content_dir: Path = Field(default_factory=default_content_dir, alias="CONTENT_DIR")
    reminder_tick_seconds: float = Field(default=20.0, gt=0, alias="REMINDER_TICK_SECONDS")
    reminder_rate: float = Field(default=25.0, ge=0, alias="REMINDER_RATE")
    reminder_catchup: timedelta = Field(default=timedelta(hours=2), alias="REMINDER_CATCHUP")
    reminder_lease_seconds: float = Field(default=300.0, gt=0, alias="REMINDER_LEASE_SECONDS")
    reminder_batch: int = Field(default=500, gt=0, le=10_000, alias="REMINDER_BATCH")
    timer_tick_seconds: float = Field(default=1.0, gt=0, alias="TIMER_TICK_SECONDS")
    timer_edit_rate: float = Field(default=10.0, ge=0, alias="TIMER_EDIT_RATE")
    """Countdown edits per second for the whole bot; 0 switches the countdown edits off."""
    inbox_lease_seconds: float = Field(default=60.0, gt=0, alias="INBOX_LEASE_SECONDS")
    inbox_max_attempts: int = Field(default=5, ge=1, le=100, alias="INBOX_MAX_ATTEMPTS")
    inbox_retry_seconds: float = Field(default=2.0, ge=0, alias="INBOX_RETRY_SECONDS")
    inbox_retention: timedelta = Field(default=timedelta(days=3), alias="INBOX_RETENTION")
    inbox_workers: int = Field(default=32, ge=1, le=1_000, alias="INBOX_WORKERS")
    inbox_idle_seconds: float = Field(default=1.0, gt=0, alias="INBOX_IDLE_SECONDS")
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    """Set: serve a webhook instead of polling; the public HTTPS address Telegram posts to."""
    webhook_secret: str | None = Field(default=None, alias="WEBHOOK_SECRET")
    port: int = Field(default=8080, ge=1, le=65_535, alias="PORT")
    webhook_listen: str = Field(default="0.0.0.0", alias="WEBHOOK_LISTEN")
    admin_ids_text: str = Field(default="", alias="ADMIN_IDS")
    """Comma-separated Telegram user ids of the operators (`/admin`); see `admin_ids`."""
    health_port: int | None = Field(default=None, ge=0, le=65_535, alias="HEALTH_PORT")
    """Polling mode: serve /healthz, /readyz and /metrics on this port (unset: no listener;
    0: any free port). Webhook mode serves them on PORT beside the webhook."""
    log_format: str = Field(default="text", alias="LOG_FORMAT")

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not TOKEN_PATTERN.match(value):
            # Never echo the token itself: it is a secret even when malformed.
            raise ValueError("expected the form 123456:ABC... as given by @BotFather")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected a URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected a URL such as https://bot.example.org/telegram")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not SECRET_PATTERN.match(value):
            # Never echo the secret itself.
            raise ValueError("expected 1 to 256 characters: letters, digits, _ and -")
        return value

    @field_validator("admin_ids_text")
    @classmethod
    def _admin_ids_shape(cls, value: str) -> str:
        if not ADMIN_IDS_PATTERN.fullmatch(value.strip()):
            raise ValueError("expected Telegram user ids separated by commas, e.g. 12345,67890")
        return value.strip()

    @property
    def admin_ids(self) -> frozenset[int]:
        """The operators: only they get an answer to /admin (everyone else an unknown command)."""
        return frozenset(int(part) for part in self.admin_ids_text.split(",") if part.strip())

    @field_validator("health_port", mode="before")
    @classmethod
    def _unset_port(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value.lower() not in LOG_FORMATS:
            raise ValueError("expected text or json")
        return value.lower()

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "expected sqlite+aiosqlite:///file.db or postgresql+asyncpg://user@host/db"
            )
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("expected one of DEBUG, INFO, WARNING, ERROR")
        return level

    @field_validator("reminder_catchup", "inbox_retention", mode="before")
    @classmethod
    def _duration(cls, value: object) -> object:
        """Accept what people write in an env file: "2h", "90m", "45s" or plain seconds."""
        if isinstance(value, str) and (match := DURATION_PATTERN.fullmatch(value.strip())):
            number, unit = match.groups()
            return timedelta(seconds=float(number) * DURATION_UNITS[(unit or "s").lower()])
        return value

    @field_validator("reminder_catchup", "inbox_retention")
    @classmethod
    def _non_negative(cls, value: timedelta) -> timedelta:
        if value < timedelta(0):
            raise ValueError("expected a duration such as 2h, 90m or 7200")
        return value

    @field_validator("content_dir")
    @classmethod
    def _content_dir_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"no such folder: {value}")
        return value

    @property
    def bot_base_url(self) -> str:
        """PTB appends the token and method: `{base}{token}/{method}`."""
        return f"{self.telegram_api_url}/bot"

    @property
    def bot_base_file_url(self) -> str:
        return f"{self.telegram_api_url}/file/bot"


def load_settings(**overrides: Any) -> Settings:
    """Build settings or raise ConfigError naming the first bad variable.

    ``overrides`` are typed ``Any`` on purpose: they go through the same validators as the
    environment (a duration may arrive as "2h"), and BaseSettings' own keywords such as
    ``_env_file`` ride along with the fields.
    """
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        name = _env_name(field)
        raise ConfigError(f"{name}: {first['msg'].removeprefix('Value error, ')}") from None


def _env_name(field: str) -> str:
    info = Settings.model_fields.get(field)
    if info is not None and info.alias:
        return info.alias
    return field.upper()
