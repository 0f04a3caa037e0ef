"""The last line of defence: log what broke, with the update, and tell the person kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.telegram import texts
from bot.telegram.outbox import maybe_delivered, query_gone
from bot.telegram.services import services
from bot.usecases.blocked import person_blocked_bot

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # Log first: anything below may fail too, and the traceback is what we need.
    log.error("error while handling update %r", _describe(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    if isinstance(context.error, Forbidden):
        await _blocked(update, context)
        return
    if not _apologise_for(context.error):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.SORRY)
        elif update.effective_message is not None and _is_private(update):
            await update.effective_message.reply_text(texts.SORRY)
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


def _apologise_for(error: BaseException | None) -> bool:
    """No "Sorry" after a timeout (Telegram may have delivered the answer: the person would
    get both) nor after a callback answer refused as too old (nothing is waiting for it)."""
    return not maybe_delivered(error) and not query_gone(error)


async def _blocked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """403: the person blocked the bot; stop writing to them until they come back."""
    if update.effective_user is not None and _is_private(update):
        await person_blocked_bot(services(context).sessions, update.effective_user.id)


def _is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == "private"


def _describe(update: object) -> object:
    return update.to_dict() if isinstance(update, Update) else update
