"""Inline keyboards. Every button's data comes from the callback codec, never by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content import Exercise
from bot.domain.discomfort import BANDS
from bot.domain.reminder_answer import DEFAULT_SNOOZE, SNOOZES, Snooze
from bot.domain.walkthrough import (
    SKIP_REASONS,
    Action,
    Position,
    offers_done_fine,
    offers_skip_choice,
)
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

RATING_ROWS: tuple[tuple[int, ...], ...] = ((0, 1, 2, 3, 4, 5), (6, 7, 8, 9, 10))
"""The 0-10 scale in two rows, so it fits a phone; each band's first score is marked."""
BAND_MARKS: dict[int, str] = {
    scores[0]: mark for (scores, _), mark in zip(BANDS, ("", "🟡", "🔴"), strict=True) if mark
}


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
    start_now: bool = False,
) -> InlineKeyboardMarkup:
    """The way out asks why: "Skip exercise" inside a routine, "Stop" outside one. Either way
    "It hurts" is one of the answers, and the discomfort policy acts on it.

    `hold_seconds` offers the timer (a step come back to); `start_now` starts a hold that is
    waiting out its "get ready" lead. The last step carries the rating: "Done, no discomfort"
    and the scores 1-10 each finish the exercise and record how it felt in one press."""

    def press(action: Action, value: int | None = None) -> WalkthroughPress:
        return WalkthroughPress(walkthrough_id, version, action, value)

    rows: list[list[InlineKeyboardButton]] = []
    if start_now:
        rows.append([_button(texts.HOLD_NOW_BUTTON, press(Action.TIMER))])
    elif hold_seconds:
        rows.append([_button(texts.timer_button(hold_seconds), press(Action.TIMER))])
    last = offers_done_fine(position)
    if last:
        rows.append([_button(texts.DONE_FINE_BUTTON, press(Action.DONE_FINE))])
        rows += [
            [_button(_rating_label(score), press(Action.RATE, score)) for score in row if score]
            for row in RATING_ROWS
        ]
    navigation = [] if last else [_button(texts.NEXT_BUTTON, press(Action.NEXT))]
    if not position.is_first_step:
        navigation.insert(0, _button(texts.BACK_BUTTON, press(Action.BACK)))
    if navigation:
        rows.append(navigation)
    rows.append(_way_out(press, position, in_routine=in_routine))
    return InlineKeyboardMarkup(rows)


def _way_out(
    press: Callable[[Action], WalkthroughPress], position: Position, *, in_routine: bool
) -> list[InlineKeyboardButton]:
    """Inside a routine one "Skip" (it asks what, when there is a choice); outside one,
    "Skip step" where there is more than one step, and "Stop"."""
    if in_routine:
        return [_button(texts.SKIP_ONE_BUTTON, press(Action.SKIP_ASK))]
    stop = _button(texts.STOP_BUTTON, press(Action.ABANDON))
    if not offers_skip_choice(position):
        return [stop]
    return [_button(texts.SKIP_BUTTON, press(Action.SKIP)), stop]


def skip_choice_keyboard(walkthrough_id: int, version: int) -> InlineKeyboardMarkup:
    """ "This step or the whole exercise?", with Back to the step."""

    def press(action: Action) -> WalkthroughPress:
        return WalkthroughPress(walkthrough_id, version, action)

    return InlineKeyboardMarkup(
        [
            [
                _button(texts.SKIP_THIS_STEP_BUTTON, press(Action.SKIP)),
                _button(texts.SKIP_WHOLE_BUTTON, press(Action.ABANDON)),
            ],
            [_button(texts.BACK_BUTTON, press(Action.BACK))],
        ]
    )


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


def reminder_keyboard(
    delivery_id: int,
    default: Snooze | None = DEFAULT_SNOOZE,
    choices: tuple[Snooze, ...] = SNOOZES,
) -> InlineKeyboardMarkup:
    """Start; the person's usual snooze in one tap beside "Skip today"; the other snoozes
    the hour still allows in a row of their own."""
    start = _button(texts.REMINDER_START_BUTTON, ReminderPress(delivery_id, ReminderAction.START))
    skip = _button(texts.REMINDER_SKIP_BUTTON, ReminderPress(delivery_id, ReminderAction.SKIP))

    def snooze(choice: Snooze, label: str) -> InlineKeyboardButton:
        return _button(label, ReminderPress(delivery_id, ReminderAction.SNOOZE, choice))

    rows = [[start]]
    if default is None:
        rows.append([skip])
        return InlineKeyboardMarkup(rows)
    rows.append([snooze(default, texts.snooze_button(default)), skip])
    others = [snooze(c, texts.SNOOZE_LABELS[c]) for c in choices if c is not default]
    if others:
        rows.append(others)
    return InlineKeyboardMarkup(rows)


def _rating_label(score: int) -> str:
    if score == 0:
        return texts.RATING_NONE
    mark = BAND_MARKS.get(score)
    return f"{mark} {score}" if mark else str(score)


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
