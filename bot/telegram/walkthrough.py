"""The step-by-step walkthrough: one message, edited in place as the person taps.

When Telegram refuses to edit that message (too old, deleted), the screen comes as a new
message, and the walkthrough learns its id: its buttons are then the live ones. A press on a
screen that is out of date gets the current screen (:class:`bot.usecases.walkthrough.Reshown`)
rather than a refusal, so no message is ever a dead end.

A hold or a rest starts a stored timer (the use case stores it with the press); its end comes
from :mod:`bot.telegram.timers` as a new message, and a countdown edits the screen meanwhile.

Each handler decodes the press, calls one use case (one transaction) and renders its result:
answer the callback query first, then edit. A press that finishes an exercise of a routine
comes back with the routine's next screen, rendered by :mod:`bot.telegram.routine`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace

from telegram import CallbackQuery, Message
from telegram.ext import ContextTypes

from bot.domain.routine_day import RoutineRefusal
from bot.domain.walkthrough import Action, Refusal, Route, WalkthroughView
from bot.telegram import routine as routine_screens
from bot.telegram import texts
from bot.telegram.callbacks import WalkthroughPress
from bot.telegram.edits import edit_screen, send_screen
from bot.telegram.runs import run_of, screen
from bot.telegram.services import Services, person_of, services
from bot.telegram.timers import countdowns_of
from bot.usecases import walkthrough as usecase

log = logging.getLogger(__name__)

# Names in bot.telegram.texts, read when answering: in the person's language.
REFUSALS: dict[Refusal | RoutineRefusal, str] = {
    Refusal.UNKNOWN: "BUTTON_UNKNOWN",
    Refusal.NOT_YOURS: "BUTTON_NOT_YOURS",
    Refusal.ENDED: "BUTTON_ENDED",
    Refusal.STALE: "BUTTON_STALE",
    Refusal.FIRST_STEP: "BUTTON_FIRST_STEP",
    Refusal.EXERCISE_GONE: "EXERCISE_GONE",
    RoutineRefusal.GONE: "ROUTINE_ENDED",
    RoutineRefusal.OVER: "ROUTINE_ENDED",
    RoutineRefusal.OTHER_DAY: "ROUTINE_ENDED",
}


async def start(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise_id: str) -> None:
    """Open a walkthrough at step 1 in a new message (the card stays as a reference).

    The same press handled twice (a redelivered update, a worker that died after the start was
    stored) starts nothing new: its walkthrough is shown only if it never got its message."""
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.EXERCISE_GONE)
        return
    deps = services(context)
    person = query.from_user
    started = await usecase.start_exercise(
        deps.sessions,
        deps.catalogue,
        person=person_of(person),
        chat_id=message.chat_id,
        exercise_id=exercise_id,
        now=deps.clock(),
        start_key=query.id,
    )
    if not isinstance(started, usecase.Started):
        await query.answer(getattr(texts, REFUSALS[started]))
        return
    await query.answer()
    if started.again and started.run.message_id is not None:
        return
    text, markup = screen(started.run, run_of(started.exercise, started.run))
    sent = await message.chat.send_message(text, reply_markup=markup)
    await usecase.attach_message(deps.sessions, started.run.id, sent.message_id)


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: WalkthroughPress
) -> None:
    deps = services(context)
    pressed = await usecase.press(
        deps.sessions,
        deps.catalogue,
        user_id=query.from_user.id,
        walkthrough_id=data.walkthrough_id,
        version=data.version,
        action=data.action,
        value=data.value,
        message_id=query.message.message_id if query.message is not None else None,
        now=deps.clock(),
    )
    if isinstance(pressed, usecase.Reshown):
        await reshow(query, context, pressed)
        return
    if not isinstance(pressed, usecase.Pressed):
        await query.answer(getattr(texts, REFUSALS[pressed]))
        return
    await query.answer(_press_answer(data.action))
    countdowns = countdowns_of(context)
    countdowns.stop(pressed.run.id)  # any press makes a new version: an old countdown is over
    if pressed.quiet:
        return
    if pressed.after is not None:
        text, markup = routine_screens.after_exercise(deps.catalogue, pressed, pressed.after)
        shown_in = await edit_screen(query, text, markup)
        if pressed.after.following is not None:
            await follow(deps, pressed.after.following.run, shown_in)
        return
    timer_running = pressed.timer_seconds is not None
    run = run_of(pressed.exercise, pressed.run)
    ends_at, now = pressed.ends_at, deps.clock()
    remaining = math.ceil((ends_at - now).total_seconds()) if ends_at is not None else None
    text, markup = screen(
        pressed.run,
        run,
        timer_running=timer_running,
        discomfort=pressed.discomfort,
        remaining=remaining if timer_running else None,
    )
    walkthrough = await follow(deps, pressed.run, await edit_screen(query, text, markup))
    seconds = pressed.timer_seconds or pressed.rest_seconds
    if seconds and pressed.ends_at is not None:
        countdowns.start(walkthrough, run, pressed.ends_at, seconds)


async def reshow(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, reshown: usecase.Reshown
) -> None:
    """Show the walkthrough as it stands: again in the pressed message, or as a new one."""
    await query.answer()
    countdowns = countdowns_of(context)
    countdowns.stop(reshown.run.id)  # it edits a message that is not the screen
    run = run_of(reshown.exercise, reshown.run)
    running = reshown.running
    now = services(context).clock()
    remaining = math.ceil((running.due_at - now).total_seconds()) if running else None
    text, markup = screen(reshown.run, run, timer_running=running is not None, remaining=remaining)
    if reshown.route is Route.RESHOW:
        shown_in: int | None = await send_screen(query, text, markup)
    else:
        shown_in = await edit_screen(query, text, markup)
    walkthrough = await follow(services(context), reshown.run, shown_in)
    if running is not None:  # the hold or rest goes on counting where the screen is now
        countdowns.start(walkthrough, run, running.due_at, running.seconds)


async def follow(deps: Services, run: WalkthroughView, shown_in: int | None) -> WalkthroughView:
    """The walkthrough, told which message shows its screen now (when the screen moved)."""
    if shown_in is None or shown_in == run.message_id:
        return run
    await usecase.attach_message(deps.sessions, run.id, shown_in)
    return replace(run, message_id=shown_in)


def _press_answer(action: Action) -> str | None:
    if action is Action.TIMER:
        return texts.TIMER_STARTED
    if action in (Action.RATE, Action.REASON, Action.DONE_FINE):
        return texts.RECORDED
    return None
