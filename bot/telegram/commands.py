"""/start, /help, unknown commands, and the short answer for group chats."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.domain.onboarding import Step
from bot.storage.models import Subscription
from bot.storage.subscriptions import SubscriptionStatus, get_or_create, reschedule
from bot.storage.users import upsert_user
from bot.telegram import lookup, onboarding, texts
from bot.telegram.screens import Screen, reminder_summary
from bot.telegram.services import services

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
    exercise = None
    if payload.startswith(DEEP_LINK_PREFIX):
        exercise = deps.catalogue.get(payload.removeprefix(DEEP_LINK_PREFIX))
    async with deps.sessions.begin() as session:
        await upsert_user(session, user.id, user.first_name, user.language_code)
        if exercise is not None:
            screens: list[Screen] = []
        else:
            subscription = await get_or_create(session, user.id, now)
            screens = _start_screens(subscription, user.first_name, now)
    if exercise is not None:
        await lookup.send_card(message, exercise)
        return
    await onboarding.send(message, screens)


def _start_screens(subscription: Subscription, first_name: str, now: datetime) -> list[Screen]:
    """What /start shows for each state of the subscription (and the state change it makes)."""
    welcome = Screen(texts.welcome(first_name))
    if subscription.status == SubscriptionStatus.STOPPED:
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.paused_until = None
        reschedule(subscription, now)
        return [Screen(reminder_summary(subscription, now, texts.all_set))]
    if subscription.status != SubscriptionStatus.ONBOARDING:
        return [welcome, Screen(reminder_summary(subscription, now, texts.all_set))]
    if subscription.onboarding_step is None:
        onboarding.begin(subscription, Step.SAFETY, editing=False)
        intro = [welcome, Screen(texts.ONBOARDING_INTRO)]
    else:
        intro = [Screen(texts.ONBOARDING_RESUME)]
    return [*intro, *onboarding.screens_for(Step(subscription.onboarding_step), subscription, now)]


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
