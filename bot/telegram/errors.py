"""The last line of defence: log what broke, without the person's data, and tell them kindly.

A log line names the update (its id and kind) and a keyed hash of the person, never the
update itself: names, texts and locations stay out of the logs. Conditions the bot expects
(a person who blocked the bot, a callback query that is too old to answer) are one WARNING
line without a traceback; anything else is an ERROR with the traceback. (A network blip while
polling is the poller's to log, as a WARNING: see `bot.inbox.polling`.)
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.logs import user_tag
from bot.telegram import texts
from bot.telegram.outbox import maybe_delivered, query_gone
from bot.telegram.services import services
from bot.usecases.blocked import person_blocked_bot

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # Log first: anything below may fail too, and the traceback is what we need.
    error = context.error
    where = describe(update, context.bot.token)
    expected = expected_condition(error)
    if expected is not None:
        log.warning("%s: %s", where, expected)
    else:
        log.error("error while handling %s", where, exc_info=error)
    if not isinstance(update, Update):
        return
    if isinstance(error, Forbidden):
        await _blocked(update, context)
        return
    if not _apologise_for(error):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.SORRY)
        elif update.effective_message is not None and _is_private(update):
            await update.effective_message.reply_text(texts.SORRY)
    except TelegramError as failed:
        log.warning("%s: could not say sorry (%s)", where, type(failed).__name__)


def expected_condition(error: BaseException | None) -> str | None:
    """A short reason for errors the bot expects and handles; None for a real failure."""
    if isinstance(error, Forbidden):
        return "the person blocked the bot"
    if query_gone(error):
        return "callback query already answered or too old"
    return None


def _apologise_for(error: BaseException | None) -> bool:
    """No "Sorry" after a timeout (Telegram may have delivered the answer: the person would
    get both) nor after a callback answer refused as too old (nothing is waiting for it)."""
    return not maybe_delivered(error) and not query_gone(error)


async def _blocked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """403: the person blocked the bot; stop writing to them until they come back."""
    if update.effective_user is not None and _is_private(update):
        await person_blocked_bot(services(context).sessions, update.effective_user.id)


def describe(update: object, secret: str) -> str:
    """ "update 42 (callback_query, user 1a2b3c4d)": enough to find it, nothing personal."""
    if not isinstance(update, Update):
        return "a job" if update is None else f"a {type(update).__name__}"
    user = update.effective_user
    return (
        f"update {update.update_id} ({_kind(update)}, "
        f"user {user_tag(user.id if user else None, secret)})"
    )


def _kind(update: Update) -> str:
    return next((kind for kind in Update.ALL_TYPES if getattr(update, kind, None)), "unknown")


def _is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == "private"
