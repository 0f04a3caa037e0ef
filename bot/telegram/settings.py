"""/settings: an overview of the person's answers, each one changeable on its own."""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import ContextTypes

from bot.domain.onboarding import Step
from bot.storage.subscriptions import SubscriptionStatus, get_or_create, get_subscription
from bot.storage.users import upsert_user
from bot.telegram import onboarding, texts
from bot.telegram.callbacks import Choice
from bot.telegram.screens import settings_overview
from bot.telegram.services import services

EDITABLE = {step.value: step for step in Step if step is not Step.ZONE_CONFIRM}


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the overview, or resume an unfinished set-up: there is nothing to show yet."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        await upsert_user(session, user.id, user.first_name, user.language_code)
        subscription = await get_or_create(session, user.id, now)
        if subscription.status == SubscriptionStatus.ONBOARDING:
            step = Step(subscription.onboarding_step or Step.SAFETY)
            onboarding.begin(subscription, step, editing=False)
            screens = [
                onboarding.Screen(texts.SETTINGS_NEED_SETUP),
                *onboarding.screens_for(step, subscription, now),
            ]
        else:
            onboarding.begin(subscription, None, editing=False)
            screens = [settings_overview(subscription, now)]
    await onboarding.send(message, screens)


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    """Open one setting for editing: its question replaces the overview."""
    step = EDITABLE.get(choice.option)
    deps = services(context)
    now = deps.clock()
    screens: list[onboarding.Screen] = []
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, query.from_user.id)
        usable = subscription is not None and subscription.status != SubscriptionStatus.ONBOARDING
        if step is not None and subscription is not None and usable:
            onboarding.begin(subscription, step, editing=True)
            screens = onboarding.screens_for(step, subscription, now)
    if not screens:
        await query.answer(texts.BUTTON_STALE)
        return
    await query.answer()
    await onboarding.show_after_press(query, screens)
