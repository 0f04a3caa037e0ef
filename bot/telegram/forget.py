"""/forget: delete every row about the person, after one confirmation.

The question carries no state: the two buttons are `Choice("forget", "yes" | "no")`, and the
person is whoever pressed (never an id from the data). A second "yes" finds nothing left to
delete and says the same, so a double press is harmless.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.edits import edit_screen
from bot.telegram.screens import choice_button
from bot.telegram.services import services
from bot.usecases.forget import forget

log = logging.getLogger(__name__)

SCREEN = "forget"


async def forget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask first; nothing is written, so asking leaves no row behind either."""
    message = update.effective_message
    if message is None:
        return
    buttons = [
        choice_button(texts.FORGET_YES, SCREEN, "yes"),
        choice_button(texts.FORGET_NO, SCREEN, "no"),
    ]
    await message.reply_text(
        texts.FORGET_QUESTION,
        reply_markup=InlineKeyboardMarkup([buttons]),
    )


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    if choice.option not in ("yes", "no"):
        await query.answer(texts.BUTTON_STALE)
        return
    if choice.option == "no":
        await query.answer()
        await _edit(query, texts.FORGET_KEPT)
        return
    forgotten = await forget(services(context).sessions, query.from_user.id)
    log.info("forgot user %s (%d rows)", query.from_user.id, forgotten.rows)
    await query.answer()
    await _edit(query, texts.FORGOTTEN)


async def _edit(query: CallbackQuery, text: str) -> None:
    """Replace the question; a second press finds it already replaced, which is fine."""
    await edit_screen(query, text)
