"""/settings: an overview of the person's answers, each one changeable on its own."""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import ContextTypes

from bot.domain.subscription import Happened, Refused
from bot.telegram import language, onboarding, texts
from bot.telegram.callbacks import Choice
from bot.telegram.screens import Screen, settings_overview
from bot.telegram.services import person_of, services
from bot.usecases import settings as usecase


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the overview, or resume an unfinished set-up: there is nothing to show yet."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    now = deps.clock()
    person = person_of(user)
    catalogue = deps.catalogue
    transition = await usecase.open_settings(deps.sessions, person, now)
    if transition.happened is Happened.SETUP_NEEDED:
        screens = [
            Screen(texts.SETTINGS_NEED_SETUP),
            *onboarding.asked(transition.state, now, catalogue),
        ]
    else:
        screens = [settings_overview(transition.state, now, catalogue)]
    await onboarding.send(message, screens)


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    """Open one setting for editing: its question replaces the overview."""
    if choice.option == "language":
        await language.show_picker(query)
        return
    deps = services(context)
    now = deps.clock()
    catalogue = deps.catalogue
    result = await usecase.open_setting(
        deps.sessions, query.from_user.id, choice.option, now, catalogue.flags
    )
    screens = [] if isinstance(result, Refused) else onboarding.asked(result.state, now, catalogue)
    if not screens:
        await query.answer(texts.BUTTON_STALE)
        return
    await query.answer()
    await onboarding.show_after_press(query, screens)
