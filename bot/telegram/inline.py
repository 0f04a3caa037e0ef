"""Inline mode: `@bot calf` in any chat offers exercise cards to share."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.ext import ContextTypes

from bot.content import Exercise, Vocabulary
from bot.telegram import texts
from bot.telegram.commands import DEEP_LINK_PREFIX
from bot.telegram.services import services

CACHE_SECONDS = 300


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    catalogue = services(context).catalogue
    text = query.query.strip()
    exercises = tuple(catalogue) if not text else catalogue.lookup(text).matches
    username = context.bot.username
    await query.answer(
        [_article(exercise, username, catalogue.vocabulary) for exercise in exercises],
        cache_time=CACHE_SECONDS,
        is_personal=False,
    )


def _article(
    exercise: Exercise, bot_username: str, vocabulary: Vocabulary
) -> InlineQueryResultArticle:
    """A shared card opens the bot at that exercise through a deep link."""
    link = f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{exercise.id}"
    return InlineQueryResultArticle(
        id=exercise.id,
        title=exercise.name,
        description=texts.inline_description(exercise),
        input_message_content=InputTextMessageContent(texts.exercise_card(exercise, vocabulary)),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton(texts.START_BUTTON, url=link)]]),
    )
