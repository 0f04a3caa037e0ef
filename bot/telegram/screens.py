"""Pieces shared by the dialogue screens: a screen type, choice buttons, and summaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.domain.onboarding import choices_from_complaints
from bot.domain.schedule import local_now, mask_days
from bot.storage.models import Subscription
from bot.storage.subscriptions import SubscriptionStatus, reminder_time
from bot.telegram import texts
from bot.telegram.callbacks import Choice, encode

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: Markup = None


def choice_button(label: str, screen: str, option: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(Choice(screen, option)))


def in_rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def describe_instant(instant: datetime, zone: str) -> str:
    """“Tuesday 3 March, 07:30” in the person's own zone."""
    local = local_now(instant, zone)
    day = texts.long_date(local.year, local.month, local.day, local.weekday())
    return f"{day}, {texts.clock(local.hour, local.minute)}"


def time_text(subscription: Subscription) -> str:
    at = reminder_time(subscription)
    return "not set" if at is None else texts.clock(at.hour, at.minute)


def reminder_summary(
    subscription: Subscription, now: datetime, render: Callable[[str, str, str, str], str]
) -> str:
    zone = subscription.time_zone or "UTC"
    first = describe_instant(subscription.next_due_at, zone) if subscription.next_due_at else "-"
    days = texts.days_summary(mask_days(subscription.weekdays))
    return render(time_text(subscription), zone, days, first)


def state_text(subscription: Subscription, now: datetime) -> str:
    zone = subscription.time_zone or "UTC"
    if subscription.status == SubscriptionStatus.STOPPED:
        return "stopped"
    if subscription.status == SubscriptionStatus.PAUSED:
        return "paused until you /resume"
    if subscription.paused_until is not None and subscription.paused_until > now:
        return f"paused until {describe_instant(subscription.paused_until, zone)}"
    if subscription.next_due_at is not None:
        return f"on, next {describe_instant(subscription.next_due_at, zone)}"
    return "on"


def settings_overview(subscription: Subscription, now: datetime) -> Screen:
    text = texts.settings_overview(
        time_text=time_text(subscription),
        zone=subscription.time_zone or "UTC",
        days=texts.days_summary(mask_days(subscription.weekdays)),
        complaints=choices_from_complaints(subscription.complaints),
        equipment=subscription.equipment,
        minutes=subscription.session_minutes,
        flags=subscription.safety_flags,
        state=state_text(subscription, now),
        summary=texts.summary_setting(subscription.summary_weekday),
    )
    buttons = [
        choice_button(label, "settings", key) for key, label in texts.SETTINGS_BUTTONS.items()
    ]
    return Screen(text, InlineKeyboardMarkup(in_rows(buttons, 2)))
