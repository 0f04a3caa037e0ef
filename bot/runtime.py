"""Assembling a running bot from settings: catalogue, database, application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from telegram import Update
from telegram.ext import Application

from bot.app import DEFAULT_POLL_TIMEOUT, build_application, polling
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.content import load_catalogue
from bot.domain.zones import use_places
from bot.places import PLACES_FILE, load_places
from bot.storage.database import create_engine, create_session_factory
from bot.telegram.sender import Sender
from bot.telegram.services import Services


def create_application(
    settings: Settings,
    token: str,
    clock: Clock = system_clock,
    *,
    places_file: Path = PLACES_FILE,
) -> Application:
    """Load content and place names (each fails fast on a bad file), then build the bot.

    Place names are handed to the zone rules before anything can ask them for a zone.
    """
    catalogue = load_catalogue(settings.content_dir)
    use_places(load_places(places_file))
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
