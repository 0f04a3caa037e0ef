"""Inline keyboards. Every button's data comes from the callback codec, never by hand."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content import Exercise
from bot.domain.discomfort import BANDS
from bot.domain.walkthrough import SKIP_REASONS, Action, Position
from bot.telegram import texts
from bot.telegram.callbacks import (
    Callback,
    ReminderAction,
    ReminderPress,
    ShowExercise,
    StartExercise,
    WalkthroughPress,
    encode,
)
from bot.telegram.screens import choice_button

RATING_ROWS: tuple[tuple[int, ...], ...] = tuple(tuple(scores) for scores, _ in BANDS)
"""One row per band of the discomfort scale: fine, moderate, severe."""


def _button(label: str, callback: Callback) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(callback))


def card_keyboard(exercise: Exercise) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(texts.START_BUTTON, StartExercise(exercise.id))]])


def exercise_list(exercises: Iterable[Exercise]) -> InlineKeyboardMarkup:
    """One exercise per row: names are long and thumbs are wide."""
    return InlineKeyboardMarkup(
        [[_button(exercise.name, ShowExercise(exercise.id))] for exercise in exercises]
    )


def step_keyboard(
    walkthrough_id: int,
    version: int,
    position: Position,
    hold_seconds: int | None,
    *,
    in_routine: bool = False,
) -> InlineKeyboardMarkup:
    """The way out asks why: "Skip exercise" inside a routine, "Stop" outside one. Either way
    "It hurts" is one of the answers, and the discomfort policy acts on it."""

    def press(action: Action) -> WalkthroughPress:
        return WalkthroughPress(walkthrough_id, version, action)

    rows: list[list[InlineKeyboardButton]] = []
    if hold_seconds:
        rows.append([_button(texts.timer_button(hold_seconds), press(Action.TIMER))])
    forward = texts.DONE_BUTTON if position.is_last_step else texts.NEXT_BUTTON
    navigation = [_button(forward, press(Action.NEXT))]
    if not position.is_first_step:
        navigation.insert(0, _button(texts.BACK_BUTTON, press(Action.BACK)))
    rows.append(navigation)
    way_out = _button(
        texts.SKIP_EXERCISE_BUTTON if in_routine else texts.STOP_BUTTON, press(Action.ABANDON)
    )
    rows.append([_button(texts.SKIP_BUTTON, press(Action.SKIP)), way_out])
    return InlineKeyboardMarkup(rows)


def skip_reasons_keyboard(walkthrough_id: int, version: int) -> InlineKeyboardMarkup:
    reasons = [
        _button(
            texts.SKIP_REASON_LABELS[reason],
            WalkthroughPress(walkthrough_id, version, Action.REASON, index),
        )
        for index, reason in enumerate(SKIP_REASONS)
    ]
    back = _button(texts.BACK_BUTTON, WalkthroughPress(walkthrough_id, version, Action.BACK))
    return InlineKeyboardMarkup([reasons[:2], reasons[2:], [back]])


def rating_keyboard(walkthrough_id: int, version: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(
                    _rating_label(score),
                    WalkthroughPress(walkthrough_id, version, Action.RATE, score),
                )
                for score in row
            ]
            for row in RATING_ROWS
        ]
    )


def again_keyboard(exercise: Exercise, *, offer_pause: bool = False) -> InlineKeyboardMarkup:
    """ "Do it again"; after severe discomfort, the offer to pause reminders instead."""
    if offer_pause:
        return pause_offer_keyboard()
    return InlineKeyboardMarkup([[_button(texts.AGAIN_BUTTON, StartExercise(exercise.id))]])


def pause_offer_keyboard() -> InlineKeyboardMarkup:
    """The open-ended "injured" pause, offered after severe discomfort."""
    return InlineKeyboardMarkup([[choice_button(texts.PAUSE_OFFER_BUTTON, "pause", "frozen")]])


def reminder_keyboard(delivery_id: int) -> InlineKeyboardMarkup:
    def press(action: ReminderAction) -> InlineKeyboardButton:
        label = {
            ReminderAction.START: texts.REMINDER_START_BUTTON,
            ReminderAction.SNOOZE: texts.REMINDER_SNOOZE_BUTTON,
            ReminderAction.SKIP: texts.REMINDER_SKIP_BUTTON,
        }[action]
        return _button(label, ReminderPress(delivery_id, action))

    return InlineKeyboardMarkup(
        [
            [press(ReminderAction.START)],
            [press(ReminderAction.SNOOZE), press(ReminderAction.SKIP)],
        ]
    )


def _rating_label(score: int) -> str:
    return "0 · none" if score == 0 else str(score)


def rest_keyboard(
    walkthrough_id: int, version: int, label: str, *, in_routine: bool = False
) -> InlineKeyboardMarkup:
    """Between sets: go on now (Skip rest, or Start set N once the rest is over), or back."""

    def press(action: Action) -> WalkthroughPress:
        return WalkthroughPress(walkthrough_id, version, action)

    way_out = texts.SKIP_EXERCISE_BUTTON if in_routine else texts.STOP_BUTTON
    return InlineKeyboardMarkup(
        [
            [_button(label, press(Action.NEXT))],
            [
                _button(texts.BACK_BUTTON, press(Action.BACK)),
                _button(way_out, press(Action.ABANDON)),
            ],
        ]
    )
