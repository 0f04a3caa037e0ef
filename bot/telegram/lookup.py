"""Finding an exercise by name: /exercise, /exercises, plain text, and card buttons.

Plain text is first heard for red-flag words ("swollen", "numb", "can't walk"...): those bring
the safety check back instead of an exercise search. A card tells the person what their safety
answers mean for it: a see-someone-first caution above it, and what is left out of their
routine below it.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update, User
from telegram.ext import ContextTypes

from bot.content import Exercise
from bot.telegram import keyboards, onboarding, texts
from bot.telegram.illustrations import send_illustrated
from bot.telegram.safety_screens import card_notes, safety_question
from bot.telegram.services import flags_in_every_language, person_of, services
from bot.usecases.safety import card_safety, heard


async def send_card(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    exercise: Exercise,
    user: User | None = None,
) -> None:
    """The card, with the safety notes of whoever asked (`user`, else the message's sender),
    under the exercise's illustration when it has one."""
    deps = services(context)
    catalogue = deps.catalogue
    who = user or message.from_user
    text = texts.exercise_card(exercise, catalogue.vocabulary)
    if who is not None:
        safety = await card_safety(deps.sessions, catalogue, who.id, exercise, deps.clock())
        lead, tail = card_notes(exercise, safety, catalogue.flags)
        text = "\n\n".join(part for part in (lead, text, tail) if part)
    markup = keyboards.card_keyboard(exercise)
    picture = catalogue.illustration(exercise)
    if picture is None:
        await message.reply_text(text, reply_markup=markup)
    else:
        await send_illustrated(message, context, picture, text, markup)


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
    """Plain text that answered no open question: red-flag words bring the safety check back;
    anything else is an exercise name."""
    message, user = update.effective_message, update.effective_user
    if message is None or not message.text:
        return
    if user is not None:
        deps = services(context)
        flags = deps.catalogue.flags
        spoken = flags_in_every_language(context)
        person = person_of(user)
        asked = await heard(deps.sessions, flags, person, message.text, deps.clock(), also=spoken)
        if asked is not None:
            lead = texts.SAFETY_WORDS_HEARD
            await onboarding.send(message, [safety_question(asked.state, flags, lead)])
            return
    await answer_query(message, context, message.text)


async def answer_query(message: Message, context: ContextTypes.DEFAULT_TYPE, query: str) -> None:
    found = services(context).catalogue.lookup(query)
    if found.kind == "exact":
        await send_card(message, context, found.matches[0])
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
        await send_card(query.message, context, exercise, query.from_user)
