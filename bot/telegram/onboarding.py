"""The onboarding dialogue and single-setting edits: asking the questions, taking answers.

Each screen is one message. A button press edits that message into the next screen; a typed
answer (a time, a city) or a shared location gets the next screen as a new message. The
current step lives in the subscription row (see :mod:`bot.usecases.onboarding`), so a restart
mid-dialogue resumes where the person was, and a press on an older screen is refused as stale.
"""

from __future__ import annotations

from datetime import datetime

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.content import Catalogue
from bot.domain import onboarding as flow
from bot.domain.onboarding import Preferences, Problem, Step
from bot.domain.schedule import EVERY_DAY, local_now, mask_days
from bot.domain.subscription import (
    Happened,
    Refusal,
    Refused,
    Result,
    SubscriptionState,
    Transition,
)
from bot.domain.triage import mentions_red_flag
from bot.domain.zones import describe_zone, offset_zone
from bot.telegram import texts
from bot.telegram.callbacks import Choice
from bot.telegram.edits import drop_buttons, edit_screen
from bot.telegram.routine import open_today
from bot.telegram.safety_screens import advice, hold_screen, safety_question
from bot.telegram.screens import (
    Screen,
    choice_button,
    in_rows,
    reminder_summary,
    settings_overview,
    zone_of,
)
from bot.telegram.services import flags_in_every_language, services
from bot.usecases import onboarding as usecase

# --- questions -------------------------------------------------------------------------------


def question_screens(
    step: Step,
    state: SubscriptionState,
    now: datetime,
    catalogue: Catalogue,
    *,
    picking_days: bool = False,
) -> list[Screen]:
    """The message(s) that ask the question of `step`; the safety check, the complaints and
    the equipment asked about are the `catalogue`'s content."""
    preferences = state.preferences
    vocabulary = catalogue.vocabulary
    if step is Step.SAFETY:
        return [safety_question(state, catalogue.flags)]
    if step is Step.COMPLAINTS:
        chosen = vocabulary.choices_from_complaints(preferences.complaints)
        labels = texts.complaint_choice_labels(vocabulary)
        return [_toggles(step, texts.COMPLAINTS_QUESTION, labels, chosen)]
    if step is Step.EQUIPMENT:
        return [
            _toggles(
                step,
                texts.EQUIPMENT_QUESTION,
                texts.equipment_button_labels(vocabulary),
                preferences.equipment,
                none_label=texts.EQUIPMENT_NONE,
            )
        ]
    if step is Step.LENGTH:
        lengths = [
            choice_button(texts.minutes_label(m), step, str(m)) for m in flow.SESSION_LENGTHS
        ]
        return [Screen(texts.LENGTH_QUESTION, InlineKeyboardMarkup([lengths]))]
    if step is Step.TIME:
        times = [choice_button(f"{t[:2]}:{t[2:]}", step, t) for t in flow.COMMON_TIMES]
        return [Screen(texts.TIME_QUESTION, InlineKeyboardMarkup(in_rows(times, 3)))]
    if step is Step.ZONE:
        return [_zone_question(), _offset_grid()]
    if step is Step.ZONE_CONFIRM:
        return [_zone_confirm(preferences, now)]
    if step is Step.SUMMARY:
        return [_summary_question(preferences)]
    picking = picking_days or preferences.weekdays != EVERY_DAY
    return [_days_question(preferences, picking=picking)]


def _toggles(
    step: Step,
    question: str,
    labels: dict[str, str],
    selected: tuple[str, ...],
    none_label: str | None = None,
) -> Screen:
    rows = [
        [choice_button(texts.toggle_label(label, key in selected), step, key)]
        for key, label in labels.items()
    ]
    last = [choice_button(texts.CONTINUE, step, flow.GO)]
    if none_label is not None:
        last.insert(0, choice_button(none_label, step, flow.NONE))
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
        choice_button(texts.offset_label(hours), Step.ZONE, offset_zone(hours))
        for hours in flow.UTC_OFFSETS
    ]
    return Screen(texts.OFFSET_QUESTION, InlineKeyboardMarkup(in_rows(buttons, 5)))


def _zone_confirm(preferences: Preferences, now: datetime) -> Screen:
    zone = zone_of(preferences)
    local = local_now(now, zone)
    text = texts.zone_confirm(
        describe_zone(zone, now), texts.clock(local.hour, local.minute), local.weekday()
    )
    markup = InlineKeyboardMarkup(
        [
            [
                choice_button(texts.ZONE_CONFIRM_YES, Step.ZONE_CONFIRM, "yes"),
                choice_button(texts.ZONE_CONFIRM_NO, Step.ZONE_CONFIRM, "no"),
            ]
        ]
    )
    return Screen(text, markup)


def _days_question(preferences: Preferences, *, picking: bool) -> Screen:
    if not picking:
        markup = InlineKeyboardMarkup(
            [
                [
                    choice_button(texts.EVERY_DAY, Step.DAYS, "every"),
                    choice_button(texts.CHOOSE_DAYS, Step.DAYS, "pick"),
                ]
            ]
        )
        return Screen(texts.DAYS_QUESTION, markup)
    chosen = mask_days(preferences.weekdays)
    days = [
        choice_button(texts.toggle_label(name, day in chosen), Step.DAYS, f"d{day}")
        for day, name in enumerate(texts.WEEKDAY_SHORT)
    ]
    rows = [*in_rows(days, 4), [choice_button(texts.CONTINUE, Step.DAYS, flow.GO)]]
    return Screen(texts.DAYS_PICK, InlineKeyboardMarkup(rows))


def _summary_question(preferences: Preferences) -> Screen:
    """The weekly summary's evening: seven weekdays and Off, the current choice ticked."""
    chosen = preferences.summary_weekday
    days = [
        choice_button(texts.toggle_label(name, day == chosen), Step.SUMMARY, str(day))
        for day, name in enumerate(texts.WEEKDAY_SHORT)
    ]
    off = choice_button(texts.toggle_label(texts.SUMMARY_OFF, chosen is None), Step.SUMMARY, "off")
    return Screen(texts.SUMMARY_QUESTION, InlineKeyboardMarkup([*in_rows(days, 4), [off]]))


# --- the finish: "All set!", and today's routine one tap away ---------------------------------

START_NOW = "today"
"""The screen name of "Start today's routine now" on the "All set!" message."""


def start_now_keyboard() -> InlineKeyboardMarkup:
    """The location question's reply keyboard is gone by now (the zone was noted with a
    removal), so the finish can carry an inline button."""
    return InlineKeyboardMarkup([[choice_button(texts.START_NOW_BUTTON, START_NOW, "go")]])


async def start_now(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open today's routine below "All set!", as /today does; the button goes away."""
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    await query.answer()
    await drop_buttons(query)
    await open_today(message, query.from_user, context)


# --- what an answer shows ---------------------------------------------------------------------


def asked(state: SubscriptionState, now: datetime, catalogue: Catalogue) -> list[Screen]:
    """The open question of `state`, as a fresh set of messages."""
    return question_screens(state.step, state, now, catalogue) if state.step is not None else []


def dialogue_screens(transition: Transition, now: datetime, catalogue: Catalogue) -> list[Screen]:
    """What to show after an answer (or an opened setting) moved the dialogue."""
    state, answer = transition.state, transition.answer
    if transition.happened is Happened.ONBOARDING_FINISHED:
        return [Screen(reminder_summary(state, texts.all_set), start_now_keyboard())]
    if transition.happened is Happened.EDIT_FINISHED:
        return [settings_overview(state, now, catalogue)]
    if transition.happened in (Happened.HELD, Happened.STILL_HELD):
        return [hold_screen(state, catalogue.flags)]
    if transition.happened is Happened.SAFETY_CHECKED and state.step is None:
        return [Screen(texts.SAFETY_CHECK_DONE)]
    if transition.happened is Happened.CLEARED:
        if state.step is None:
            return [Screen(texts.HOLD_CLEARED)]
        return [
            Screen(texts.HOLD_CLEARED_SETUP),
            *question_screens(state.step, state, now, catalogue),
        ]
    if state.step is None:
        return []
    if transition.happened is Happened.ASKED_AGAIN and answer is not None:
        if answer.zone_choices:
            buttons = [[choice_button(zone, Step.ZONE, zone)] for zone in answer.zone_choices]
            return [Screen(texts.ZONE_CHOICES, InlineKeyboardMarkup(buttons))]
        picking = answer.picking_days
        return question_screens(state.step, state, now, catalogue, picking_days=picking)[:1]
    if transition.happened is Happened.NEXT_QUESTION and state.step is Step.ZONE_CONFIRM:
        zone = describe_zone(zone_of(state.preferences), now)
        noted = Screen(texts.zone_noted(zone), ReplyKeyboardRemove())
        return [noted, *question_screens(state.step, state, now, catalogue)]
    return question_screens(state.step, state, now, catalogue)


def _advice(transition: Transition, catalogue: Catalogue) -> str | None:
    """What a finished safety check means, shown in place of the question just answered."""
    advised = (Happened.NEXT_QUESTION, Happened.SAFETY_CHECKED)
    if transition.decision is None or transition.happened not in advised:
        return None
    return advice(transition.decision, catalogue)


# --- button answers ---------------------------------------------------------------------------


async def press(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, choice: Choice) -> None:
    deps = services(context)
    now = deps.clock()
    catalogue = deps.catalogue
    result = await usecase.answer_button(
        deps.sessions,
        query.from_user.id,
        Step(choice.screen),
        choice.option,
        now,
        catalogue.flags,
        catalogue.vocabulary,
    )
    if isinstance(result, Refused):
        days = result.problem is Problem.NEED_A_DAY
        await query.answer(texts.DAYS_NEED_ONE if days else texts.BUTTON_STALE)
        return
    await query.answer()
    screens = dialogue_screens(result, now, catalogue)
    await show_after_press(query, screens, advice=_advice(result, catalogue))


async def show_after_press(
    query: CallbackQuery, screens: list[Screen], *, advice: str | None = None
) -> None:
    """Edit the pressed message into the first inline screen, send the rest as messages.

    A reply keyboard (the location button) cannot replace an inline one in an edit, so such
    a screen always goes out as a new message.
    """
    message = query.message
    if not isinstance(message, Message) or not (screens or advice):
        return
    if advice is not None:
        await edit_screen(query, advice)
        await send(message, screens)
        return
    first, rest = screens[0], screens[1:]
    if isinstance(first.markup, InlineKeyboardMarkup | None):
        await edit_screen(query, first.text, first.markup)
        await send(message, rest)
    else:
        await edit_screen(query, _answered(query, message))
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


async def typed_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the open time or zone question from typed text.

    Registered in a group before the exercise lookup (see `bot.app.register_handlers`): when
    the text answered a question, it stops there; otherwise it falls through to the lookup.
    """
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    deps = services(context)
    now = deps.clock()
    result = await usecase.answer_text(deps.sessions, user.id, message.text, now)
    if isinstance(result, Refused) and result.reason is not Refusal.NOT_TAKEN:
        return  # no typed question is open: the text is meant for the lookup
    if not isinstance(result, Transition) and mentions_red_flag(
        message.text, *flags_in_every_language(context)
    ):
        return  # not a time or a place but a red flag: the text handler opens the safety check
    await send(message, _typed_screens(result, message.text, now, deps.catalogue))
    raise ApplicationHandlerStop


def _typed_screens(result: Result, text: str, now: datetime, catalogue: Catalogue) -> list[Screen]:
    if isinstance(result, Transition):
        return dialogue_screens(result, now, catalogue)
    if result.problem is Problem.TIME_NOT_UNDERSTOOD:
        return [Screen(texts.TIME_NOT_UNDERSTOOD)]
    return [Screen(texts.zone_not_found(text))]


async def take_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.location is None:
        return
    deps = services(context)
    now = deps.clock()
    location = message.location
    result = await usecase.share_location(
        deps.sessions, user.id, location.latitude, location.longitude, now
    )
    if isinstance(result, Transition):
        screens = dialogue_screens(result, now, deps.catalogue)
    elif result.problem is Problem.ZONE_NOT_LOCATED:
        screens = [Screen(texts.ZONE_FROM_LOCATION_FAILED)]
    else:
        screens = [Screen(texts.LOCATION_OUTSIDE_SETUP)]
    await send(message, screens)
