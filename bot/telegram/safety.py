"""The hold's two buttons: "I have been checked, it's fine" and "ask me again in a few days"."""

from __future__ import annotations

from telegram import CallbackQuery
from telegram.ext import ContextTypes

from bot.domain.subscription import Refused
from bot.telegram import onboarding, texts
from bot.telegram.callbacks import Choice
from bot.telegram.safety_screens import CLEARED, LATER, later_text
from bot.telegram.screens import Screen
from bot.telegram.services import services
from bot.usecases.safety import ask_later, clear_hold


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    deps = services(context)
    now = deps.clock()
    user_id = query.from_user.id
    if choice.option == CLEARED:
        result = await clear_hold(deps.sessions, deps.catalogue.flags, user_id, now)
    elif choice.option == LATER:
        result = await ask_later(deps.sessions, user_id, now)
    else:
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    if isinstance(result, Refused):
        await query.answer(texts.HOLD_NOT_HELD)
        return
    await query.answer()
    if choice.option == LATER:
        screens = [Screen(later_text(result.state))]
    else:
        screens = onboarding.dialogue_screens(result, now, deps.catalogue.flags)
    await onboarding.show_after_press(query, screens)
