"""The onboarding dialogue and single-setting edits, with the step kept in the database.

Each screen is one message. A button press edits that message into the next screen; a typed
answer (a time, a city) or a shared location gets the next screen as a new message. Because
the current step lives in the subscription row, a restart mid-dialogue resumes where the
person was, and a press on an older screen is recognised as stale.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import ContextTypes

from bot.domain import onboarding as flow
from bot.domain.clocktime import parse_time
from bot.domain.onboarding import Step
from bot.domain.schedule import EVERY_DAY, local_now, mask_days, weekday_mask
from bot.domain.zones import describe_zone, offset_zone, resolve_zone
from bot.places import zone_for_location
from bot.storage.models import Subscription
from bot.storage.subscriptions import SubscriptionStatus, get_subscription, reschedule
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.screens import Screen, in_rows, reminder_summary, settings_overview
from bot.telegram.screens import choice_button as _button
from bot.telegram.services import services

SUMMARY_OPTIONS = frozenset({*(str(day) for day in range(7)), "off"})

# --- screens ---------------------------------------------------------------------------------


def screens_for(step: Step, subscription: Subscription, now: datetime) -> list[Screen]:
    """The message(s) that ask the question of `step`."""
    if step is Step.SAFETY:
        return [
            _toggles(
                step,
                texts.SAFETY_QUESTION,
                texts.SAFETY_LABELS,
                subscription.safety_flags,
                none_label=texts.SAFETY_NONE,
            )
        ]
    if step is Step.COMPLAINTS:
        chosen = flow.choices_from_complaints(subscription.complaints)
        return [_toggles(step, texts.COMPLAINTS_QUESTION, texts.COMPLAINT_LABELS, chosen)]
    if step is Step.EQUIPMENT:
        return [
            _toggles(
                step,
                texts.EQUIPMENT_QUESTION,
                texts.EQUIPMENT_LABELS,
                subscription.equipment,
                none_label=texts.EQUIPMENT_NONE,
            )
        ]
    if step is Step.LENGTH:
        buttons = [_button(f"{m} min", step, str(m)) for m in flow.SESSION_LENGTHS]
        return [Screen(texts.LENGTH_QUESTION, InlineKeyboardMarkup([buttons]))]
    if step is Step.TIME:
        buttons = [_button(f"{t[:2]}:{t[2:]}", step, t) for t in flow.COMMON_TIMES]
        return [Screen(texts.TIME_QUESTION, InlineKeyboardMarkup(in_rows(buttons, 3)))]
    if step is Step.ZONE:
        return [_zone_question(), _offset_grid()]
    if step is Step.ZONE_CONFIRM:
        return [_zone_confirm(subscription, now)]
    if step is Step.SUMMARY:
        return [_summary_question(subscription)]
    return [_days_question(subscription, picking=subscription.weekdays != EVERY_DAY)]


def _toggles(
    step: Step,
    question: str,
    labels: dict[str, str],
    selected: list[str],
    none_label: str | None = None,
) -> Screen:
    rows = [
        [_button(texts.toggle_label(label, key in selected), step, key)]
        for key, label in labels.items()
    ]
    last = [_button(texts.CONTINUE, step, "go")]
    if none_label is not None:
        last.insert(0, _button(none_label, step, "none"))
    return Screen(question, InlineKeyboardMarkup([*rows, last]))


def _zone_question() -> Screen:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(texts.SHARE_LOCATION, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    return Screen(texts.ZONE_QUESTION, keyboard)


def _offset_grid() -> Screen:
    buttons = [
        _button(texts.offset_label(hours), Step.ZONE, offset_zone(hours))
        for hours in flow.UTC_OFFSETS
    ]
    return Screen(texts.OFFSET_QUESTION, InlineKeyboardMarkup(in_rows(buttons, 5)))


def _zone_confirm(subscription: Subscription, now: datetime) -> Screen:
    zone = subscription.time_zone or "UTC"
    local = local_now(now, zone)
    text = texts.zone_confirm(
        describe_zone(zone, now), texts.clock(local.hour, local.minute), local.weekday()
    )
    markup = InlineKeyboardMarkup(
        [
            [
                _button(texts.ZONE_CONFIRM_YES, Step.ZONE_CONFIRM, "yes"),
                _button(texts.ZONE_CONFIRM_NO, Step.ZONE_CONFIRM, "no"),
            ]
        ]
    )
    return Screen(text, markup)


def _days_question(subscription: Subscription, *, picking: bool) -> Screen:
    if not picking:
        markup = InlineKeyboardMarkup(
            [
                [
                    _button(texts.EVERY_DAY, Step.DAYS, "every"),
                    _button(texts.CHOOSE_DAYS, Step.DAYS, "pick"),
                ]
            ]
        )
        return Screen(texts.DAYS_QUESTION, markup)
    chosen = mask_days(subscription.weekdays)
    days = [
        _button(texts.toggle_label(name, day in chosen), Step.DAYS, f"d{day}")
        for day, name in enumerate(texts.WEEKDAY_SHORT)
    ]
    rows = [*in_rows(days, 4), [_button(texts.CONTINUE, Step.DAYS, "go")]]
    return Screen(texts.DAYS_PICK, InlineKeyboardMarkup(rows))


def _summary_question(subscription: Subscription) -> Screen:
    """The weekly summary's evening: seven weekdays and Off, the current choice ticked."""
    chosen = subscription.summary_weekday
    days = [
        _button(texts.toggle_label(name, day == chosen), Step.SUMMARY, str(day))
        for day, name in enumerate(texts.WEEKDAY_SHORT)
    ]
    off = _button(texts.toggle_label(texts.SUMMARY_OFF, chosen is None), Step.SUMMARY, "off")
    return Screen(texts.SUMMARY_QUESTION, InlineKeyboardMarkup([*in_rows(days, 4), [off]]))


# --- answers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an answer did: stay on the step (re-render), move on, or refuse politely."""

    advance: bool = False
    redraw: Screen | None = None
    refusal: str | None = None
    advice: str | None = None


def answer(subscription: Subscription, step: Step, option: str) -> Outcome:
    """Apply one button answer to the row; pure apart from mutating `subscription`."""
    if step is Step.SAFETY:
        return _multi(subscription, "safety_flags", flow.SAFETY_FLAGS, option, advice=True)
    if step is Step.COMPLAINTS:
        if option in flow.COMPLAINT_CHOICES:
            chosen = flow.toggle(flow.choices_from_complaints(subscription.complaints), option)
            subscription.complaints = flow.complaints_from_choices(chosen)
            return Outcome()
        return Outcome(advance=True) if option == "go" else Outcome(refusal=texts.BUTTON_STALE)
    if step is Step.EQUIPMENT:
        return _multi(subscription, "equipment", flow.EQUIPMENT_CHOICES, option)
    if step is Step.LENGTH and option in {str(m) for m in flow.SESSION_LENGTHS}:
        subscription.session_minutes = int(option)
        return Outcome(advance=True)
    if step is Step.TIME and option in flow.COMMON_TIMES:
        subscription.reminder_minute = int(option[:2]) * 60 + int(option[2:])
        return Outcome(advance=True)
    if step is Step.ZONE and _valid_zone(option):
        subscription.time_zone = option
        return Outcome(advance=True)
    if step is Step.ZONE_CONFIRM and option in ("yes", "no"):
        return Outcome(advance=option == "yes")
    if step is Step.DAYS:
        return _days(subscription, option)
    if step is Step.SUMMARY and option in SUMMARY_OPTIONS:
        subscription.summary_weekday = None if option == "off" else int(option)
        return Outcome(advance=True)
    return Outcome(refusal=texts.BUTTON_STALE)


def _multi(
    subscription: Subscription,
    field: str,
    allowed: tuple[str, ...],
    option: str,
    *,
    advice: bool = False,
) -> Outcome:
    current: list[str] = list(getattr(subscription, field))
    if option in allowed:
        setattr(subscription, field, flow.toggle(current, option))
        return Outcome()
    if option == "none":
        setattr(subscription, field, [])
        return Outcome(advance=True)
    if option == "go":
        note = texts.safety_advice(current) if advice and current else None
        return Outcome(advance=True, advice=note)
    return Outcome(refusal=texts.BUTTON_STALE)


def _days(subscription: Subscription, option: str) -> Outcome:
    if option == "every":
        subscription.weekdays = EVERY_DAY
        return Outcome(advance=True)
    if option == "pick":
        return Outcome(redraw=_days_question(subscription, picking=True))
    if len(option) == 2 and option[0] == "d" and option[1] in "0123456":
        chosen = list(mask_days(subscription.weekdays))
        day = int(option[1])
        chosen = [d for d in chosen if d != day] if day in chosen else [*chosen, day]
        subscription.weekdays = weekday_mask(chosen)
        return Outcome(redraw=_days_question(subscription, picking=True))
    if option == "go":
        if not subscription.weekdays:
            return Outcome(refusal=texts.DAYS_NEED_ONE)
        return Outcome(advance=True)
    return Outcome(refusal=texts.BUTTON_STALE)


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# --- moving through the dialogue ---------------------------------------------------------


def begin(subscription: Subscription, step: Step | None, *, editing: bool) -> None:
    subscription.onboarding_step = step
    subscription.editing = editing


def finish_screen(subscription: Subscription, now: datetime) -> Screen:
    """Close the dialogue: activate and schedule, and say what happens next."""
    editing = subscription.editing
    subscription.onboarding_step = None
    subscription.editing = False
    if not editing:
        subscription.status = SubscriptionStatus.ACTIVE
    reschedule(subscription, now)
    if editing:
        return settings_overview(subscription, now)
    return Screen(reminder_summary(subscription, now, texts.all_set), ReplyKeyboardRemove())


def move_on(subscription: Subscription, step: Step, now: datetime) -> list[Screen]:
    """Advance past `step` and return what to show next."""
    following = flow.next_step(step, editing=subscription.editing)
    if following is None:
        return [finish_screen(subscription, now)]
    subscription.onboarding_step = following
    if following is Step.ZONE_CONFIRM:
        zone = subscription.time_zone or "UTC"
        noted = Screen(f"🌍 {describe_zone(zone, now)}", ReplyKeyboardRemove())
        return [noted, *screens_for(following, subscription, now)]
    return screens_for(following, subscription, now)


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    deps = services(context)
    now = deps.clock()
    step = Step(choice.screen)
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, query.from_user.id)
        if subscription is None or subscription.onboarding_step != step:
            outcome = Outcome(refusal=texts.BUTTON_STALE)
        else:
            outcome = answer(subscription, step, choice.option)
        if outcome.refusal is not None or subscription is None:
            following: list[Screen] = []
        elif step is Step.ZONE_CONFIRM and choice.option == "no":
            subscription.onboarding_step = Step.ZONE
            following = screens_for(Step.ZONE, subscription, now)
        elif outcome.advance:
            following = move_on(subscription, step, now)
        else:
            following = [outcome.redraw or screens_for(step, subscription, now)[0]]
    if outcome.refusal is not None:
        await query.answer(outcome.refusal)
        return
    await query.answer()
    await show_after_press(query, following, advice=outcome.advice)


async def show_after_press(
    query: CallbackQuery, screens: list[Screen], *, advice: str | None = None
) -> None:
    """Edit the pressed message into the first inline screen, send the rest as messages.

    A reply keyboard (the location button) cannot replace an inline one in an edit, so such
    a screen always goes out as a new message.
    """
    message = query.message
    if not isinstance(message, Message):
        return
    if advice is not None:
        await query.edit_message_text(advice)
        await send(message, screens)
        return
    first, rest = screens[0], screens[1:]
    if isinstance(first.markup, InlineKeyboardMarkup | None):
        await query.edit_message_text(first.text, reply_markup=first.markup)
        await send(message, rest)
    else:
        await query.edit_message_text(_answered(query, message))
        await send(message, screens)


def _answered(query: CallbackQuery, message: Message) -> str:
    """The question with the chosen answer under it, so the chat history reads naturally."""
    markup = message.reply_markup
    buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
    label = next((b.text for b in buttons if b.callback_data == query.data), None)
    return texts.answered(message.text_html or "", label)


async def send(message: Message, screens: list[Screen]) -> None:
    for screen in screens:
        await message.chat.send_message(screen.text, reply_markup=screen.markup)


# --- typed answers and shared locations ---------------------------------------------------


async def take_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Answer the time or zone question from typed text; False when no such question is open."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return False
    deps = services(context)
    now = deps.clock()
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, user.id)
        step = subscription.onboarding_step if subscription is not None else None
        if subscription is None or step not in (Step.TIME, Step.ZONE):
            return False
        screens = _typed_answer(subscription, Step(step), message.text, now)
    await send(message, screens)
    return True


def _typed_answer(subscription: Subscription, step: Step, text: str, now: datetime) -> list[Screen]:
    if step is Step.TIME:
        parsed = parse_time(text)
        if parsed is None:
            return [Screen(texts.TIME_NOT_UNDERSTOOD)]
        subscription.reminder_minute = _minute_of(parsed)
        return move_on(subscription, step, now)
    zones = resolve_zone(text)
    if not zones:
        return [Screen(texts.zone_not_found(text))]
    if len(zones) > 1:
        buttons = [[_button(zone, Step.ZONE, zone)] for zone in zones]
        return [Screen(texts.ZONE_CHOICES, InlineKeyboardMarkup(buttons))]
    subscription.time_zone = zones[0]
    return move_on(subscription, step, now)


async def take_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.location is None:
        return
    deps = services(context)
    zone = await asyncio.to_thread(
        zone_for_location, message.location.latitude, message.location.longitude
    )
    now = deps.clock()
    async with deps.sessions.begin() as session:
        subscription = await get_subscription(session, user.id)
        if subscription is None or subscription.onboarding_step != Step.ZONE:
            screens = [Screen(texts.LOCATION_OUTSIDE_SETUP)]
        elif zone is None:
            screens = [Screen(texts.ZONE_FROM_LOCATION_FAILED)]
        else:
            subscription.time_zone = zone
            screens = move_on(subscription, Step.ZONE, now)
    await send(message, screens)


def _minute_of(value: time) -> int:
    return value.hour * 60 + value.minute
