"""The language of each update, and /language: the person picks the language I speak.

`remember_language` runs first for every update (handler group -100): it makes the person's
stored language (or, on first contact, Telegram's language_code) the language of everything
the handlers below render for this update.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import i18n
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.edits import edit_screen
from bot.telegram.screens import choice_button, in_rows
from bot.telegram.services import person_of, services
from bot.usecases.language import change_language, language_for

log = logging.getLogger(__name__)

SCREEN = "lang"
GROUP = -100
"""The handler group of `remember_language`: before every other handler."""


async def remember_language(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Speak the person's language for the rest of this update."""
    user = update.effective_user if isinstance(update, Update) else None
    if user is None:
        i18n.set_language(None)
        return
    code: str | None = user.language_code
    try:
        code = await language_for(services(context).sessions, user.id, code)
    except Exception:
        log.warning("could not read the stored language; using the app's", exc_info=True)
    i18n.set_language(code)


def picker() -> InlineKeyboardMarkup:
    """One button per language, named in its own language; the current one ticked."""
    now = i18n.current()
    buttons = [
        choice_button(texts.toggle_label(texts.language_name(code), code == now), SCREEN, code)
        for code in i18n.LANGUAGES
    ]
    return InlineKeyboardMarkup(in_rows(buttons, 2))


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(texts.LANGUAGE_QUESTION, reply_markup=picker())


async def show_picker(query: CallbackQuery) -> None:
    """From /settings: the picker replaces the overview."""
    await query.answer()
    await edit_screen(query, texts.LANGUAGE_QUESTION, picker())


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    """Store the language; the answer already speaks it. An unknown code changes nothing."""
    chosen = await change_language(
        services(context).sessions, person_of(query.from_user), choice.option
    )
    if chosen is None:
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    i18n.set_language(chosen)
    await query.answer(texts.SAVED)
    await edit_screen(query, texts.language_changed())
