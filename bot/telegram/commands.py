"""/start, /help, unknown commands, and the short answer for group chats."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.storage.users import upsert_user
from bot.telegram import lookup, texts
from bot.telegram.services import services

DEEP_LINK_PREFIX = "ex_"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet and register the person; a deep link `?start=ex_<id>` opens that exercise."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    async with services(context).sessions.begin() as session:
        await upsert_user(session, user.id, user.first_name, user.language_code)
    payload = context.args[0] if context.args else ""
    if payload.startswith(DEEP_LINK_PREFIX):
        exercise = services(context).catalogue.get(payload.removeprefix(DEEP_LINK_PREFIX))
        if exercise is not None:
            await lookup.send_card(message, exercise)
            return
    await message.reply_text(texts.welcome(user.first_name), parse_mode=ParseMode.HTML)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.help_text(), parse_mode=ParseMode.HTML)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.NON_TEXT)


async def group_pointer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups the bot only answers commands, and only to point to a private chat."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.GROUP_POINTER)
