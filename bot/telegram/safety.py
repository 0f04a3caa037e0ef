"""The hold: its two buttons ("I have been checked, it's fine", "ask me again in a few days"),
and the job that asks the safety check again by itself once the hold's days have passed."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot.domain.subscription import Refused
from bot.i18n import use_language
from bot.telegram import onboarding, texts
from bot.telegram.callbacks import Choice
from bot.telegram.safety_screens import CLEARED, LATER, later_text, safety_question
from bot.telegram.screens import Screen
from bot.telegram.services import content_in, services
from bot.usecases.language import languages_for
from bot.usecases.safety import ask_later, claim_rechecks, clear_hold


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
        screens = onboarding.dialogue_screens(result, now, deps.catalogue)
    await onboarding.show_after_press(query, screens)


async def recheck_tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask held people the safety check again once their time has come; a batch at a time."""
    deps = services(context)
    check = deps.catalogue.flags
    batch = deps.settings.reminder_batch
    while True:
        claimed = await claim_rechecks(deps.sessions, check, deps.clock(), batch)
        languages = await languages_for(deps.sessions, {r.user_id for r in claimed})
        for recheck in claimed:
            with use_language(languages.get(recheck.user_id)) as language:
                flags = content_in(deps.catalogue, language).flags  # labels in their language
                question = safety_question(recheck.state, flags, texts.SAFETY_RECHECK)
            markup = question.markup if isinstance(question.markup, InlineKeyboardMarkup) else None
            await deps.sender.send(context.bot, recheck.user_id, question.text, markup)
        if len(claimed) < batch:
            return
