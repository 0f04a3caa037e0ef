"""What handlers need from the layers below, handed over once through `bot_data`.

Handlers stay plain async functions (as in PTB's examples) and reach their collaborators here
instead of through globals, so tests can build an application with their own clock or
database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from telegram import User
from telegram.ext import ContextTypes

from bot import i18n
from bot.clock import Clock
from bot.config import Settings
from bot.content import Catalogue, SafetyFlags
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
    """The collaborators, with the exercise content in the language of this update."""
    found = context.bot_data[KEY]
    assert isinstance(found, Services)
    localized = content_in(found.catalogue, i18n.current())
    return found if localized is found.catalogue else replace(found, catalogue=localized)


def flags_in_every_language(context: ContextTypes.DEFAULT_TYPE) -> list[SafetyFlags]:
    """The safety check in every language the content speaks: a red flag is heard whatever
    language it is typed in, not only the person's."""
    found = context.bot_data[KEY]
    assert isinstance(found, Services)
    root = found.catalogue
    return [root.in_language(code).flags for code in root.languages]


def content_in(catalogue: Catalogue, language: str) -> Catalogue:
    """The exercise content in `language`: the one place that picks the content's language.

    `Catalogue.in_language` gives the same ids and numbers, with English for any field a
    translation leaves out (and for a language the content does not speak).
    """
    if language == i18n.DEFAULT:
        return catalogue
    return catalogue.in_language(language)
