"""Assembling a running bot from settings: catalogue, database, application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application

from bot.app import DEFAULT_POLL_TIMEOUT, build_application, polling
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.content import load_catalogue
from bot.storage.database import create_engine, create_session_factory
from bot.telegram.sender import Sender
from bot.telegram.services import Services


def create_application(settings: Settings, token: str, clock: Clock = system_clock) -> Application:
    """Load content (fails fast on a bad file) and build the Application around it."""
    catalogue = load_catalogue(settings.content_dir)
    engine = create_engine(settings.database_url)
    services = Services(
        catalogue=catalogue,
        sessions=create_session_factory(engine),
        clock=clock,
        settings=settings,
        sender=Sender(settings.reminder_rate),
    )
    return build_application(settings, token, services, engine)


def run_polling(settings: Settings) -> None:
    """Production entry point: PTB owns the loop and handles signals."""
    assert settings.telegram_bot_token is not None
    application = create_application(settings, settings.telegram_bot_token)
    application.run_polling(allowed_updates=Update.ALL_TYPES)


@asynccontextmanager
async def running_bot(
    settings: Settings,
    token: str,
    *,
    clock: Clock = system_clock,
    poll_timeout: int = DEFAULT_POLL_TIMEOUT,
) -> AsyncIterator[Application]:
    """The bot polling in the caller's event loop (sandbox, tests, benchmarks)."""
    application = create_application(settings, token, clock)
    async with polling(application, poll_timeout=poll_timeout):
        yield application
