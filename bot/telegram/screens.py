"""Pieces shared by the dialogue screens: a screen type, choice buttons, and summaries.

Everything here renders from frozen values (:class:`SubscriptionState`), never from rows, so
a screen shows exactly what the use case decided.
"""

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

from bot.content import Catalogue
from bot.domain.onboarding import Preferences
from bot.domain.schedule import DEFAULT_ZONE, local_now, mask_days
from bot.domain.subscription import Phase, SubscriptionState, phase, reminder_time
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
    return texts.day_and_time(day, texts.clock(local.hour, local.minute))


def zone_of(preferences: Preferences) -> str:
    return preferences.time_zone or DEFAULT_ZONE


def time_text(preferences: Preferences) -> str:
    at = reminder_time(preferences.reminder_minute)
    return texts.TIME_NOT_SET if at is None else texts.clock(at.hour, at.minute)


def next_reminder_text(state: SubscriptionState) -> str:
    if state.next_due_at is None:
        return texts.NO_NEXT_REMINDER
    return describe_instant(state.next_due_at, zone_of(state.preferences))


def reminder_summary(state: SubscriptionState, render: Callable[[str, str, str, str], str]) -> str:
    preferences = state.preferences
    days = texts.days_summary(mask_days(preferences.weekdays))
    return render(time_text(preferences), zone_of(preferences), days, next_reminder_text(state))


def state_text(state: SubscriptionState, now: datetime) -> str:
    shown = phase(state, now)
    if shown is Phase.STOPPED:
        return texts.STATUS_STOPPED
    if shown is Phase.HELD:
        return texts.STATUS_HELD
    if shown is Phase.PAUSED_OPEN:
        return texts.STATUS_PAUSED_OPEN
    if shown is Phase.PAUSED_UNTIL and state.paused_until is not None:
        return texts.status_paused_until(
            describe_instant(state.paused_until, zone_of(state.preferences))
        )
    if state.next_due_at is not None:
        return texts.status_on_next(next_reminder_text(state))
    return texts.STATUS_ON


def settings_overview(state: SubscriptionState, now: datetime, catalogue: Catalogue) -> Screen:
    """The settings as they stand; complaints and equipment in the vocabulary's words."""
    preferences, vocabulary = state.preferences, catalogue.vocabulary
    choices = texts.complaint_choice_labels(vocabulary)
    buttons = texts.equipment_button_labels(vocabulary)
    text = texts.settings_overview(
        time_text=time_text(preferences),
        zone=zone_of(preferences),
        days=texts.days_summary(mask_days(preferences.weekdays)),
        complaints=[
            choices[choice] for choice in vocabulary.choices_from_complaints(preferences.complaints)
        ],
        equipment=[buttons[item] for item in preferences.equipment if item in buttons],
        minutes=preferences.session_minutes,
        flags=[catalogue.flags.label(flag) for flag in preferences.safety_flags],
        state=state_text(state, now),
        summary=texts.summary_setting(preferences.summary_weekday),
    )
    settings = [
        choice_button(label, "settings", key) for key, label in texts.SETTINGS_BUTTONS.items()
    ]
    return Screen(text, InlineKeyboardMarkup(in_rows(settings, 2)))
