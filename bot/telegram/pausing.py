"""/pause, /resume and /stop: taking a break from reminders without losing anything."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.domain.subscription import Happened, Refusal, Refused, Transition
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.edits import edit_screen
from bot.telegram.screens import (
    choice_button,
    describe_instant,
    in_rows,
    next_reminder_text,
    zone_of,
)
from bot.telegram.services import services
from bot.usecases import pausing as usecase

STOP_ANSWERS = {"yes": True, "no": False}


async def pause_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    if isinstance(await usecase.ask_pause(deps.sessions, user.id, deps.clock()), Refused):
        await message.reply_text(texts.PAUSE_NEED_SUBSCRIPTION)
        return
    buttons = [choice_button(label, "pause", key) for key, label in texts.PAUSE_OPTIONS.items()]
    await message.reply_text(
        texts.PAUSE_QUESTION,
        reply_markup=InlineKeyboardMarkup(in_rows(buttons, 2)),
    )


async def pause_press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice
) -> None:
    deps = services(context)
    result = await usecase.pause(deps.sessions, query.from_user.id, choice.option, deps.clock())
    if isinstance(result, Refused):
        stale = result.reason is Refusal.STALE
        await query.answer(texts.BUTTON_STALE if stale else texts.PAUSE_NEED_SUBSCRIPTION)
        return
    await query.answer()
    await edit_screen(query, _paused_text(result))


def _paused_text(transition: Transition) -> str:
    state, pause = transition.state, transition.new_pause
    if state.paused_until is not None:
        until = describe_instant(state.paused_until, zone_of(state.preferences))
        return texts.paused_until(until)
    return texts.paused_open(pause is not None and pause.frozen)


async def resume_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    result = await usecase.resume(deps.sessions, user.id, deps.clock())
    if isinstance(result, Transition):
        text = texts.resumed(next_reminder_text(result.state))
    elif result.reason is Refusal.NOT_PAUSED and result.state is not None:
        text = texts.RESUME_NOT_PAUSED.format(next=next_reminder_text(result.state))
    else:
        text = texts.NOT_SUBSCRIBED
    await message.reply_text(text)


async def stop_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    result = await usecase.ask_stop(deps.sessions, user.id, deps.clock())
    if isinstance(result, Refused):
        none = result.reason is Refusal.NO_SUBSCRIPTION
        await message.reply_text(texts.NOT_SUBSCRIBED if none else texts.ALREADY_STOPPED)
        return
    buttons = [
        choice_button(texts.STOP_YES, "stop", "yes"),
        choice_button(texts.STOP_NO, "stop", "no"),
    ]
    await message.reply_text(
        texts.STOP_REMINDERS_QUESTION, reply_markup=InlineKeyboardMarkup([buttons])
    )


async def stop_press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice
) -> None:
    confirmed = STOP_ANSWERS.get(choice.option)
    if confirmed is None:
        await query.answer(texts.BUTTON_STALE)
        return
    deps = services(context)
    result = await usecase.stop(deps.sessions, query.from_user.id, confirmed, deps.clock())
    if isinstance(result, Refused):
        await query.answer(texts.ALREADY_STOPPED)
        return
    await query.answer()
    stopped = result.happened is Happened.STOPPED
    await edit_screen(query, texts.STOPPED if stopped else texts.STOP_KEPT)
