"""/pause, /resume and /stop: taking a break from reminders without losing anything."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.storage.models import Pause, Subscription
from bot.storage.subscriptions import SubscriptionStatus, get_subscription, reschedule
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.screens import choice_button, describe_instant, in_rows
from bot.telegram.services import services

PAUSABLE = (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED)


async def pause_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with services(context).sessions() as session:
        subscription = await get_subscription(session, user.id)
    if subscription is None or subscription.status not in PAUSABLE:
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
    now = deps.clock()
    option = choice.option
    if option not in texts.PAUSE_OPTIONS:
        await query.answer(texts.BUTTON_STALE)
        return
    frozen = option == "frozen"
    until = None if option in ("open", "frozen") else now + timedelta(days=int(option))
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, query.from_user.id)
        pausable = subscription is not None and subscription.status in PAUSABLE
        if subscription is not None and pausable:
            await _end_open_pauses(session, subscription.user_id, now)
            session.add(
                Pause(user_id=subscription.user_id, started_at=now, until=until, frozen=frozen)
            )
            subscription.paused_until = until
            subscription.status = SubscriptionStatus.ACTIVE if until else SubscriptionStatus.PAUSED
            reschedule(subscription, now)
        zone = (subscription.time_zone if subscription else None) or "UTC"
    if not pausable:
        await query.answer(texts.PAUSE_NEED_SUBSCRIPTION)
        return
    await query.answer()
    text = texts.paused_until(describe_instant(until, zone)) if until else texts.paused_open(frozen)
    await query.edit_message_text(text)


async def resume_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, user.id)
        if subscription is None or subscription.status not in PAUSABLE:
            text = texts.NOT_SUBSCRIBED
        elif not _is_paused(subscription, now):
            text = texts.RESUME_NOT_PAUSED.format(next=_next_text(subscription))
        else:
            await _end_open_pauses(session, user.id, now)
            subscription.status = SubscriptionStatus.ACTIVE
            subscription.paused_until = None
            reschedule(subscription, now)
            text = texts.resumed(_next_text(subscription))
    await message.reply_text(text)


async def stop_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with services(context).sessions() as session:
        subscription = await get_subscription(session, user.id)
    if subscription is None or subscription.status not in PAUSABLE:
        await message.reply_text(texts.ALREADY_STOPPED if subscription else texts.NOT_SUBSCRIBED)
        return
    buttons = [
        choice_button(texts.STOP_YES, "stop", "yes"),
        choice_button(texts.STOP_NO, "stop", "no"),
    ]
    await message.reply_text(texts.STOP_QUESTION, reply_markup=InlineKeyboardMarkup([buttons]))


async def stop_press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice
) -> None:
    deps = services(context)
    now = deps.clock()
    if choice.option not in ("yes", "no"):
        await query.answer(texts.BUTTON_STALE)
        return
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, query.from_user.id)
        stoppable = subscription is not None and subscription.status in PAUSABLE
        if subscription is not None and stoppable and choice.option == "yes":
            await _end_open_pauses(session, subscription.user_id, now)
            subscription.status = SubscriptionStatus.STOPPED
            subscription.paused_until = None
            reschedule(subscription, now)
    if not stoppable:
        await query.answer(texts.ALREADY_STOPPED)
        return
    await query.answer()
    await query.edit_message_text(texts.STOPPED if choice.option == "yes" else texts.STOP_KEPT)


def _is_paused(subscription: Subscription, now: datetime) -> bool:
    if subscription.status == SubscriptionStatus.PAUSED:
        return True
    return subscription.paused_until is not None and subscription.paused_until > now


def _next_text(subscription: Subscription) -> str:
    if subscription.next_due_at is None:
        return "-"
    return describe_instant(subscription.next_due_at, subscription.time_zone or "UTC")


async def _end_open_pauses(session: AsyncSession, user_id: int, now: datetime) -> None:
    """Close the pause rows still running, so the streak sees exactly when the break ended."""
    await session.execute(
        sql_update(Pause)
        .where(Pause.user_id == user_id, Pause.ended_at.is_(None))
        .values(ended_at=now)
    )
