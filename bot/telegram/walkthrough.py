"""The step-by-step walkthrough: one message, edited in place as the person taps.

Order of work on every press: decide with the domain rules, store the result (compare-and-set
on the walkthrough's version), answer the callback query, then edit the message. If the bot
dies between storing and editing, the stored state is right and the next press shows it.
A walkthrough that belongs to a routine hands over to the routine when its exercise ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, Message
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.content import Catalogue, Exercise
from bot.domain.walkthrough import FINISHED, Action, EventKind, InvalidMove, Position, Status, apply
from bot.storage import routines, walkthroughs
from bot.storage.models import Routine, Walkthrough
from bot.storage.users import upsert_user
from bot.telegram import routine as routine_flow
from bot.telegram import texts
from bot.telegram.callbacks import WalkthroughPress
from bot.telegram.runs import Run, run_of, screen
from bot.telegram.services import services

log = logging.getLogger(__name__)


async def start(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise_id: str) -> None:
    """Open a walkthrough at step 1 in a new message (the card stays as a reference)."""
    exercise = services(context).catalogue.get(exercise_id)
    if exercise is None:
        await query.answer(texts.EXERCISE_GONE)
        return
    await open_walkthrough(query, context, exercise)


async def open_walkthrough(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, exercise: Exercise
) -> None:
    """Start `exercise` for whoever pressed, below the pressed message (a card or a reminder)."""
    deps = services(context)
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.EXERCISE_GONE)
        return
    person = query.from_user
    async with deps.sessions.begin() as session:
        await upsert_user(session, person.id, person.first_name, person.language_code)
        walkthrough = await walkthroughs.start_walkthrough(
            session,
            user_id=person.id,
            chat_id=message.chat_id,
            exercise_id=exercise.id,
            step_count=len(exercise.steps),
            now=deps.clock(),
        )
    await query.answer()
    text, markup = screen(
        walkthrough, walkthroughs.position_of(walkthrough), run_of(exercise, walkthrough)
    )
    sent = await message.chat.send_message(text, reply_markup=markup)
    async with deps.sessions.begin() as session:
        await walkthroughs.attach_message(session, walkthrough.id, sent.message_id)


@dataclass(frozen=True, slots=True)
class _Pressed:
    """A press that was stored: what the person sees next is rendered from this."""

    walkthrough: Walkthrough
    routine: Routine | None
    exercise: Exercise
    position: Position
    timer_step: int | None


async def press(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, data: WalkthroughPress
) -> None:
    deps = services(context)
    async with deps.sessions.begin() as session:
        pressed = await _record(session, deps.catalogue, query, data, deps.clock())
    if not isinstance(pressed, _Pressed):
        await query.answer(pressed)
        return
    await query.answer(_press_answer(data.action))
    walkthrough, routine = pressed.walkthrough, pressed.routine
    if routine is not None and pressed.position.status in FINISHED:
        await routine_flow.after_exercise(query, context, routine.id, walkthrough, pressed.position)
        return
    walkthrough.version = data.version + 1
    run = run_of(pressed.exercise, walkthrough, routine)
    timer_step = pressed.timer_step
    await _render(query, walkthrough, pressed.position, run, timer_running=timer_step is not None)
    if timer_step is not None:
        _schedule_timer(context, walkthrough, run.steps[timer_step].hold_seconds or 0)


async def _record(
    session: AsyncSession,
    catalogue: Catalogue,
    query: CallbackQuery,
    data: WalkthroughPress,
    now: datetime,
) -> _Pressed | str:
    """Check and store one press in one short transaction, or say why it changes nothing.

    Nothing here waits for Telegram: the transaction holds the database's write lock.
    """
    loaded = await walkthroughs.load_for_press(session, data.walkthrough_id)
    walkthrough, routine, zone = loaded if loaded else (None, None, None)
    refusal = _refusal(walkthrough, query, data)
    if refusal is None and walkthrough is not None and walkthrough.routine_id is not None:
        refusal = routine_flow.refusal(routine, zone, now)
    exercise = catalogue.get(walkthrough.exercise_id) if walkthrough else None
    if refusal is not None or walkthrough is None:
        return refusal or texts.BUTTON_UNKNOWN
    if exercise is None:
        return texts.EXERCISE_GONE
    before = walkthroughs.position_of(walkthrough)
    try:
        move = apply(before, data.action, data.value)
    except InvalidMove:
        return texts.BUTTON_FIRST_STEP if data.action is Action.BACK else texts.BUTTON_STALE
    timer_step = before.step if data.action is Action.TIMER else None
    stored = await walkthroughs.advance(
        session,
        walkthrough,
        expected_version=data.version,
        position=move.position,
        events=move.events,
        now=now,
        timer_step=timer_step,
        skip_reason=move.skip_reason,
    )
    if not stored:
        return texts.BUTTON_STALE
    return _Pressed(walkthrough, routine, exercise, move.position, timer_step)


def _refusal(
    walkthrough: Walkthrough | None, query: CallbackQuery, data: WalkthroughPress
) -> str | None:
    """Why this press changes nothing, or None when it may proceed."""
    if walkthrough is None:
        return texts.BUTTON_UNKNOWN
    if walkthrough.user_id != query.from_user.id:
        return texts.BUTTON_NOT_YOURS
    if walkthrough.status in FINISHED:
        return texts.BUTTON_ENDED
    if walkthrough.version != data.version:
        return texts.BUTTON_STALE
    return None


def _press_answer(action: Action) -> str | None:
    if action is Action.TIMER:
        return texts.TIMER_STARTED
    if action in (Action.RATE, Action.REASON):
        return texts.RECORDED
    return None


async def _render(
    query: CallbackQuery,
    walkthrough: Walkthrough,
    position: Position,
    run: Run,
    *,
    timer_running: bool = False,
) -> None:
    text, markup = screen(walkthrough, position, run, timer_running=timer_running)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        # The same screen twice (e.g. Stop pressed on two devices) is harmless.
        if "not modified" not in error.message:
            raise


def _schedule_timer(
    context: ContextTypes.DEFAULT_TYPE, walkthrough: Walkthrough, seconds: int
) -> None:
    """A short in-memory timer is acceptable: losing it in a restart loses only a nudge."""
    if context.job_queue is None:
        return
    context.job_queue.run_once(
        timer_finished,
        when=timedelta(seconds=seconds),
        data=(walkthrough.id, walkthrough.version),
        name=f"hold-timer:{walkthrough.id}:{walkthrough.version}",
    )


async def timer_finished(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the person the hold is over, unless they have moved on meanwhile."""
    assert context.job is not None
    walkthrough_id, version = context.job.data  # type: ignore[misc]
    deps = services(context)
    async with deps.sessions.begin() as session:
        walkthrough = await walkthroughs.get_walkthrough(session, walkthrough_id)
        if walkthrough is None or walkthrough.version != version or walkthrough.message_id is None:
            return
        if walkthrough.status != Status.ACTIVE:
            return
        await walkthroughs.record_event(
            session, walkthrough_id, EventKind.TIMER_ENDED, walkthrough.step, deps.clock()
        )
        routine = (
            await routines.get_routine(session, walkthrough.routine_id)
            if walkthrough.routine_id is not None
            else None
        )
    exercise = deps.catalogue.get(walkthrough.exercise_id)
    if exercise is None:
        return
    run = run_of(exercise, walkthrough, routine)
    text, markup = screen(walkthrough, walkthroughs.position_of(walkthrough), run, timer_done=True)
    await context.bot.edit_message_text(
        text,
        chat_id=walkthrough.chat_id,
        message_id=walkthrough.message_id,
        reply_markup=markup,
    )
