"""Finding an exercise by name: /exercise, /exercises, plain text, and card buttons."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.ext import ContextTypes

from bot.content import Exercise
from bot.telegram import keyboards, texts
from bot.telegram.services import services


async def send_card(message: Message, exercise: Exercise) -> None:
    await message.reply_text(
        texts.exercise_card(exercise),
        reply_markup=keyboards.card_keyboard(exercise),
    )


async def exercise_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    query = " ".join(context.args or ())
    if not query.strip():
        await message.reply_text(texts.EXERCISE_USAGE)
        return
    await answer_query(message, context, query)


async def exercises_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(
        texts.ALL_EXERCISES,
        reply_markup=keyboards.exercise_list(services(context).catalogue),
    )


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any plain text in a private chat that answered no open question is an exercise name."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await answer_query(message, context, message.text)


async def answer_query(message: Message, context: ContextTypes.DEFAULT_TYPE, query: str) -> None:
    found = services(context).catalogue.lookup(query)
    if found.kind == "exact":
        await send_card(message, found.matches[0])
    elif found.kind == "choices":
        await message.reply_text(texts.CHOICES, reply_markup=keyboards.exercise_list(found.matches))
    else:
        await message.reply_text(texts.not_found(query))


async def show_card(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise_id: str
) -> None:
    exercise = services(context).catalogue.get(exercise_id)
    if exercise is None:
        await query.answer(texts.EXERCISE_GONE)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, exercise)
