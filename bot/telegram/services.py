"""What handlers need from the layers below, handed over once through `bot_data`.

Handlers stay plain async functions (as in PTB's examples) and reach their collaborators here
instead of through globals, so tests can build an application with their own clock or
database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import User
from telegram.ext import ContextTypes

from bot.clock import Clock
from bot.config import Settings
from bot.content import Catalogue
from bot.ops.metrics import Metrics
from bot.storage.database import SessionFactory
from bot.telegram.sender import Sender
from bot.usecases.people import Person

KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    catalogue: Catalogue
    sessions: SessionFactory
    clock: Clock
    settings: Settings
    sender: Sender
    metrics: Metrics = field(default_factory=Metrics)
    """This process's figures; the session factory reports committed events to it."""


def person_of(user: User) -> Person:
    """The few facts of a Telegram user that use cases keep."""
    return Person(user.id, user.first_name, user.language_code)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found = context.bot_data[KEY]
    assert isinstance(found, Services)
    return found
