"""One entry point for every button press: decode strictly, then dispatch.

Putting the decoding in front of all button handlers means forged, truncated or outdated data
is refused in one place, with a polite answer, before any handler sees it.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.domain.onboarding import Step
from bot.telegram import (
    admin,
    forget,
    language,
    lookup,
    onboarding,
    pausing,
    reminder_buttons,
    safety,
    safety_screens,
    settings,
    texts,
    walkthrough,
)
from bot.telegram.callbacks import (
    Choice,
    MalformedCallback,
    ReminderPress,
    ShowExercise,
    StartExercise,
    WalkthroughPress,
    decode,
)

log = logging.getLogger(__name__)

ONBOARDING_SCREENS = frozenset(step.value for step in Step)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    try:
        data = decode(query.data)
    except MalformedCallback:
        log.info("refused callback data %r from user %s", query.data, query.from_user.id)
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    match data:
        case ShowExercise(exercise_id):
            await lookup.show_card(query, context, exercise_id)
        case StartExercise(exercise_id):
            await walkthrough.start(query, context, exercise_id)
        case WalkthroughPress():
            await walkthrough.press(query, context, data)
        case ReminderPress():
            await reminder_buttons.press(query, context, data)
        case Choice(screen=language.SCREEN):
            await language.press(query, context, data)
        case Choice(screen="settings"):
            await settings.press(query, context, data)
        case Choice(screen="pause"):
            await pausing.pause_press(query, context, data)
        case Choice(screen="stop"):
            await pausing.stop_press(query, context, data)
        case Choice(screen=safety_screens.HOLD):
            await safety.press(query, context, data)
        case Choice(screen=admin.SCREEN):
            await admin.press(query, context, data)
        case Choice(screen=forget.SCREEN):
            await forget.press(query, context, data)
        case Choice(screen=onboarding.START_NOW):
            await onboarding.start_now(query, context)
        case Choice(screen=screen) if screen in ONBOARDING_SCREENS:
            await onboarding.press(query, context, data)
        case Choice():
            await query.answer(texts.BUTTON_UNKNOWN)
