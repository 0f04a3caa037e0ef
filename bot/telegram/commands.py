"""/start, /help, unknown commands, and the short answer for group chats."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.content import Catalogue
from bot.domain.subscription import Happened, Transition
from bot.telegram import lookup, onboarding, texts
from bot.telegram.safety_screens import hold_screen
from bot.telegram.screens import Screen, reminder_summary
from bot.telegram.services import person_of, services
from bot.usecases.start import start as start_usecase

DEEP_LINK_PREFIX = "ex_"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, register and subscribe the person, or pick up where they left off.

    A deep link `?start=ex_<id>` (from a shared exercise card) opens that exercise instead.
    """
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    deps = services(context)
    now = deps.clock()
    payload = context.args[0] if context.args else ""
    exercise_id = (
        payload.removeprefix(DEEP_LINK_PREFIX) if payload.startswith(DEEP_LINK_PREFIX) else None
    )
    person = person_of(user)
    started = await start_usecase(deps.sessions, deps.catalogue, person, now, exercise_id)
    if started.exercise is not None:
        await lookup.send_card(message, context, started.exercise)
    elif started.transition is not None:
        screens = _start_screens(started.transition, user.first_name, now, deps.catalogue)
        await onboarding.send(message, screens)


def _start_screens(
    transition: Transition, first_name: str, now: datetime, catalogue: Catalogue
) -> list[Screen]:
    """What /start shows for each thing it did to the subscription."""
    state = transition.state
    welcome = Screen(texts.welcome(first_name))
    summary = Screen(reminder_summary(state, texts.all_set))
    if transition.happened is Happened.STILL_HELD:
        return [hold_screen(state, catalogue.flags)]
    if transition.happened is Happened.REACTIVATED:
        return [summary]
    if transition.happened is Happened.ALREADY_SUBSCRIBED:
        return [welcome, summary]
    if transition.happened is Happened.ONBOARDING_BEGUN:
        intro = [welcome, Screen(texts.ONBOARDING_INTRO)]
    else:
        intro = [Screen(texts.ONBOARDING_RESUME)]
    return [*intro, *onboarding.asked(state, now, catalogue)]


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.help_text())


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
